// Vite import aliases (dashboard and table benchmark) come from tsconfig.base.json, as jest's do
// (scripts/jest-paths.cjs), so a new web lib needs its path added in one place only. The browser bundle may
// only see web and shared code (lint enforces the same).
import fs from 'node:fs';
import path from 'node:path';

export function webAliases(workspace: string): Record<string, string> {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(workspace, 'tsconfig.base.json'), 'utf8'));
  const paths = compilerOptions.paths as Record<string, string[]>;
  return Object.fromEntries(
    Object.entries(paths)
      .filter(([alias]) => /^@aiwr\/(web|shared)-/.test(alias))
      .map(([alias, [target]]) => [alias, path.join(workspace, target)]),
  );
}
