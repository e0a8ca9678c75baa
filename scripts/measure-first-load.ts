/**
 * `npm run measure:first-load`: in real Chromium, for each page and each role, a first visit with an empty
 * HTTP cache (a fresh browser context per page, already signed in): the bytes transferred as the network
 * reports them (encoded: compressed as sent, headers included), JavaScript apart, and the time from
 * navigation to the first chart drawn with its data (the first element marked data-rendered: a chart's SVG
 * drawing, libs/web/ui StaticChart, or echarts' first frame). Needs the dashboard built
 * (`npm run build:dashboard`); runs the real API on loopback against DATABASE_URL (with-db). Asserts nothing.
 * JavaScript is every script response the page fetched without user interaction, from navigation until the
 * network has been idle for 500 ms (module preloads and lazily imported chunks included).
 * Options: --runs 3 (visits per page and role; the median and spread are printed), --pages /,/coverage
 * (default: every page below), --dist dir (the built dashboard; default dist/dashboard), --list yes
 * (prints each script of the first visit per page with its transferred size, to see where bytes go).
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { UsersService } from '@aiwr/server-access';
import type { Role, ScopeGrant } from '@aiwr/server-access';
import { createApp } from '@aiwr/server-app';
import { argValue } from './bench-support';

const PASSWORD = 'first-load-measure-2026';
const PAGES = [
  '/',
  '/coverage',
  '/drill-down',
  '/compare',
  '/archetypes',
  '/planning',
  '/organisations',
  '/data-quality',
  '/about',
  '/imports',
  '/reports',
];
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];

type Visit = {
  js: number;
  all: number;
  requests: number;
  firstChart: number | null;
  loaded: number;
  scripts: { url: string; bytes: number }[];
};

async function main() {
  const runs = Number(argValue('runs', '3'));
  const pages = argValue('pages', PAGES.join(',')).split(',');
  const list = argValue('list', 'no') === 'yes';
  const dist = path.resolve(argValue('dist', path.join(__dirname, '..', 'dist', 'dashboard')));
  const app = await createApp({ logger: false, dashboardDir: dist });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const users = await measureUsers(app.get(DataSource), app.get(UsersService));
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ');
    console.log(`First visit per page, empty cache, ${runs} runs each; KB = 1,024 bytes as transferred.`);
    // The machine is shared: the load average says how much else was running (2 cores here).
    console.log(`load average at the start (1, 5, 15 min): ${load()}\n`);
    console.log(
      `${'role (scope)'.padEnd(30)} ${'page'.padEnd(14)} ${'JS KB'.padStart(7)} ${'all KB'.padStart(7)} ${'reqs'.padStart(5)} ${'first chart ms (median, min-max)'.padStart(34)}`,
    );
    for (const u of users) {
      const state = await signIn(browser, url, u.email);
      for (const page of pages) {
        const visits: Visit[] = [];
        for (let i = 0; i < runs; i++) visits.push(await visit(browser, state, `${url}${page}`));
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
        const charts = visits.map((v) => v.firstChart).filter((x): x is number => x !== null);
        const chart = charts.length
          ? `${med(charts).toFixed(0)} (${Math.min(...charts).toFixed(0)}-${Math.max(...charts).toFixed(0)})`
          : 'no chart';
        console.log(
          `${`${u.role} (${u.scope})`.padEnd(30)} ${page.padEnd(14)} ${(med(visits.map((v) => v.js)) / 1024).toFixed(1).padStart(7)} ${(med(visits.map((v) => v.all)) / 1024).toFixed(1).padStart(7)} ${String(med(visits.map((v) => v.requests))).padStart(5)} ${chart.padStart(34)}`,
        );
        if (list && u === users[0])
          for (const s of visits[0].scripts)
            console.log(`    ${(s.bytes / 1024).toFixed(1).padStart(7)} ${s.url}`);
      }
    }
    console.log(`\nload average at the end (1, 5, 15 min): ${load()}`);
    console.log(
      `(targets: <= 250 KB of JavaScript transferred on a first load; Overview's first chart <= 1,000 ms)`,
    );
  } finally {
    await browser.close();
    await app.close();
  }
}

/** One user per role, scoped as such users usually are, created through UsersService. */
async function measureUsers(db: DataSource, users: UsersService) {
  const [first] = await db.query(`select s.org_code, o.icb_code, o.region_code from staff_snapshot s
    join organisation o on o.code = s.org_code group by 1, 2, 3 order by sum(s.headcount) desc limit 1`);
  const plan: { role: Role; grant: ScopeGrant }[] = [
    { role: 'planner', grant: { type: 'national', code: '' } },
    { role: 'planner', grant: { type: 'region', code: first.region_code } },
    { role: 'analyst', grant: { type: 'icb', code: first.icb_code } },
    { role: 'trust_lead', grant: { type: 'organisation', code: first.org_code } },
    { role: 'admin', grant: { type: 'national', code: '' } },
  ];
  return Promise.all(
    plan.map(async ({ role, grant }, i) => {
      const email = `first-load.${i}.${role}@measure.aiwr.local`;
      await users
        .create(null, { email, displayName: `First-load ${role}`, role, grants: [grant], password: PASSWORD })
        .catch(() => undefined); // exists from an earlier run
      return { email, role, scope: grant.type === 'national' ? 'national' : `${grant.type} ${grant.code}` };
    }),
  );
}

/** Signs in through the form, as a person would; returns the signed-in browser state (cookies, storage). */
async function signIn(browser: Browser, url: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account').waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One visit in a fresh context (its own empty HTTP cache), counting bytes as the network delivered them. */
async function visit(
  browser: Browser,
  state: Awaited<ReturnType<BrowserContext['storageState']>>,
  target: string,
): Promise<Visit> {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  // The first chart marked as drawn (libs/web/ui StaticChart or EChart), timed from navigation start. A
  // chart is only rendered once its data is in, so this is the first chart with its real figures.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-rendered]')) {
        (window as any).__firstChart = performance.now();
        observer.disconnect();
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-rendered'],
    });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const scripts: Visit['scripts'] = [];
  let js = 0;
  let all = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e: any) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e: any) => {
    requests++;
    all += e.encodedDataLength;
    const url = urls.get(e.requestId) ?? '';
    // A <link rel="modulepreload"> is not always typed Script; count it by what it is.
    if (types.get(e.requestId) === 'Script' || /\.m?js(\?|$)/.test(url)) {
      js += e.encodedDataLength;
      scripts.push({ url: new URL(url).pathname, bytes: e.encodedDataLength });
    }
  });
  await page.goto(target, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // A page with a figure draws its chart once its data is in; a page without one is not waited for.
  const hasFigure = (await page.locator('figure.aiwr-figure').count()) > 0;
  const chart =
    hasFigure &&
    (await page
      .waitForSelector('[data-rendered]', { timeout: 10_000 })
      .then(() => true)
      .catch(() => false));
  const firstChart = chart ? await page.evaluate(() => (window as any).__firstChart as number) : null;
  const loaded = await page.evaluate(() => performance.now());
  await context.close();
  return { js, all, requests, firstChart, loaded, scripts };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
