/**
 * Scheduled report packs end to end: real PostgreSQL, the pg-boss queue, headless Chromium rendering the
 * built dashboard's print view, and a real SMTP server on loopback. Two recipients of one subscription
 * each get only their own figures; a failing send is retried, then marked failed; two API processes
 * planning and sending at once send each pack once; allowed and denied pairs for the API, the download
 * links and the unsubscribe link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { refreshRollups } from '@aiwr/server-coverage';
import { DEMO_PASSWORD, SessionService } from '@aiwr/server-access';
import {
  planningTargetDate,
  REPORTS_CONFIG,
  ReportPlanner,
  ReportQueue,
  ReportsConfig,
  unsubscribeToken,
} from '@aiwr/server-subscriptions';
import { TestApp, startTestApp } from '../support/test-app';
import { demoEmail, SignedIn, signIn, signInAs } from '../support/auth';
import { parseMail, startSmtp, TestSmtp } from '../support/smtp';
import {
  Catalogue,
  ensureCatalogue,
  generateWorkforce,
  insertWorkforce,
  removeCatalogue,
  workforceOptions,
} from './coverage-workforce';

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

const mailsTo = (email: string, title?: string) =>
  smtp.received
    .filter((m) => m.to.includes(email))
    .map((m) => parseMail(m.raw))
    .filter((m) => !title || m.headers.subject.startsWith(`${title}:`));
/** The PDF's text, by pdf-parse (in a child process: see tests/support/pdf-text.mjs). */
const pdfText = (pdf: Buffer) =>
  execFileSync(process.execPath, [path.join(root, 'tests/support/pdf-text.mjs')], {
    input: pdf,
    encoding: 'utf8',
  });
const deliveryRows = (subscriptionId: string) =>
  db.query(
    `select d.id, u.email, d.status, d.attempts, d.scope, d.last_error as "lastError", d.period
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
    execFileSync(
      'npx',
      ['vite', 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  smtp = await startSmtp();
  for (const k of ['SMTP_URL', 'REPORTS_WORKER', 'REPORTS_RETRY_LIMIT', 'REPORTS_RETRY_DELAY_SECONDS'])
    env[k] = process.env[k];
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    REPORTS_WORKER: 'on',
    REPORTS_RETRY_LIMIT: '2',
    REPORTS_RETRY_DELAY_SECONDS: '1',
  });
  app = await startTestApp({ dashboardDir });
  db = app.app.get(DataSource);
  // Suites share one database and run one at a time: start with no subscriptions left by another suite
  // (the authorisation matrix makes some), so the planner here plans only this suite's packs.
  await db.query(`delete from report_subscription`);
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
  for (const role of ['trust_lead', 'admin', 'analyst', 'planner'])
    as[role] = await signInAs(app, role as any);
  as.manchester = await signIn(app, MANCHESTER, DEMO_PASSWORD);
});

afterAll(async () => {
  await db?.query(`delete from report_subscription`);
  await db?.query(`delete from staff_snapshot where org_code = any($1)`, [Object.keys(ORGS)]);
  if (catalogue) await removeCatalogue(db, catalogue);
  await app?.close();
  await smtp?.close();
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

const GUYS = () => demoEmail('trust_lead');
const runPlanner = async (target = app) => {
  // What the scheduled planner does when pg-boss's cron fires it: record the due packs, queue them.
  const due = await target.app.get(ReportPlanner).planDue();
  await target.app.get(ReportQueue).enqueueSends(due);
  return due;
};

describe('two recipients of one subscription, each in their own scope', () => {
  const PACK = 'Trust AI training pack';
  let subscriptionId: string;

  beforeAll(async () => {
    const d = await ok('admin', SUBSCRIBE_GROUP, {
      input: input(PACK),
      emails: [GUYS(), MANCHESTER],
    });
    subscriptionId = d.subscribeGroupToReport.id;
    await runPlanner();
    await until(
      'both packs sent',
      async () => mailsTo(GUYS(), PACK).length === 1 && mailsTo(MANCHESTER, PACK).length === 1,
    );
  });

  it("each PDF holds only the recipient's own figures, with scope, as-at date and page numbers", async () => {
    const [guys] = mailsTo(GUYS(), PACK);
    const [manchester] = mailsTo(MANCHESTER, PACK);
    const text = async (mail: typeof guys) => {
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
      fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'test-artifacts', `pack-${mail.headers.to.split('@')[0]}.pdf`),
        pdf.content,
      );
      return pdfText(pdf.content).replace(/\s+/g, ' ');
    };
    const g = await text(guys);
    const m = await text(manchester);
    // Each pack is computed as its recipient: own trust and own headcount, never the other's.
    expect(g).toContain('Organisation RJ1');
    expect(g).toContain(`Headcount ${ORGS.RJ1} `);
    expect(g).not.toMatch(/R0A|Manchester/);
    expect(m).toContain('Organisation R0A');
    expect(m).toContain(`Headcount ${ORGS.R0A} `);
    expect(m).not.toMatch(/RJ1|Guy/);
    for (const t of [g, m]) {
      expect(t).toContain('Trust AI training pack');
      expect(t).toContain(`As at ${DATE}`);
      expect(t).toMatch(/Page 1 of \d/);
      expect(t).toContain('Coverage matrix'); // the second section
      // Definitions: each of the two sections ends with its own.
      expect(t.match(/About these figures As at/g)).toHaveLength(2);
    }
    expect(g).toContain('Scope: organisation:RJ1');
    expect(m).toContain('Scope: organisation:R0A');
  });

  it("each XLSX holds only the recipient's own trust", async () => {
    for (const [email, own, other] of [
      [GUYS(), 'RJ1', 'R0A'],
      [MANCHESTER, 'R0A', 'RJ1'],
    ]) {
      const [mail] = mailsTo(email, PACK);
      const xlsx = mail.attachments.find((a) => a.filename.endsWith('.xlsx'))!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.content as any);
      const values = JSON.stringify(wb.getWorksheet('Data')!.getSheetValues());
      const [name] = await db.query(`select name from organisation where code = $1`, [own]);
      const [otherName] = await db.query(`select name from organisation where code = $1`, [other]);
      expect(values).toContain(name.name);
      expect(values).not.toContain(otherName.name);
      expect(values).toContain(String(ORGS[own as keyof typeof ORGS]));
    }
  });

  it('records the history and the audit: to whom, in which scope', async () => {
    const rows = await deliveryRows(subscriptionId);
    expect(rows.map((r: any) => [r.email, r.status, r.scope, r.attempts])).toEqual(
      [
        [GUYS(), 'sent', 'organisation:RJ1', 1],
        [MANCHESTER, 'sent', 'organisation:R0A', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const audit = await db.query(
      `select a.action, a.scope, a.details->>'to' as "to" from audit_log a
       where a.target = $1 order by a.id`,
      [`report_subscription:${subscriptionId}`],
    );
    expect(audit[0]).toMatchObject({ action: 'report_subscription.create', scope: 'national' });
    const sent = audit.filter((a: any) => a.action === 'report_pack.sent');
    expect(sent.map((a: any) => [a.to, a.scope]).sort()).toEqual(
      [
        [GUYS(), 'organisation:RJ1'],
        [MANCHESTER, 'organisation:R0A'],
      ].sort(),
    );
  });

  it('the planner sends nothing more in the same period', async () => {
    const before = (await deliveryRows(subscriptionId)).map((r: any) => r.id);
    const due = await runPlanner();
    expect(due.filter((id) => !before.includes(id))).toEqual([]);
    expect((await deliveryRows(subscriptionId)).map((r: any) => r.id)).toEqual(before);
  });

  it('emails carry a working one-click unsubscribe link; a forged one is refused', async () => {
    const [mail] = mailsTo(MANCHESTER, PACK);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /<(http[^>]+unsubscribe[^>]+)>/.exec(mail.headers['list-unsubscribe'])![1];
    const forged = link.replace(/t=[^&]+/, 't=' + 'x'.repeat(43));
    expect((await fetch(forged, { method: 'POST' })).status).toBe(403);
    expect((await fetch(link)).status).toBe(200); // a confirmation page: GET changes nothing
    expect((await deliveryRows(subscriptionId)).length).toBe(2);
    const [before] = await db.query(
      `select unsubscribed_at from report_recipient r join app_user u on u.id = r.user_id where u.email = $1 and r.subscription_id = $2`,
      [MANCHESTER, subscriptionId],
    );
    expect(before.unsubscribed_at).toBeNull();
    expect((await fetch(link, { method: 'POST' })).status).toBe(201);
    const [after] = await db.query(
      `select unsubscribed_at from report_recipient r join app_user u on u.id = r.user_id where u.email = $1 and r.subscription_id = $2`,
      [MANCHESTER, subscriptionId],
    );
    expect(after.unsubscribed_at).not.toBeNull();
  });
});

describe("the planning section, in each recipient's scope", () => {
  const PACK = 'Trust planning pack';
  const PLANNING = `query($targetDate: String!) { planning(targetDate: $targetDate) {
    targetDate rows { keys { code label } needed { value suppressed } placesTotal { value suppressed } } } }`;
  type Row = {
    keys: { code: string; label: string }[];
    needed: { value: number };
    placesTotal: { value: number };
  };
  const text: Record<string, string> = {};
  const plan: Record<string, Row[]> = {};

  beforeAll(async () => {
    await ok('admin', SUBSCRIBE_GROUP, {
      input: input(PACK, { sections: ['planning', 'data_quality'] }),
      emails: [GUYS(), MANCHESTER],
    });
    await runPlanner();
    await until(
      'both planning packs sent',
      async () => mailsTo(GUYS(), PACK).length === 1 && mailsTo(MANCHESTER, PACK).length === 1,
    );
    // What the planning page shows each recipient, asked of the API as them with the page's default
    // target date: the figures their pack must print, and the other recipient's must not.
    const targetDate = planningTargetDate(new Date());
    for (const [who, email] of [
      ['trust_lead', GUYS()],
      ['manchester', MANCHESTER],
    ]) {
      plan[email] = (await ok(who, PLANNING, { targetDate })).planning.rows;
      const [mail] = mailsTo(email, PACK);
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
      fs.writeFileSync(
        path.join(root, 'test-artifacts', `planning-pack-${email.split('@')[0]}.pdf`),
        pdf.content,
      );
      text[email] = pdfText(pdf.content).replace(/\s+/g, ' ');
    }
  });

  it("prints the planning page with the recipient's own places to commission, never the other's", () => {
    const line = (r: Row) => `${r.keys[0].label} ${r.needed.value} `;
    for (const [email, other] of [
      [GUYS(), MANCHESTER],
      [MANCHESTER, GUYS()],
    ]) {
      const t = text[email];
      expect(t).toContain('Planning');
      expect(t).toContain('Places to commission to reach the target by');
      expect(t).toContain('Assumptions: reach the target by'); // the what-if controls, as printed
      expect(t).toContain('Data quality'); // the second section
      // Each section brings its definitions.
      expect(t.match(/About these figures As at/g)).toHaveLength(2);
      expect(t).toContain('Requirements: person × module pairs');
      expect(t).toContain('Unmapped areas of work: ESR areas of work mapped to no clinical area');
      expect(plan[email].length).toBeGreaterThan(0);
      for (const r of plan[email]) expect(t).toContain(line(r));
      // Rows whose figures differ between the two trusts (different headcounts): only one's are printed.
      const theirs = plan[other].filter((r) => !plan[email].some((m) => line(m) === line(r)));
      expect(theirs.length).toBeGreaterThan(0);
      for (const r of theirs) expect(t).not.toContain(line(r));
    }
    expect(text[GUYS()]).toContain('Scope: organisation:RJ1');
    expect(text[GUYS()]).not.toMatch(/R0A|Manchester/);
    expect(text[MANCHESTER]).toContain('Scope: organisation:R0A');
    expect(text[MANCHESTER]).not.toMatch(/RJ1|Guy/);
  });

  it('the XLSX carries the same planning figures on a Planning sheet', async () => {
    for (const email of [GUYS(), MANCHESTER]) {
      const [mail] = mailsTo(email, PACK);
      const xlsx = mail.attachments.find((a) => a.filename.endsWith('.xlsx'))!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.content as any);
      const sheet = wb.getWorksheet('Planning')!;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const at = (name: string) => header.indexOf(name);
      const rows: [string, number, number][] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) {
          const v = row.values as unknown[];
          rows.push([
            String(v[at('Module code')]),
            Number(v[at('Requirements')]),
            Number(v[at('Places in total')]),
          ]);
        }
      });
      expect(rows.sort()).toEqual(
        plan[email].map((r) => [r.keys[0].code, r.needed.value, r.placesTotal.value]).sort(),
      );
    }
  });
});

describe('a failing send', () => {
  it('is retried with back-off, then marked failed with the reason', async () => {
    const analyst = demoEmail('analyst');
    smtp.refuse.add(analyst);
    // After-import cadence: the pg-boss schedule, which may fire while this runs, has nothing to add to it.
    const { subscribeToReport } = await ok('analyst', SUBSCRIBE, {
      input: input('Analyst pack', { sections: ['overview'], cadence: 'after_import' }),
    });
    const seen = new Set<string>();
    expect((await ok('analyst', SEND_NOW, { id: subscribeToReport.id })).sendReportNow).toBe(1);
    const [row] = await until('the delivery to fail', async () => {
      const rows = await deliveryRows(subscribeToReport.id);
      for (const r of rows) seen.add(r.status);
      return rows[0]?.status === 'failed' && rows;
    });
    // REPORTS_RETRY_LIMIT=2: the first attempt and two retries, each refused by the SMTP server.
    expect(row.attempts).toBe(3);
    expect(smtp.attempts.get(analyst)).toBe(3);
    expect(seen).toContain('retrying');
    expect(row.lastError).toMatch(/550|Mailbox unavailable/);
    expect(mailsTo(analyst)).toHaveLength(0);
    const [audit] = await db.query(
      `select action, details->>'reason' as reason from audit_log where target = $1 and action like 'report_pack.%'`,
      [`report_subscription:${subscribeToReport.id}`],
    );
    expect(audit.action).toBe('report_pack.failed');
    // The history shows it to the recipient, with the reason; the pack itself was made, so it can still
    // be downloaded from the dashboard.
    const history = (await ok('analyst', DELIVERIES, { id: subscribeToReport.id })).reportDeliveries;
    expect(history).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, deliveredAs: null })]);
    expect(history[0].files.map((f: any) => f.kind)).toEqual(['pdf', 'xlsx']);
    smtp.refuse.delete(analyst);
  });
});

describe('two API instances planning and sending at the same moment', () => {
  let second: TestApp;
  beforeAll(async () => {
    second = await startTestApp({ dashboardDir });
  });
  afterAll(() => second?.close());

  it('planning and sending at the same time send each pack once', async () => {
    const TITLE = 'Twice-planned pack';
    const { subscribeGroupToReport } = await ok('admin', SUBSCRIBE_GROUP, {
      input: input(TITLE, { sections: ['overview'] }),
      emails: [GUYS(), demoEmail('planner')],
    });
    // Both processes' planners fire together; each queues what it created, and both also queue the
    // other's deliveries (as a duplicated job would): the delivery's claim lets only one send.
    const [a, b] = await Promise.all([
      second.app.get(ReportPlanner).planDue(),
      app.app.get(ReportPlanner).planDue(),
    ]);
    // Every due delivery was created by exactly one of them (the unique key), and this one's two once.
    const mine = (await deliveryRows(subscribeGroupToReport.id)).map((r: any) => r.id);
    expect(mine).toHaveLength(2);
    for (const id of mine) expect([a.includes(id), b.includes(id)].filter(Boolean)).toHaveLength(1);
    await Promise.all([
      app.app.get(ReportQueue).enqueueSends([...a, ...b]),
      second.app.get(ReportQueue).enqueueSends([...a, ...b]),
    ]);
    await until('both packs sent', async () => {
      const rows = await deliveryRows(subscribeGroupToReport.id);
      return rows.length === 2 && rows.every((r: any) => r.status === 'sent');
    });
    await new Promise((r) => setTimeout(r, 3000)); // room for a duplicate to show up, if there were one
    expect(mailsTo(GUYS(), TITLE)).toHaveLength(1);
    expect(mailsTo(demoEmail('planner'), TITLE)).toHaveLength(1);
    expect((await deliveryRows(subscribeGroupToReport.id)).map((r: any) => r.attempts)).toEqual([1, 1]);
  });
});

describe('two API processes started together', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });

  /** The API as deployed: its own Node process, with the report worker on, serving the dashboard. */
  async function spawnApi(): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', './scripts/register.cjs', 'apps/api/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DASHBOARD_DIR: dashboardDir,
        SMTP_URL: smtp.url,
        REPORTS_WORKER: 'on',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await until('the API process to start', async () => (await fetch(`${url}/health`).catch(() => null))?.ok);
    return url;
  }

  it('both catch up on due packs at start, and each pack is sent once', async () => {
    const TITLE = 'Started-together pack';
    const { subscribeGroupToReport } = await ok('admin', SUBSCRIBE_GROUP, {
      input: input(TITLE, { sections: ['overview'] }),
      emails: [GUYS(), demoEmail('planner')],
    });
    await Promise.all([spawnApi(), spawnApi()]);
    await until('both packs sent', async () => {
      const rows = await deliveryRows(subscribeGroupToReport.id);
      return rows.length === 2 && rows.every((r: any) => r.status === 'sent');
    });
    await new Promise((r) => setTimeout(r, 3000)); // room for a duplicate to show up, if there were one
    expect(mailsTo(GUYS(), TITLE)).toHaveLength(1);
    expect(mailsTo(demoEmail('planner'), TITLE)).toHaveLength(1);
    expect((await deliveryRows(subscribeGroupToReport.id)).map((r: any) => r.attempts)).toEqual([1, 1]);
  });
});

describe('after each import', () => {
  it("plans one pack after an import of an organisation in the recipient's scope, none for others", async () => {
    const { subscribeToReport } = await ok('manchester', SUBSCRIBE, {
      input: input('After import', { cadence: 'after_import' }),
    });
    const planner = app.app.get(ReportPlanner);
    const importOf = async (org: string) => {
      const [row] = await db.query(
        `insert into import_record (kind, mode, file_name, file_sha256, org_codes, outcome)
         values ('staff', 'all_or_nothing', 'esr.csv', md5(random()::text), $1, 'succeeded') returning id`,
        [[org]],
      );
      return row.id as string;
    };
    await planner.planDue();
    expect(await deliveryRows(subscribeToReport.id)).toEqual([]);
    const other = await importOf('RJ1');
    await planner.planDue();
    expect(await deliveryRows(subscribeToReport.id)).toEqual([]);
    const own = await importOf('R0A');
    await planner.planDue();
    await planner.planDue();
    expect((await deliveryRows(subscribeToReport.id)).map((r: any) => [r.email, r.period])).toEqual([
      [MANCHESTER, `import:${own}`],
    ]);
    await db.query(`delete from report_subscription where id = $1`, [subscribeToReport.id]);
    await db.query(`delete from import_record where id = any($1)`, [[other, own]]);
  });
});

describe('access: allowed and denied pairs', () => {
  it('a trust lead subscribes to their own trust, not to another', async () => {
    const mine = await ok('trust_lead', SUBSCRIBE, { input: input('Mine', { filters: { org: 'RJ1' } }) });
    expect(mine.subscribeToReport).toMatchObject({ receiving: true, canManage: true });
    expect(
      await errorCode('trust_lead', SUBSCRIBE, { input: input('Theirs', { filters: { org: 'R0A' } }) }),
    ).toBe('FORBIDDEN');
    expect(
      await errorCode('trust_lead', SUBSCRIBE, { input: input('Region', { filters: { region: 'Y62' } }) }),
    ).toBe('FORBIDDEN');
    expect(await errorCode(null, SUBSCRIBE, { input: input('Anon') })).toBe('UNAUTHENTICATED');
  });

  it('only administrators subscribe a group, and only to places each recipient may see', async () => {
    expect(
      await errorCode('trust_lead', SUBSCRIBE_GROUP, { input: input('Group'), emails: [MANCHESTER] }),
    ).toBe('FORBIDDEN');
    expect(await errorCode('planner', SUBSCRIBE_GROUP, { input: input('Group'), emails: [MANCHESTER] })).toBe(
      'FORBIDDEN',
    );
    const res = await gql('admin', SUBSCRIBE_GROUP, {
      input: input('RJ1 for Manchester', { filters: { org: 'RJ1' } }),
      emails: [MANCHESTER],
    });
    expect(res.errors?.[0]?.message).toContain('cannot see the place chosen');
  });

  it("a user lists and changes only their own subscriptions; an administrator may change anyone's", async () => {
    const { subscribeToReport } = await ok('trust_lead', SUBSCRIBE, { input: input('Private pack') });
    const others = (await ok('manchester', LIST)).reportSubscriptions;
    expect(others.map((s: any) => s.title)).not.toContain('Private pack');
    const UPDATE = `mutation($id: ID!, $input: ReportSubscriptionInput!) { updateReportSubscription(id: $id, input: $input) { title } }`;
    const CANCEL = `mutation($id: ID!) { cancelReportSubscription(id: $id) { cancelledAt } }`;
    expect(
      await errorCode('manchester', UPDATE, { id: subscribeToReport.id, input: input('Hijacked') }),
    ).toBe('NOT_FOUND');
    expect(await errorCode('manchester', CANCEL, { id: subscribeToReport.id })).toBe('NOT_FOUND');
    expect(await errorCode('manchester', SEND_NOW, { id: subscribeToReport.id })).toBe('NOT_FOUND');
    expect(
      (await ok('admin', UPDATE, { id: subscribeToReport.id, input: input('Renamed') }))
        .updateReportSubscription.title,
    ).toBe('Renamed');
    expect(
      (await ok('trust_lead', CANCEL, { id: subscribeToReport.id })).cancelReportSubscription.cancelledAt,
    ).toBeTruthy();
    const audit = await db.query(`select action from audit_log where target = $1 order by id`, [
      `report_subscription:${subscribeToReport.id}`,
    ]);
    expect(audit.map((a: any) => a.action)).toEqual([
      'report_subscription.create',
      'report_subscription.update',
      'report_subscription.cancel',
    ]);
  });

  it('download links: the recipient only, signed in, until they expire', async () => {
    const history = (await ok('trust_lead', DELIVERIES)).reportDeliveries;
    const sent = history.find((d: any) => d.status === 'sent' && d.files.length === 2);
    const pdfUrl = app.url + sent.files.find((f: any) => f.kind === 'pdf').url;
    const own = await fetch(pdfUrl, { headers: { cookie: as.trust_lead.cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect((await fetch(pdfUrl, { headers: { cookie: as.manchester.cookie } })).status).toBe(403);
    expect((await fetch(pdfUrl, { headers: { cookie: as.admin.cookie } })).status).toBe(403);
    expect((await fetch(pdfUrl)).status).toBe(401);
    // Manchester's history never shows the other trust's deliveries.
    const theirs = (await ok('manchester', DELIVERIES)).reportDeliveries;
    expect(theirs.every((d: any) => d.recipient === MANCHESTER)).toBe(true);
    await db.query(`update report_file set expires_at = now() - interval '1 minute' where id = $1`, [
      pdfUrl.split('/').pop(),
    ]);
    expect((await fetch(pdfUrl, { headers: { cookie: as.trust_lead.cookie } })).status).toBe(410);
  });

  it('a pack too large to attach is sent as links', async () => {
    const config = app.app.get<ReportsConfig>(REPORTS_CONFIG);
    const limit = config.attachMaxBytes;
    config.attachMaxBytes = 1000;
    try {
      const { subscribeToReport } = await ok('manchester', SUBSCRIBE, {
        input: input('Big pack', { sections: ['overview'] }),
      });
      await ok('manchester', SEND_NOW, { id: subscribeToReport.id });
      await until('the linked pack', async () => mailsTo(MANCHESTER, 'Big pack').length === 1);
      const [mail] = mailsTo(MANCHESTER, 'Big pack');
      expect(mail.attachments).toHaveLength(0);
      const links = [...mail.text.matchAll(/(http\S+\/api\/reports\/files\/\S+)/g)].map((x) => x[1]);
      expect(links).toHaveLength(2);
      expect(mail.text).toContain('sign in required');
      const pdf = await fetch(
        links.find((l) => l)!,
        { headers: { cookie: as.manchester.cookie } },
      );
      expect(pdf.status).toBe(200);
      expect((await fetch(links[0], { headers: { cookie: as.trust_lead.cookie } })).status).toBe(403);
    } finally {
      config.attachMaxBytes = limit;
    }
  });

  it('the render session is read-only and short-lived', async () => {
    const sessions = app.app.get(SessionService);
    const [user] = await db.query(`select id from app_user where email = $1`, [GUYS()]);
    const render = await sessions.createForRendering(user.id);
    expect(render.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const headers = { cookie: `${sessions.cookieName}=${render.token}`, 'x-csrf-token': render.csrfToken };
    expect((await app.gql(`{ reportSubscriptions { id } }`, {}, headers)).errors).toBeUndefined();
    const res = await app.gql(SUBSCRIBE, { input: input('From the render session') }, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await sessions.destroy(render.token);
  });

  it('the unsubscribe token is bound to its subscription and user', () => {
    const key = 'k';
    expect(unsubscribeToken(key, 'a', 'b')).not.toBe(unsubscribeToken(key, 'a', 'c'));
  });
});
