/**
 * graphql-jit runs the API's queries (libs/server/app JitExecutor): every answer, figures, nulls, disclosure
 * control and errors included, must be byte for byte what graphql-js gives. Two APIs on the same database,
 * one with JIT_EXECUTOR=off, are asked the dashboard's questions and a few refusals by callers of several
 * roles, with both caches off so every answer is computed.
 */
import { DataSource } from 'typeorm';
import { CoverageService, ScopedResponseCache } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, ensureDemoUsers, signInAs } from '../support/auth';
import { seedWorkforce } from './coverage-workforce';

const ORGS = ['RJ1', 'RJ2', 'R0A'];
const DATES = ['2026-06-30', '2026-07-31'];
const MEASURES = `headcount { value suppressed rounded } fte { value suppressed } roleCount { value } needed { value }
  met { value suppressed } unmet { value suppressed } coveragePct { value suppressed rounded } fullyTrainedPct { value }
  foundationPct { value } archetypeCoveragePct { value } peopleMet { value } targetPct amberPct rag disclosureControlled`;

const QUESTIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'overview',
    query: `query Overview($filter: CoverageFilter) { coverageOverview(filter: $filter) { asAt
      headcount { title value { value suppressed } } foundationCoverage { value { value } numerator { value } denominator { value } targetPct rag }
      fullyTrained { value { value } rag } unmetPlaces { value { value } percent { value } rag }
      byArchetype { keys { dimension code label } ${MEASURES} } } }`,
    variables: { filter: {} },
  },
  {
    name: 'by organisation, with a fragment',
    query: `fragment M on CoverageRow { ${MEASURES} }
      query { coverage(groupBy: [ORGANISATION]) { asAt rows { asAt keys { code label } ...M } total { ...M } } }`,
  },
  {
    name: 'ICB x archetype',
    query: `query { coverage(groupBy: [ICB, ARCHETYPE]) { rows { keys { dimension code } ${MEASURES} } total { __typename } } }`,
  },
  {
    name: 'by module, filtered by variables',
    query: `query M($f: CoverageFilter) { coverage(filter: $f, groupBy: [MODULE]) { rows { keys { code label } ${MEASURES} } } }`,
    variables: { f: { staffGroupCodes: ['01'], asAt: '2026-07-31' } },
  },
  {
    name: 'trend',
    query: `query { coverageTrend(groupBy: [STAFF_GROUP]) { asAt rows { keys { code } headcount { value } coveragePct { value suppressed } } } }`,
  },
  {
    name: 'compare',
    query: `query { compareOrganisations(filter: { orgCodes: ["RJ1"] }) { asAt organisation peerGroup peerDescription
      comparators { level code label organisations row { ${MEASURES} } } } }`,
  },
  {
    name: 'funnel',
    query: `query { coverageDistribution(measure: FOUNDATION) { asAt measure nationalRate
      points { orgCode orgName numerator { value } denominator { value } rate { value suppressed } lower95 upper95 lower998 upper998 } } }`,
  },
  {
    name: 'filter options and dates',
    query: `query { coverageFilterOptions { regions { code label } organisations { code } staffGroups { code label } payBands { code } }
      snapshotDates }`,
  },
  {
    name: 'aliases and typename',
    query: `query { a: snapshotDates b: coverage { __typename total { rag } } }`,
  },
  {
    name: 'an organisation outside the scope (refused)',
    query: `query { coverage(filter: { orgCodes: ["R0A"] }) { rows { headcount { value } } } }`,
  },
  {
    name: 'bad input',
    query: `query { coverage(groupBy: [DEPARTMENT, STAFF_GROUP, PAY_BAND]) { rows { headcount { value } } } }`,
  },
  {
    name: 'a variable of the wrong type',
    query: `query($f: CoverageFilter) { snapshotDates(filter: $f) }`,
    variables: { f: 3 },
  },
  {
    name: 'people (record level)',
    query: `query { people(first: 3) { totalCount edges { node { orgCode } } } }`,
  },
];

let jit: TestApp;
let plain: TestApp;
let db: DataSource;
let workforce: { remove: () => Promise<void> };
const callers: Record<string, SignedIn> = {};

function uncached(app: TestApp) {
  app.app.get(ScopedResponseCache).enabled = false;
  app.app.get(CoverageService).cache.enabled = false;
}

beforeAll(async () => {
  jit = await startTestApp();
  const before = process.env.JIT_EXECUTOR;
  process.env.JIT_EXECUTOR = 'off';
  try {
    plain = await startTestApp();
  } finally {
    if (before === undefined) delete process.env.JIT_EXECUTOR;
    else process.env.JIT_EXECUTOR = before;
  }
  uncached(jit);
  uncached(plain);
  db = jit.app.get(DataSource);
  workforce = await seedWorkforce(db, { seed: 5, orgs: ORGS, dates: DATES, peoplePerOrg: 40 });
  await ensureDemoUsers(jit);
  for (const role of ['admin', 'planner', 'trust_lead'] as const) callers[role] = await signInAs(jit, role);
});

afterAll(async () => {
  await workforce.remove();
  await jit.close();
  await plain.close();
});

async function answer(app: TestApp, q: (typeof QUESTIONS)[number], who: SignedIn) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', ...who.headers },
    body: JSON.stringify({ query: q.query, variables: q.variables }),
  });
  return { status: res.status, text: await res.text() };
}

describe.each(['admin', 'planner', 'trust_lead'])(
  'as %s, graphql-jit answers exactly as graphql-js',
  (role) => {
    test.each(QUESTIONS.map((q) => [q.name, q] as const))('%s', async (_, q) => {
      const who = callers[role];
      const [compiled, interpreted] = [await answer(jit, q, who), await answer(plain, q, who)];
      expect(compiled.status).toBe(interpreted.status);
      expect(compiled.text).toBe(interpreted.text);
      expect(compiled.text.length).toBeGreaterThan(20);
    });
  },
);

test('the questions cover answers with figures, suppressed figures and errors', async () => {
  const texts = await Promise.all(QUESTIONS.map((q) => answer(jit, q, callers.planner)));
  const all = texts.map((t) => t.text).join('\n');
  expect(all).toContain('"suppressed":true');
  expect(all).toContain('"code":"FORBIDDEN"');
  expect(all).toContain('"code":"BAD_USER_INPUT"');
  expect(all).toMatch(/"headcount":\{"value":\d+/);
});
