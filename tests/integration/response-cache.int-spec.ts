/**
 * The whole-response cache in front of Apollo (libs/server/coverage ScopedResponseCache): repeats of an
 * aggregate query by callers of the same role and scope are answered from memory, never across scopes,
 * never to a signed-out caller, never for person-level queries; a committed rollup refresh (NOTIFY) or a
 * mutation empties it, so the next answer shows the new figures.
 */
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@aiwr/server-access';
import { refreshRollups } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, ensureDemoUsers, signIn, signInAs } from '../support/auth';
import { seedWorkforce } from './coverage-workforce';

const ORGS = ['RJ1', 'RJ2', 'R0A'];
const DATES = ['2026-07-31'];
const BY_ORG = `query { coverage(groupBy: [ORGANISATION]) { rows { keys { code } headcount { value suppressed } } total { headcount { value } } } }`;
const PEOPLE = `query { people(first: 5) { totalCount edges { node { personKey orgCode } } } }`;

let app: TestApp;
let db: DataSource;
let workforce: { remove: () => Promise<void> };
const as: Record<string, SignedIn> = {};

type Raw = { status: number; cache: string | null; text: string; body: any };

async function post(query: string, who?: SignedIn, rawBody?: string): Promise<Raw> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who?.headers ?? {}) },
    body: rawBody ?? JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, cache: res.headers.get('x-aiwr-cache'), text, body: JSON.parse(text) };
}

const orgCodes = (r: Raw) => r.body.data.coverage.rows.map((row: any) => row.keys[0].code).sort();
const settleNotify = () => new Promise((r) => setTimeout(r, 150));

beforeAll(async () => {
  app = await startTestApp();
  db = app.app.get(DataSource);
  workforce = await seedWorkforce(db, { seed: 11, orgs: ORGS, dates: DATES, peoplePerOrg: 30 });
  await settleNotify();
  await ensureDemoUsers(app);
  as.planner = await signInAs(app, 'planner');
  as.leadRJ1 = await signInAs(app, 'trust_lead');
  as.leadR0A = await signIn(app, 'trustlead.manchester@demo.aiwr.local', DEMO_PASSWORD);
});

afterAll(async () => {
  await workforce.remove();
  await app.close();
});

test('a repeat of the same aggregate query in the same scope is answered from memory, byte for byte', async () => {
  const first = await post(BY_ORG, as.planner);
  const second = await post(BY_ORG, as.planner);
  expect(first.body.errors).toBeUndefined();
  expect(first.cache).toBeNull();
  expect(second.cache).toBe('hit');
  expect(second.text).toBe(first.text);
  expect(orgCodes(second)).toEqual(['RJ1', 'RJ2']); // the London planner's scope
});

test('trust leads of different trusts never receive each other’s cached answer', async () => {
  const rj1 = await post(BY_ORG, as.leadRJ1);
  const rj1Again = await post(BY_ORG, as.leadRJ1);
  const r0a = await post(BY_ORG, as.leadR0A);
  expect(orgCodes(rj1)).toEqual(['RJ1']);
  expect(rj1Again.cache).toBe('hit');
  // Identical request body, different scope: not a hit, and only the caller's own trust.
  expect(r0a.cache).toBeNull();
  expect(orgCodes(r0a)).toEqual(['R0A']);
  expect(r0a.text).not.toContain('"RJ1"');
  expect((await post(BY_ORG, as.leadR0A)).cache).toBe('hit');
});

test('a signed-out caller is refused even when the query is cached for others', async () => {
  await post(BY_ORG, as.planner);
  const anonymous = await post(BY_ORG);
  expect(anonymous.cache).toBeNull();
  expect(anonymous.body.data ?? null).toBeNull();
  expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const forged = await post(BY_ORG, { ...as.planner, headers: { cookie: 'aiwr_session=forged' } });
  expect(forged.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('person-level queries are never cached: each call runs and is audited', async () => {
  const [{ n: before }] = await db.query(
    `select count(*)::int as n from audit_log where action = 'people.view'`,
  );
  const a = await post(PEOPLE, as.leadRJ1);
  const b = await post(PEOPLE, as.leadRJ1);
  expect(a.body.errors).toBeUndefined();
  expect(a.body.data.people.totalCount).toBeGreaterThan(0);
  expect([a.cache, b.cache]).toEqual([null, null]);
  const [{ n: after }] = await db.query(
    `select count(*)::int as n from audit_log where action = 'people.view'`,
  );
  expect(after - before).toBe(2);
});

test('a committed rollup refresh empties the cache and the next answer has the new figures', async () => {
  await post(BY_ORG, as.planner);
  const cached = await post(BY_ORG, as.planner);
  expect(cached.cache).toBe('hit');
  const rj1Before = cached.body.data.coverage.rows.find((r: any) => r.keys[0].code === 'RJ1').headcount.value;

  // Ten RJ1 people leave; the rollup refresh commits and PostgreSQL notifies every API process.
  await db.query(
    `delete from staff_assignment where org_code = 'RJ1' and as_at = $1 and person_key in (
       select person_key from staff_assignment where org_code = 'RJ1' and as_at = $1 group by 1 order by 1 limit 10)`,
    [DATES[0]],
  );
  await db.query(
    `delete from person_snapshot p where org_code = 'RJ1' and as_at = $1
       and not exists (select 1 from staff_assignment a where a.org_code = p.org_code and a.as_at = p.as_at and a.person_key = p.person_key)`,
    [DATES[0]],
  );
  await db.transaction((m) => refreshRollups(m, 'RJ1'));
  await settleNotify();

  const fresh = await post(BY_ORG, as.planner);
  expect(fresh.cache).toBeNull();
  const rj1After = fresh.body.data.coverage.rows.find((r: any) => r.keys[0].code === 'RJ1').headcount.value;
  expect(rj1After).toBeLessThan(rj1Before);
});

test('a mutation in this process empties the cache', async () => {
  await post(BY_ORG, as.planner);
  expect((await post(BY_ORG, as.planner)).cache).toBe('hit');
  const extra = await signInAs(app, 'analyst'); // signIn is a mutation
  expect(extra.csrfToken).toBeTruthy();
  expect((await post(BY_ORG, as.planner)).cache).toBeNull();
});

test('a malformed body gets a clear 400 and the endpoint keeps working', async () => {
  const bad = await post('', as.planner, '{"query": "query { snapshotDates }"');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].message).toMatch(/not valid JSON/);
  const good = await post(`query { snapshotDates }`, as.planner);
  expect(good.body.data.snapshotDates).toContain(DATES[0]);
});
