import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@aiwr/server-access';
import { startTestApp, TestApp } from '../support/test-app';
import { demoEmail, ensureDemoUsers, sessionCookie, signIn, signInAs } from '../support/auth';

const ME = `{ me { email role grants { type code } csrfToken } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { email } }`;

type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

describe('access: sign-in, sessions, CSRF, sign-out, rate limit', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await ensureDemoUsers(t);
  });
  afterAll(() => t.close());

  const postSignIn = (
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse> =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
    });

  it('refuses every protected field without a session, and says how to fix it', async () => {
    const { data, errors } = await t.gql(`{ organisations { code } }`);
    expect(data).toBeNull();
    expect(errors![0]).toMatchObject({
      message: 'Sign in to continue.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await t.gql(ME)).data).toEqual({ me: null });
  });

  it('signs in with an HTTP-only, SameSite=Lax session cookie and returns the CSRF token', async () => {
    const res = await postSignIn(demoEmail('planner'), DEMO_PASSWORD);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('aiwr_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/); // Secure (and the __Host- prefix) only when NODE_ENV=production
    const { data } = await t.gql(ME, {}, { cookie: sessionCookie(res) });
    expect(data.me).toMatchObject({
      email: 'planner@demo.aiwr.local',
      role: 'planner',
      grants: [{ type: 'region', code: 'Y56' }],
    });
    expect(data.me.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('keeps only a hash of the session token in PostgreSQL, and argon2id password hashes', async () => {
    const s = await signInAs(t, 'analyst');
    const token = decodeURIComponent(s.cookie.split('=')[1]);
    const [{ stored }] = await db.query(`select count(*)::int as stored from user_session where id = $1`, [
      token,
    ]);
    expect(stored).toBe(0);
    const [{ hash }] = await db.query(`select password_hash as hash from app_user where email = $1`, [
      demoEmail('analyst'),
    ]);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('requires the CSRF header on mutations from a signed-in session', async () => {
    const s = await signInAs(t, 'analyst');
    const without = await t.gql(`mutation { signOut }`, {}, { cookie: s.cookie });
    expect(without.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(without.errors![0].message).toMatch(/CSRF/);
    const wrong = await t.gql(
      `mutation { signOut }`,
      {},
      { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    );
    expect(wrong.errors![0].extensions.code).toBe('FORBIDDEN');
    // Queries do not need it: SameSite=Lax keeps the cookie off cross-site POSTs.
    expect((await t.gql(`{ regions { code } }`, {}, { cookie: s.cookie })).errors).toBeUndefined();
  });

  it('signs out: the session ends, the cookie is cleared, and both are audited', async () => {
    const s = await signInAs(t, 'analyst');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.headers },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(((await res.json()) as any).data).toEqual({ signOut: true });
    expect(res.headers.getSetCookie().some((c) => /^aiwr_session=;/.test(c))).toBe(true);
    const after = await t.gql(`{ regions { code } }`, {}, s.headers);
    expect(after.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const actions = await db.query(
      `select a.action from audit_log a join app_user u on u.id = a.user_id
       where u.email = $1 order by a.id desc limit 2`,
      [demoEmail('analyst')],
    );
    expect(actions.map((a: any) => a.action)).toEqual(['sign_out', 'sign_in']);
  });

  it('refuses a wrong password with the same message as an unknown email, and audits it without the password', async () => {
    const wrong = await (await postSignIn(demoEmail('admin'), 'wrong-password-1')).json();
    const unknown = await (await postSignIn('nobody@demo.aiwr.local', 'wrong-password-1')).json();
    expect(wrong.errors[0]).toMatchObject({
      message: 'The email address or password is not right.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors[0].message).toBe(wrong.errors[0].message);
    const failures = await db.query(
      `select target, details from audit_log where action = 'sign_in.failed' and target = any($1) order by id`,
      [[demoEmail('admin'), 'nobody@demo.aiwr.local']],
    );
    expect(failures.map((f: any) => [f.target, f.details.reason])).toEqual([
      [demoEmail('admin'), 'wrong_password'],
      ['nobody@demo.aiwr.local', 'unknown_user'],
    ]);
    expect(JSON.stringify(failures)).not.toContain('wrong-password-1');
  });

  it('blocks an email from an address after 5 failures in 15 minutes, even with the right password', async () => {
    const email = demoEmail('trust_lead');
    for (let i = 0; i < 5; i++) {
      const body = await (await postSignIn(email, `wrong-${i}-password`)).json();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await (await postSignIn(email, DEMO_PASSWORD)).json();
    expect(blocked.errors[0]).toMatchObject({
      message: 'Too many failed sign-in attempts. Wait 15 minutes and try again.',
      extensions: { code: 'TOO_MANY_REQUESTS' },
    });
    // Other accounts from the same address are not affected by one account's failures.
    await expect(signIn(t, demoEmail('planner'), DEMO_PASSWORD)).resolves.toBeDefined();
  });

  it('does not sign in a disabled user, and a disabled user loses their sessions at once', async () => {
    const admin = await signInAs(t, 'admin');
    const created = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: 'leaver@test.aiwr.local',
          displayName: 'Leaver',
          role: 'analyst',
          grants: [{ type: 'national' }],
          password: 'a-long-enough-password',
        },
      },
      admin.headers,
    );
    const leaver = await signIn(t, 'leaver@test.aiwr.local', 'a-long-enough-password');
    expect((await t.gql(`{ regions { code } }`, {}, leaver.headers)).errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!) { disableUser(userId: $id) { disabledAt } }`,
      { id: created.data.createUser.id },
      admin.headers,
    );
    expect((await t.gql(`{ regions { code } }`, {}, leaver.headers)).errors![0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    await expect(signIn(t, 'leaver@test.aiwr.local', 'a-long-enough-password')).rejects.toThrow(
      'The email address or password is not right.',
    );
  });
});
