import { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@aiwr/server-access';
import { appUrl, launchBrowser, screenshot } from '../support/browser';
import { signInAsThroughForm } from '../support/browser-auth';

describe('sign-in (real Chromium, real API, embedded PostgreSQL)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(() => page.close());

  it('sends a signed-out visitor to the sign-in page and back to where they were going', async () => {
    await page.goto(appUrl('/organisations?region=Y56'));
    await page.waitForURL(/\/sign-in\?next=%2Forganisations%3Fregion%3DY56/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email address').fill('analyst@demo.aiwr.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/organisations\?region=Y56/);
    expect(await page.getByTestId('account').textContent()).toContain('Analyst');
  });

  it('says clearly when the password is wrong, without saying whether the account exists', async () => {
    await page.goto(appUrl('/sign-in'));
    await page.getByLabel('Email address').fill('analyst@demo.aiwr.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('The email address or password is not right.');
    expect(page.url()).toContain('/sign-in');
  });

  it('shows a trust lead only their own trust, and signs out', async () => {
    await signInAsThroughForm(page, 'trust_lead', '/organisations');
    const table = page.getByTestId('organisations');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toBe('1 open trusts');
    expect(await table.textContent()).toContain("Guy's and St Thomas'");
    expect(await page.locator('#region option').allTextContents()).toEqual(['All regions', 'London']);
    await screenshot(page, 'organisations-trust-lead');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(appUrl('/organisations'));
    await page.waitForURL(/\/sign-in/);
  });
});
