import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS, Role, seedDemoUsers } from '@aiwr/server-access';
import type { TestApp } from './test-app';

/** Headers that make a request signed in: the session cookie and the CSRF token for mutations. */
export type SignedIn = { headers: Record<string, string>; csrfToken: string; cookie: string };

const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { csrfToken }
}`;

/** Signs in through the real `signIn` mutation and returns the cookie and CSRF header to send. */
export async function signIn(app: TestApp, email: string, password: string): Promise<SignedIn> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`sign-in as ${email} failed: ${body.errors[0].message}`);
  const cookie = sessionCookie(res);
  const csrfToken: string = body.data.signIn.csrfToken;
  return { headers: { cookie, 'x-csrf-token': csrfToken }, csrfToken, cookie };
}

/** Signs in as the seeded demo user of a role (creating the demo users first if needed). */
export async function signInAs(app: TestApp, role: Role): Promise<SignedIn> {
  await ensureDemoUsers(app);
  const user = DEMO_USERS.find((u) => u.role === role)!;
  return signIn(app, user.email, DEMO_PASSWORD);
}

/** The demo user email for a role (the first one seeded for it). */
export const demoEmail = (role: Role) => DEMO_USERS.find((u) => u.role === role)!.email;

const seeded = new WeakSet<TestApp>();

/** Idempotent: creates any missing demo users in the suite's database. */
export async function ensureDemoUsers(app: TestApp): Promise<void> {
  if (seeded.has(app)) return;
  await seedDemoUsers(app.app.get(DataSource));
  seeded.add(app);
}

/** `name=value` of the session cookie from a sign-in response. */
export function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?aiwr_session=/.test(c));
  if (!cookie) throw new Error('the response set no session cookie');
  return cookie.split(';')[0];
}
