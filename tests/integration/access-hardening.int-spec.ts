import { startTestApp, TestApp } from '../support/test-app';
import { signInAs } from '../support/auth';

type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

describe('access: HTTP and GraphQL hardening', () => {
  let t: TestApp;
  let analyst: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    analyst = (await signInAs(t, 'analyst')).headers;
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = analyst): Promise<JsonResponse> =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('sends helmet security headers with a CSP that allows only this origin', async () => {
    const res = await fetch(`${t.url}/health`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses batched requests', async () => {
    const res = await post([{ query: '{ regions { code } }' }, { query: '{ regions { code } }' }]);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batch/i);
  });

  it('refuses too many aliases before running anything', async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `r${i}: regions { code }`).join(' ')} }`;
    const body = await (await post({ query })).json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/aliases limit/i);
  });

  it('refuses a page size that makes the query too costly', async () => {
    const admin = (await signInAs(t, 'admin')).headers;
    const body = await (
      await post({ query: '{ auditLog(first: 400) { nodes { id at action target scope details } } }' }, admin)
    ).json();
    expect(body.errors[0].message).toMatch(/cost limit/i);
  });

  it('answers bad input with a clear message and errors with nothing but message, path and code', async () => {
    const body = await (await post({ query: '{ icbs(on: "2026-02-30") { code } }' })).json();
    expect(body.errors).toEqual([
      {
        message: 'on must be a date written YYYY-MM-DD, e.g. 2026-04-01.',
        locations: [{ line: 1, column: 3 }],
        path: ['icbs'],
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    const signedOut = await (await post({ query: '{ regions { code } }' }, {})).json();
    expect(Object.keys(signedOut.errors[0].extensions)).toEqual(['code']);
  });
});
