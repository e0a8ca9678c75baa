import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS, Role } from '@aiwr/server-access';
import { appUrl } from './browser';

/**
 * Signs in through the dashboard's sign-in form, as a person would, and waits for the page it leads to.
 * `path` is where to go first: a signed-out visit there is sent to /sign-in?next=… and back after.
 */
export async function signInThroughForm(
  page: Page,
  email: string,
  password: string,
  path = '/',
): Promise<void> {
  await page.goto(appUrl(path));
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account').waitFor();
}

/** Signs in as the seeded demo user of a role through the form. */
export function signInAsThroughForm(page: Page, role: Role, path = '/'): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  return signInThroughForm(page, user.email, DEMO_PASSWORD, path);
}
