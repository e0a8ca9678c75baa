/**
 * `npm run bench:reports`: how long one report pack takes from "send now" to the email accepted by SMTP
 * (render the print view in headless Chromium as the recipient, build the XLSX, store, send), for a trust
 * lead (one trust) and a regional planner (London), on the `demo` workforce loaded through the real import
 * pipeline. Prints p50/p95/min/max over --runs (default 8) per recipient and the pack sizes; asserts
 * nothing about time. Own embedded PostgreSQL in `.bench-reports/`.
 */
import 'reflect-metadata';
import path from 'node:path';
import { migrateAndSeedReference, openDataSource } from '@aiwr/db';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '@aiwr/server-access';
import { loadConfig } from '@aiwr/server-core';
import { seedDemo } from '@aiwr/server-demo-data';
import { argValue } from './bench-support';

async function main() {
  const runs = Number(argValue('runs', '8'));
  const root = path.resolve(__dirname, '..');
  const config = loadConfig();
  await migrateAndSeedReference(config.databaseUrl);
  const ds = await openDataSource();
  await seedDemoUsers(ds);
  await seedDemo(ds, {
    size: 'demo',
    seed: 42,
    workDir: path.join(config.dataDir, 'demo-files'),
    pseudonymisationKey: config.pseudonymisationKey,
    ifEmpty: true,
    log: (m) => console.log(`[bench] ${m}`),
  });
  // A real SMTP server on loopback receives the packs (and keeps them in .bench-reports/mail).
  const { startDevSmtp } = await import('./dev-smtp.mjs');
  const smtp = await startDevSmtp({ dir: path.join(config.dataDir, 'mail') });
  Object.assign(process.env, { SMTP_URL: smtp.url, REPORTS_WORKER: 'on' });
  const { createApp } = await import('@aiwr/server-app');
  const app = await createApp({ logger: false, dashboardDir: path.join(root, 'dist/dashboard') });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  try {
    for (const role of ['trust_lead', 'planner'] as const) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      const session = await signIn(url, user.email);
      const gql = async (query: string, variables: object) => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...session },
          body: JSON.stringify({ query, variables }),
        });
        const body: any = await res.json();
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data;
      };
      const { subscribeToReport } = await gql(
        `mutation($input: ReportSubscriptionInput!) { subscribeToReport(input: $input) { id } }`,
        {
          input: {
            title: `Bench ${role}`,
            sections: ['overview', 'matrix', 'compare', 'data_quality'],
            cadence: 'monthly',
          },
        },
      );
      const times: number[] = [];
      let sizes = { pdf: 0, xlsx: 0 };
      for (let i = 0; i < runs + 1; i++) {
        const t = performance.now();
        await gql(`mutation($id: ID!) { sendReportNow(id: $id) }`, { id: subscribeToReport.id });
        for (;;) {
          const [row] = await ds.query(
            `select status, pdf_bytes, xlsx_bytes from report_delivery where subscription_id = $1 order by created_at desc limit 1`,
            [subscribeToReport.id],
          );
          if (row.status === 'sent') {
            sizes = { pdf: row.pdf_bytes, xlsx: row.xlsx_bytes };
            break;
          }
          if (row.status === 'failed' || row.status === 'retrying')
            throw new Error(`send failed: ${JSON.stringify(row)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        if (i > 0) times.push(performance.now() - t); // the first run warms up Chromium's disk cache
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      console.log(
        `${role.padEnd(10)} ${user.grants
          .map((g) => `${g.type}:${g.code}`)
          .join(',')
          .padEnd(20)} runs ${runs}` +
          `  p50 ${(q(0.5) / 1000).toFixed(2)} s  p95 ${(q(0.95) / 1000).toFixed(2)} s` +
          `  min ${(times[0] / 1000).toFixed(2)} s  max ${(times[times.length - 1] / 1000).toFixed(2)} s` +
          `  PDF ${(sizes.pdf / 1024).toFixed(0)} KiB  XLSX ${(sizes.xlsx / 1024).toFixed(0)} KiB`,
      );
    }
  } finally {
    await app.close();
    await smtp.close();
    await ds.destroy();
  }
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }`,
      variables: { e: email, p: DEMO_PASSWORD },
    }),
  });
  const body: any = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('aiwr_session='))!
    .split(';')[0];
  return { cookie, 'x-csrf-token': body.data.signIn.csrfToken };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
