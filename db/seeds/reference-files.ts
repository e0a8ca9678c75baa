import path from 'node:path';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';

/** Reference data ships inside the project (db/reference) so it runs without the shared folder. */
export const referencePath = (...parts: string[]) => path.join(__dirname, '..', 'reference', ...parts);

export function readCsv(file: string, columns: boolean | string[] = true) {
  return parse(fs.readFileSync(referencePath(file)), {
    columns,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as Record<string, string>[];
}

export function readYaml<T>(file: string): T {
  return YAML.parse(fs.readFileSync(referencePath(file), 'utf8')) as T;
}
