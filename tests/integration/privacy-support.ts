import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { LoggerService } from '@nestjs/common';

export const PRIVACY_FIXTURES = path.join(__dirname, '../fixtures/privacy');

/** Columns whose every value identifies a person (or is personal data) in the privacy fixtures. */
const IDENTIFYING_HEADERS = new Set([
  'Employee Number',
  'Staff ID',
  'Assignment Number',
  'First Name',
  'Last Name',
  'Date of Birth',
  'NI Number',
  'NHS Number',
  'Email Address',
  'Home Postcode',
]);

/**
 * Every identifying value in the fixtures, read positionally (comma-split, so a ragged or broken row still
 * gives up its values). Values are NFC-normalised and trimmed; a date of birth also in ISO form.
 */
export function identifyingValues(files: string[]): string[] {
  const values = new Set<string>();
  for (const file of files) {
    const lines = fs
      .readFileSync(path.join(PRIVACY_FIXTURES, file), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean);
    const header = lines[0].split(',');
    for (const line of lines.slice(1))
      line.split(',').forEach((cell, i) => {
        if (!IDENTIFYING_HEADERS.has(header[i])) return;
        const v = cell.replace(/"/g, '').normalize('NFC').trim();
        if (v.length < 4) return;
        values.add(v);
        const dob = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
        if (dob) values.add(`${dob[3]}-${dob[2]}-${dob[1]}`);
      });
  }
  return [...values];
}

/** The forms a value could take once stored or printed: as is, lower case, without inner spaces. */
const formsOf = (value: string) => {
  const lower = value.toLowerCase();
  return [...new Set([lower, lower.replace(/\s+/g, '')])];
};

/** Which of the values appear in the text, in any of their forms (case-insensitive). */
export function valuesFoundIn(text: string, values: string[]): string[] {
  const hay = text.normalize('NFC').toLowerCase();
  const squeezed = hay.replace(/\s+/g, '');
  return values.filter((v) => formsOf(v).some((f) => hay.includes(f) || squeezed.includes(f)));
}

/** Every table and materialised view in the database, from the catalog, each read whole with COPY. */
export async function dumpDatabase(url: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
         and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
       order by 1`,
    );
    const dump = new Map<string, string>();
    for (const { name } of rows) {
      const chunks: Buffer[] = [];
      const stream = client.query(copyTo(`copy (select * from ${name}) to stdout`));
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      dump.set(name, Buffer.concat(chunks).toString('utf8'));
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** A Nest logger that keeps every line at every level (error, warn, log, debug, verbose, fatal). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      this.lines.push(
        `${level} ${[message, ...rest].map((x) => (typeof x === 'string' ? x : stringify(x))).join(' ')}`,
      );
  log = this.keep('log');
  error = this.keep('error');
  warn = this.keep('warn');
  debug = this.keep('debug');
  verbose = this.keep('verbose');
  fatal = this.keep('fatal');
}

export function stringify(x: unknown): string {
  if (x instanceof Error) return `${x.name}: ${x.message}\n${x.stack ?? ''}`;
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}
