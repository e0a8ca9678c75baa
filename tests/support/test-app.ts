import { INestApplication } from '@nestjs/common';
import { createApp } from '@aiwr/server-app';

export type TestApp = {
  app: INestApplication;
  url: string;
  gql: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<{ data?: T; errors?: any[] }>;
  close: () => Promise<void>;
};

/** The real API on a random loopback port, against the suite's PostgreSQL. */
export async function startTestApp(opts: { dashboardDir?: string } = {}): Promise<TestApp> {
  const app = await createApp({ logger: false, dashboardDir: opts.dashboardDir });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${address.port}`;
  const gql: TestApp['gql'] = async (query, variables, headers = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  return { app, url, gql, close: () => app.close() };
}
