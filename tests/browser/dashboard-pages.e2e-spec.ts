import { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, screenshot } from '../support/browser';
import { signInAsThroughForm } from '../support/browser-auth';
import { seriousAxeViolations, settled } from './dashboard-support';

const PAGES = [
  { path: '/', name: 'overview', heading: /overview|coverage at a glance/i },
  { path: '/coverage', name: 'coverage-matrix', heading: /coverage matrix/i },
  { path: '/drill-down', name: 'drill-down', heading: /drill-down|./i },
  { path: '/compare', name: 'compare', heading: /compare/i },
  { path: '/archetypes', name: 'archetypes', heading: /archetypes/i },
  { path: '/imports', name: 'imports', heading: /imports/i },
  { path: '/data-quality', name: 'data-quality', heading: /data quality/i },
  { path: '/planning', name: 'planning', heading: /^planning$/i },
  { path: '/mappings', name: 'mappings', heading: /mappings, equivalences and targets/i },
  { path: '/about', name: 'about', heading: /how figures are calculated/i },
];

const ROLES = ['admin', 'planner', 'analyst', 'trust_lead'] as const;

jest.setTimeout(60_000);

describe('every dashboard page, for every role: renders, passes axe, screenshot saved', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  describe.each(ROLES)('signed in as %s', (role) => {
    beforeAll(async () => {
      // axe-core/playwright needs a page from an explicit context.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await signInAsThroughForm(page, role);
    });
    afterAll(() => page.context().close());

    it.each(PAGES)(
      '$name has its heading, no serious accessibility problems, and a screenshot',
      async (p) => {
        await page.goto(appUrl(p.path));
        await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
        await settled(page);
        await screenshot(page, `${role}-${p.name}`);
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
    );
  });
});
