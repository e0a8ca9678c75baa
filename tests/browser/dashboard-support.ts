// Helpers for the dashboard's browser tests: sign in as a demo user, check accessibility with axe-core.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { signInAsThroughForm } from '../support/browser-auth';

/** Serious and critical WCAG 2.2 A/AA violations on the page as it is now (an empty list is a pass). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Waits until no "Loading …" status is on the page (data and page chunks have arrived). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.aiwr-loading').first().waitFor({ state: 'detached', timeout: 20_000 });
}

/** A fresh browser context (own cookies, downloads allowed), signed in as `role` and settled on `pathname`. */
export async function openSignedIn(
  browser: Browser,
  role: 'admin' | 'planner' | 'analyst' | 'trust_lead',
  pathname: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signInAsThroughForm(page, role, pathname);
  await settled(page);
  return page;
}
