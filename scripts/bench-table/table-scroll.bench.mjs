/* global document, requestAnimationFrame -- used inside page.evaluate, which runs in the browser */
// Benchmark: the dashboard's DataTable with 100,000 rows in Chromium. Prints the time to first render,
// to sort, to switch to the scrolling list, how many rows are in the DOM while scrolling, and frame
// times while scrolling from top to bottom. Run: npm run bench:table
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'dist/bench-table');
const rowsWanted = Number(process.argv[2] ?? 100_000);
execFileSync(
  path.join(root, 'node_modules/.bin/vite'),
  ['build', '--config', 'scripts/bench-table/vite.bench.config.mts'],
  { cwd: root, stdio: 'inherit' },
);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  const file = path.join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
    return res.writeHead(404).end();
  res
    .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    .end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/table-harness.html?rows=${rowsWanted}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const t0 = Date.now();
await page.goto(url);
await page.getByTestId('bench').locator('tbody tr').first().waitFor();
const firstRender = Date.now() - t0;

let t = Date.now();
await page.getByRole('button', { name: /^Modules met/ }).click();
await page
  .getByRole('columnheader', { name: /Modules met/ })
  .and(page.locator('[aria-sort="ascending"], [aria-sort="descending"]'))
  .waitFor();
const sortMs = Date.now() - t;

t = Date.now();
await page.getByRole('button', { name: 'Show all rows in a scrolling list' }).click();
await page.locator('.aiwr-table-virtual').waitFor();
const switchMs = Date.now() - t;

// Scroll the list top to bottom in steps, one step per animation frame, and record frame times.
const result = await page.evaluate(async () => {
  const box = document.querySelector('.aiwr-table-virtual');
  const frames = [];
  let maxRows = 0;
  let last = performance.now();
  const steps = 300;
  for (let i = 1; i <= steps; i++) {
    box.scrollTop = (box.scrollHeight - box.clientHeight) * (i / steps);
    box.dispatchEvent(new Event('scroll'));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    maxRows = Math.max(maxRows, box.querySelectorAll('tbody tr').length);
  }
  const lastCell = box.querySelector('tbody tr:nth-last-child(2) td')?.textContent;
  frames.sort((a, b) => a - b);
  return {
    maxRows,
    median: frames[Math.floor(frames.length / 2)],
    p95: frames[Math.floor(frames.length * 0.95)],
    worst: frames[frames.length - 1],
    lastCell,
  };
});
await browser.close();
server.close();

console.log(
  `DataTable, ${rowsWanted.toLocaleString('en-GB')} rows, Chromium headless (2 frames per scroll step):`,
);
console.log(`  first render (build rows, table, first page): ${firstRender} ms`);
console.log(`  sort by a numeric column:                     ${sortMs} ms`);
console.log(`  switch to the scrolling list:                 ${switchMs} ms`);
console.log(`  rows in the DOM while scrolling (max):        ${result.maxRows}`);
console.log(
  `  scroll step, top to bottom (300 steps): median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, worst ${result.worst.toFixed(1)} ms`,
);
