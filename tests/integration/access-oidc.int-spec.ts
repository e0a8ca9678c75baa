// OIDC sign-in end to end: the real API (child process, so openid-client loads as native ESM) against a
// local oidc-provider on loopback. The API is configured only through the four OIDC_* variables.
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { seedDemoUsers } from '@aiwr/server-access';

const root = path.resolve(__dirname, '../..');
jest.setTimeout(60_000);

/** A cookie jar per origin, enough to follow a browser's redirects by hand. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return res;
  }

  /** Follows redirects until one leaves `origin` (or a page is returned); gives the last response. */
  async follow(url: string, stopAtOrigin: string): Promise<{ res: Response; url: string }> {
    let current = url;
    for (let i = 0; i < 10; i++) {
      const res = await this.get(current);
      const location = res.headers.get('location');
      if (!location) return { res, url: current };
      current = new URL(location, current).href;
      if (new URL(current).origin === stopAtOrigin) return { res, url: current };
    }
    throw new Error('too many redirects');
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForLine(child: ChildProcess, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within 30 s`)), 30_000);
    child.stdout!.on('data', (d) => {
      if (String(d).includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`process exited with ${code}`)));
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  child.stdout!.resume(); // keep the pipe drained
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not start within 30 s');
}

describe('access: OIDC sign-in against a local identity provider', () => {
  let provider: ChildProcess;
  let api: ChildProcess;
  let db: DataSource;
  let apiUrl: string;
  let idpUrl: string;

  beforeAll(async () => {
    const [idpPort, apiPort] = [await freePort(), await freePort()];
    idpUrl = `http://127.0.0.1:${idpPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    const redirectUri = `${apiUrl}/api/auth/oidc/callback`;
    provider = spawn(
      process.execPath,
      ['tests/support/oidc-test-provider.mjs', String(idpPort), 'aiwr-test', 'test-only-secret', redirectUri],
      { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await waitForLine(provider, 'ready');
    api = spawn(process.execPath, ['-r', './scripts/register.cjs', 'apps/api/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(apiPort),
        OIDC_ISSUER: idpUrl,
        OIDC_CLIENT_ID: 'aiwr-test',
        OIDC_CLIENT_SECRET: 'test-only-secret',
        OIDC_REDIRECT_URI: redirectUri,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForHealth(apiUrl, api);
    db = await openDataSource();
    await seedDemoUsers(db);
    // Pre-provisioned by an admin: known by email, not yet linked to any OIDC subject.
    await db.query(
      `insert into app_user (email, display_name, role) values ('oidc.lead@test.aiwr.local', 'OIDC Lead', 'trust_lead')
       on conflict (email) do nothing`,
    );
    await db.query(
      `insert into user_scope (user_id, scope_type, scope_code)
       select id, 'organisation', 'RJ1' from app_user where email = 'oidc.lead@test.aiwr.local' on conflict do nothing`,
    );
  });
  afterAll(async () => {
    api?.kill();
    provider?.kill();
    await db?.destroy();
  });

  /** Starts at the API's login route, signs in at the provider as `login`, returns the API's final redirect. */
  async function signInAt(browser: Browser, login: string): Promise<string> {
    const toProvider = await browser.follow(`${apiUrl}/api/auth/oidc/login`, idpUrl);
    expect(toProvider.url).toMatch(new RegExp(`^${idpUrl}/auth\\?.*code_challenge_method=S256`));
    // The provider's own pages: login, then consent; each submit redirects onwards.
    let page = await browser.follow(toProvider.url, apiUrl);
    for (const prompt of ['login', 'consent']) {
      if (new URL(page.url).origin === apiUrl) break;
      const uid = new URL(page.url).pathname.split('/').pop();
      const submitted = await browser.get(`${idpUrl}/interaction/${uid}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt, login, password: 'any' }).toString(),
      });
      page = await browser.follow(new URL(submitted.headers.get('location')!, idpUrl).href, apiUrl);
    }
    expect(page.url).toMatch(new RegExp(`^${apiUrl}/api/auth/oidc/callback\\?code=`));
    const callback = await browser.get(page.url);
    expect(callback.status).toBe(302);
    return callback.headers.get('location')!;
  }

  it('offers OIDC sign-in when configured', async () => {
    const res = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ oidcSignInEnabled }' }),
    });
    expect(((await res.json()) as any).data).toEqual({ oidcSignInEnabled: true });
  });

  it('signs in a pre-provisioned user by email, links their subject, and opens a scoped session', async () => {
    const browser = new Browser();
    expect(await signInAt(browser, 'oidc.lead')).toBe('/');
    const cookie = `aiwr_session=${browser.cookie(apiUrl, 'aiwr_session')}`;
    const res = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ me { email role } organisations { code } }' }),
    });
    expect(((await res.json()) as any).data).toEqual({
      me: { email: 'oidc.lead@test.aiwr.local', role: 'trust_lead' },
      organisations: [{ code: 'RJ1' }],
    });
    const [user] = await db.query(
      `select oidc_subject from app_user where email = 'oidc.lead@test.aiwr.local'`,
    );
    expect(user.oidc_subject).toBe('oidc.lead');
    const [audit] = await db.query(
      `select a.details from audit_log a join app_user u on u.id = a.user_id
       where u.email = 'oidc.lead@test.aiwr.local' and a.action = 'sign_in' order by a.id desc limit 1`,
    );
    expect(audit.details.method).toBe('oidc');
  });

  it('refuses someone the identity provider knows but no admin has set up', async () => {
    const browser = new Browser();
    expect(await signInAt(browser, 'stranger')).toBe('/sign-in?error=oidc-refused');
    expect(browser.cookie(apiUrl, 'aiwr_session')).toBeUndefined();
    const [failure] = await db.query(
      `select details from audit_log where action = 'sign_in.failed' and target = 'stranger@test.aiwr.local'`,
    );
    expect(failure.details).toEqual({ method: 'oidc', reason: 'not_provisioned' });
  });

  it('refuses a callback that did not start in this browser', async () => {
    const first = new Browser();
    const toProvider = await first.follow(`${apiUrl}/api/auth/oidc/login`, idpUrl);
    const state = new URL(toProvider.url).searchParams.get('state');
    const other = new Browser();
    const res = await other.get(`${apiUrl}/api/auth/oidc/callback?code=forged&state=${state}`);
    expect(res.headers.get('location')).toBe('/sign-in?error=oidc-refused');
  });
});
