import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const EMAIL = `first.admin.${process.pid}@prod.aiwr.local`;
const PASSWORD = 'correct horse battery staple 2026';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The API as an operator runs it (docs/deploying.md): NODE_ENV=production, its own process, checked only
 * from outside over HTTP. The first administrator comes from `npm run user:create`, not SQL.
 */
describe('production mode, from outside', () => {
  const env = { ...process.env, NODE_ENV: 'production', AIWR_LOG_REQUESTS: undefined };
  let api: ChildProcess;
  let url: string;
  const output: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['-r', './scripts/register.cjs', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (d) => output.push(String(d)));
    api.stderr!.on('data', (d) => output.push(String(d)));
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      if (api.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the API did not start:\n${output.join('')}`);
  });
  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
  });

  const gql = async (query: string, variables?: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { res, body: (await res.json()) as { data?: any; errors?: any[] } };
  };

  it('creates the first administrator with user:create, reading the password from standard input', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        './scripts/register.cjs',
        'apps/cli/src/user-create.ts',
        '--email',
        EMAIL,
        '--name',
        'First Admin',
      ],
      { cwd: ROOT, env, input: `${PASSWORD}\n`, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`created admin ${EMAIL} (national)\n`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD); // never echoed
    const again = spawnSync(
      process.execPath,
      ['-r', './scripts/register.cjs', 'apps/cli/src/user-create.ts', '--email', EMAIL, '--name', 'Twice'],
      { cwd: ROOT, env, input: `${PASSWORD}\n`, encoding: 'utf8' },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('signs in with a Secure, HttpOnly __Host- cookie', async () => {
    const { res, body } = await gql(
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { email role } }`,
      { e: EMAIL, p: PASSWORD },
    );
    expect(body.data.signIn).toEqual({ email: EMAIL, role: 'admin' });
    const cookie = res.headers.getSetCookie().find((c) => c.includes('aiwr_session='))!;
    expect(cookie).toMatch(/^__Host-aiwr_session=[^;]+;/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    const me = await gql(`{ me { email } }`, undefined, { cookie: cookie.split(';')[0] });
    expect(me.body.data.me.email).toBe(EMAIL);
  });

  it('turns introspection off', async () => {
    const { res, body } = await gql(`{ __schema { queryType { name } } }`);
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(/introspection/i);
  });

  it('gives no "Did you mean" field suggestions', async () => {
    const { res, body } = await gql(`{ regoins { code } }`);
    expect(res.status).toBe(400);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/did you mean/i);
    expect(JSON.stringify(body)).not.toContain('regions');
  });

  it('sends HSTS and upgrade-insecure-requests (meant for the TLS-terminating proxy in front)', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('upgrade-insecure-requests');
    expect(csp).toMatch(/font-src 'self'(;|$)/);
  });
});
