import type { Browser, BrowserContext, Page } from 'playwright-core';
import { appUrl, launchBrowser } from '../support/browser';
import { signInAsThroughForm } from '../support/browser-auth';
import { settled } from './dashboard-support';

jest.setTimeout(180_000);

/**
 * No page asks another host for anything: not fonts, not scripts, not images. The pages are found by
 * following the links the dashboard itself shows (so a new page is covered without editing this test),
 * signed in as the administrator, who sees every page; plus the sign-in page and an unknown address.
 */
describe('every page loads only from its own origin', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const origin = new URL(appUrl('/')).origin;
  const requests: { from: string; url: string }[] = [];
  let current = 'sign-in';

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('request', (r) => requests.push({ from: current, url: r.url() }));
    page = await context.newPage();
  });
  afterAll(() => browser.close());

  const elsewhere = () =>
    requests.filter(({ url }) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);

  // Runs in the page (this file is compiled without the DOM library, hence the loose types).
  const sameOriginLinks = (): Promise<string[]> =>
    page.$$eval('a[href]', (anchors: any[]) => {
      const here = (globalThis as any).location.origin;
      return anchors.map((a) => a.href as string).filter((h) => h.startsWith(here));
    });

  it('visits the sign-in page and every page reachable from the dashboard, and none asks another origin', async () => {
    await signInAsThroughForm(page, 'admin', '/');
    await settled(page);
    const toVisit = ['/', '/no-such-page', ...(await sameOriginLinks()).map((h) => new URL(h).pathname)];
    const visited = new Set<string>();
    while (toVisit.length) {
      const path = toVisit.shift()!;
      // Downloads (exports, error reports) and the API are not pages.
      if (visited.has(path) || path.startsWith('/api') || path.startsWith('/graphql')) continue;
      visited.add(path);
      current = path;
      await page.goto(appUrl(path));
      await settled(page);
      for (const link of await sameOriginLinks()) toVisit.push(new URL(link).pathname);
    }
    expect([...visited]).toEqual(
      expect.arrayContaining([
        '/',
        '/coverage',
        '/drill-down',
        '/compare',
        '/archetypes',
        '/imports',
        '/about',
      ]),
    );
    expect(requests.length).toBeGreaterThan(visited.size);
    expect(elsewhere()).toEqual([]);
  });

  it('declares no webfont from another host; text falls back to Arial', async () => {
    const fontSources: string[] = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return [...doc.styleSheets]
        .flatMap((sheet: any) => [...sheet.cssRules])
        .filter((rule: any) => rule.constructor.name === 'CSSFontFaceRule')
        .map((rule: any) => rule.style.getPropertyValue('src'));
    });
    expect(fontSources.filter((src) => /https?:/.test(src))).toEqual([]);
    const family: string = await page.evaluate(() => {
      const g = globalThis as any;
      return g.getComputedStyle(g.document.body).fontFamily;
    });
    expect(family.toLowerCase()).toContain('arial');
  });
});
