// `npm test`: every check CI runs, in order: lint (with module boundaries), format, typecheck, generated
// code freshness, dashboard build (prints the bundle size), then unit, integration and browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportBundle } from './bundle-size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const bin = (name) => path.join(root, 'node_modules/.bin', name);

function step(title, cmd, args) {
  console.log(`\n=== ${title}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  console.log(
    `=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
  );
  if (r.status !== 0) {
    console.log(`\n0 passed, 1 failed`);
    process.exit(r.status ?? 1);
  }
}

step('lint (eslint + @nx/enforce-module-boundaries)', bin('nx'), [
  'run-many',
  '-t',
  'lint',
  '--parallel=2',
  '--outputStyle=static',
]);
step('format (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
step('typecheck (server, libs, db, tests)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('typecheck (dashboard)', bin('tsc'), ['-p', 'apps/dashboard/tsconfig.json', '--noEmit']);
step('generated dashboard types match schema.graphql', bin('graphql-codegen'), [
  '--config',
  'apps/dashboard/codegen.ts',
  '--check',
  '--silent',
]);
step('dashboard build', bin('vite'), [
  'build',
  '--config',
  'apps/dashboard/vite.config.mts',
  '--logLevel',
  'warn',
]);
reportBundle(path.join(root, 'dist/dashboard'));

const results = path.join(root, 'test-artifacts/jest-results.json');
fs.mkdirSync(path.dirname(results), { recursive: true });
console.log('\n=== jest: unit, integration (embedded PostgreSQL), browser (Chromium)');
const jest = spawnSync(
  bin('jest'),
  [
    '--config',
    'jest.config.cjs',
    '--runInBand',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
let summary = { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0 };
if (fs.existsSync(results)) summary = JSON.parse(fs.readFileSync(results, 'utf8'));
console.log(
  `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`,
);
process.exit(jest.status === 0 && summary.numFailedTests === 0 ? 0 : 1);
