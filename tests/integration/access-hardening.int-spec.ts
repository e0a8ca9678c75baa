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
    // Fonts from this origin only (no third-party font host).
    expect(csp).toMatch(/font-src 'self'(;|$)/);
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

  it('answers a document over the token limit with 400 and the limit, however it got there', async () => {
    const many = (n: number, part: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => part(i)).join(' ');
    for (const query of [
      `{ ${many(1000, (i) => `a${i}: regions { code }`)} }`, // 1,000 aliases
      `{ regions { code ${many(2_500, () => '@include(if: true)')} } }`, // 2,500 directives (more would exceed the body limit, 413)
      `{ regions { ...f ${many(10_000, () => '...f')} } } fragment f on Region { code }`, // fragment spreads
    ]) {
      const res = await post({ query });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        {
          message: 'The query was refused: Token limit of 2000 exceeded.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    }
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
