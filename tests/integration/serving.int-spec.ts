/**
 * Serving as a CDN would: the dashboard built by the real Vite config (with its precompression step) and
 * served by the real app: brotli/gzip chosen by Accept-Encoding, hashed assets cached for a year, index.html
 * always revalidated; large GraphQL answers compressed, from Apollo and from the response cache alike.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, ensureDemoUsers, signInAs } from '../support/auth';
import { seedWorkforce } from './coverage-workforce';

const ROOT = path.join(__dirname, '../..');
const ORGS = ['RJ1', 'RJ2'];
const BY_ORG = `query { coverage(groupBy: [ORGANISATION, STAFF_GROUP, ARCHETYPE]) { rows { keys { code label } headcount { value suppressed } archetypeCoveragePct { value suppressed } } } }`;

let dir: string;
let app: TestApp;
let db: DataSource;
let workforce: { remove: () => Promise<void> };
let planner: SignedIn;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-dashboard-'));
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/vite'),
    [
      'build',
      '--config',
      'apps/dashboard/vite.config.mts',
      '--outDir',
      dir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  app = await startTestApp({ dashboardDir: dir });
  db = app.app.get(DataSource);
  workforce = await seedWorkforce(db, { seed: 14, orgs: ORGS, dates: ['2026-07-31'], peoplePerOrg: 40 });
  await new Promise((r) => setTimeout(r, 150)); // the rollup NOTIFY reaches the caches
  await ensureDemoUsers(app);
  planner = await signInAs(app, 'planner');
}, 180_000);

afterAll(async () => {
  await workforce.remove();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const entryScript = () => {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)![1];
};

test('a hashed asset comes precompressed with brotli and is cached for a year as immutable', async () => {
  const url = entryScript();
  const res = await fetch(`${app.url}${url}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-encoding')).toBe('br');
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
  expect(res.headers.get('content-type')).toMatch(/javascript/);
  // fetch decodes brotli: what arrives is the very file Vite wrote, and the wire carried the .br copy.
  expect(await res.text()).toBe(fs.readFileSync(path.join(dir, url), 'utf8'));
  expect(Number(res.headers.get('content-length'))).toBe(fs.statSync(path.join(dir, `${url}.br`)).size);
});

test('a client without brotli gets the gzip copy, one without compression the plain file', async () => {
  const url = entryScript();
  const gz = await fetch(`${app.url}${url}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers.get('content-encoding')).toBe('gzip');
  expect(gz.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  await gz.arrayBuffer();
  const plain = await fetch(`${app.url}${url}`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  expect(Number(plain.headers.get('content-length'))).toBe(fs.statSync(path.join(dir, url)).size);
  await plain.arrayBuffer();
});

test('a file copied into assets/ under its own name (not content-hashed) is revalidated, not immutable', async () => {
  const icon = fs.readdirSync(path.join(dir, 'assets/images')).find((f) => f.endsWith('.svg'))!;
  const res = await fetch(`${app.url}/assets/images/${icon}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-cache');
  await res.arrayBuffer();
});

test('index.html, and every client-side route that falls back to it, is revalidated on each load', async () => {
  for (const route of ['/index.html', '/', '/coverage/matrix']) {
    const res = await fetch(`${app.url}${route}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain(entryScript());
  }
});

test('a large GraphQL answer is compressed, from Apollo and from the response cache, and decodes to the same JSON', async () => {
  const post = (encoding: string) =>
    fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { ...planner.headers, 'content-type': 'application/json', 'accept-encoding': encoding },
      body: JSON.stringify({ query: BY_ORG }),
    });
  const miss = await post('br');
  const hit = await post('br');
  const gzipHit = await post('gzip');
  const plainHit = await post('identity');
  expect(miss.headers.get('x-aiwr-cache')).toBeNull();
  expect(miss.headers.get('content-encoding')).toBe('br');
  expect(hit.headers.get('x-aiwr-cache')).toBe('hit');
  expect(hit.headers.get('content-encoding')).toBe('br');
  expect(gzipHit.headers.get('content-encoding')).toBe('gzip');
  expect(plainHit.headers.get('content-encoding')).toBeNull();
  const missBody = await miss.text();
  const plainBody = await plainHit.text();
  expect(JSON.parse(missBody).data.coverage.rows.length).toBeGreaterThan(10);
  expect(Buffer.byteLength(plainBody)).toBeGreaterThan(1024);
  expect(await hit.text()).toBe(missBody);
  expect(await gzipHit.text()).toBe(missBody);
  expect(plainBody).toBe(missBody);
});
