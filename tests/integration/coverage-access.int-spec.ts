/**
 * Coverage through the real GraphQL endpoint, signed in as each role: scope (allowed/denied pairs — trust
 * lead A never sees trust B through coverage, filter lists, trend, compare, distribution or people),
 * disclosure control by role, person-level pagination without N+1, and the audit of person-level views.
 */
import { DataSource } from 'typeorm';
import { refreshRollups } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, signInAs } from '../support/auth';
import {
  Catalogue,
  Person,
  ensureCatalogue,
  generateWorkforce,
  workforceOptions,
  insertWorkforce,
  removeCatalogue,
} from './coverage-workforce';

// RJ1 is the demo trust lead's trust; RJ2 and RJZ share its ICB (QKK, London Y56); R0A is in the North West.
const OWN = 'RJ1';
const ORGS = ['RJ1', 'RJ2', 'RJZ', 'R0A'];
const DATES = ['2026-06-30', '2026-07-31'];

let app: TestApp;
let db: DataSource;
let catalogue: Catalogue;
let people: Person[];
const as: Record<string, SignedIn> = {};

const ROW = `asAt keys { dimension code label } headcount { value suppressed rounded } fte { value suppressed }
  roleCount { value suppressed } needed { value suppressed } met { value suppressed } unmet { value suppressed }
  coveragePct { value suppressed } fullyTrained { value suppressed } foundationPct { value suppressed }
  archetypeCoveragePct { value suppressed } targetPct amberPct rag disclosureControlled`;
const COVERAGE = `query($filter: CoverageFilter, $groupBy: [CoverageDimension!]) {
  coverage(filter: $filter, groupBy: $groupBy) { asAt rows { ${ROW} } total { ${ROW} } } }`;
const OPTIONS = `query($filter: CoverageFilter) { coverageFilterOptions(filter: $filter) {
  organisations { code } icbs { code } regions { code } departments { code label } staffGroups { code } archetypes { code } } }`;
const TREND = `query($filter: CoverageFilter, $groupBy: [CoverageDimension!]) {
  coverageTrend(filter: $filter, groupBy: $groupBy) { asAt rows { ${ROW} } } }`;
const COMPARE = `query($filter: CoverageFilter!) { compareOrganisations(filter: $filter) {
  organisation peerDescription comparators { level code label organisations row { ${ROW} } } } }`;
const DISTRIBUTION = `query($filter: CoverageFilter) { coverageDistribution(filter: $filter, measure: FOUNDATION) {
  nationalRate points { orgCode numerator { value suppressed } denominator { value suppressed } rate { value suppressed } lower95 upper95 lower998 upper998 } } }`;
const PEOPLE = `query($filter: CoverageFilter, $first: Int, $after: String) { people(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { personKey orgCode asAt archetypes modulesNeeded modulesMet fullyTrained
    needs { moduleCode layer met } assignments { staffGroupCode department fte } } } } }`;
const OVERVIEW = `query($filter: CoverageFilter) { coverageOverview(filter: $filter) { asAt
  headcount { value { value suppressed } } foundationCoverage { value { value } numerator { value } denominator { value } targetPct rag }
  fullyTrained { value { value } rag } unmetPlaces { value { value } percent { value } rag } byArchetype { ${ROW} } } }`;

const ok = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.gql(query, variables, as[role].headers);
  if (res.errors) throw new Error(`${role}: ${JSON.stringify(res.errors)}`);
  return res.data;
};
const denied = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.gql(query, variables, as[role].headers);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // The refusal names nothing outside the caller's scope.
  for (const code of ORGS.filter((o) => o !== OWN)) expect(JSON.stringify(res.errors)).not.toContain(code);
};
const codes = (rows: any[], dimension: string) =>
  rows.map((r) => r.keys.find((k: any) => k.dimension === dimension)?.code);

beforeAll(async () => {
  app = await startTestApp();
  db = app.app.get(DataSource);
  catalogue = await ensureCatalogue(db);
  people = generateWorkforce(
    await workforceOptions(db, catalogue, { seed: 7, orgs: ORGS, dates: DATES, peoplePerOrg: 40 }),
  );
  await insertWorkforce(db, people);
  // A department name that exists in one trust only: it must never show up for another trust's lead.
  await db.query(
    `update staff_assignment set department = 'Only in ' || org_code where person_key like '%-00001-key'`,
  );
  for (const o of ORGS) await db.transaction((m) => refreshRollups(m, o));
  await new Promise((r) => setTimeout(r, 100)); // let the API's cache hear the NOTIFY
  for (const role of ['trust_lead', 'planner', 'analyst', 'admin'])
    as[role] = await signInAs(app, role as any);
});

afterAll(async () => {
  await db.query(`delete from staff_snapshot where org_code = any($1)`, [ORGS]);
  await removeCatalogue(db, catalogue);
  await app.close();
});

const latestOf = (org: string) => people.filter((p) => p.org === org && p.asAt === DATES[1]);

describe('scope: a trust lead sees their own trust only', () => {
  it('coverage: own trust allowed (exact figures), another trust denied', async () => {
    const mine = await ok('trust_lead', COVERAGE, { filter: { orgCodes: [OWN] }, groupBy: ['ORGANISATION'] });
    expect(codes(mine.coverage.rows, 'ORGANISATION')).toEqual([OWN]);
    expect(mine.coverage.rows[0].headcount.value).toBe(latestOf(OWN).length);
    expect(mine.coverage.rows[0].disclosureControlled).toBe(false);
    await denied('trust_lead', COVERAGE, { filter: { orgCodes: ['R0A'] }, groupBy: ['ORGANISATION'] });
    await denied('trust_lead', COVERAGE, { filter: { regionCodes: ['Y62'] } });
  });

  it('coverage without a filter is limited to the scope, at every level of breakdown', async () => {
    for (const groupBy of [['ORGANISATION'], ['ICB'], ['REGION'], ['DEPARTMENT']]) {
      const d = await ok('trust_lead', COVERAGE, { groupBy });
      if (groupBy[0] === 'ORGANISATION') expect(codes(d.coverage.rows, 'ORGANISATION')).toEqual([OWN]);
      expect(d.coverage.total.headcount.value).toBe(latestOf(OWN).length);
      expect(JSON.stringify(d)).not.toMatch(/R0A|RJ2|RJZ/);
    }
  });

  it('filter lists: only the own trust, and only its departments', async () => {
    const mine = (await ok('trust_lead', OPTIONS)).coverageFilterOptions;
    expect(mine.organisations.map((o: any) => o.code)).toEqual([OWN]);
    expect(mine.departments.map((d: any) => d.code)).toContain(`Only in ${OWN}`);
    expect(JSON.stringify(mine)).not.toMatch(/Only in (R0A|RJ2|RJZ)/);
    const all = (await ok('analyst', OPTIONS)).coverageFilterOptions;
    expect(all.organisations.map((o: any) => o.code)).toEqual(expect.arrayContaining(ORGS));
    await denied('trust_lead', OPTIONS, { filter: { orgCodes: ['R0A'] } });
  });

  it('trend: own trust at every snapshot date; another trust denied', async () => {
    const d = await ok('trust_lead', TREND, { filter: {} });
    expect(d.coverageTrend.map((p: any) => p.asAt)).toEqual(DATES);
    for (const p of d.coverageTrend)
      expect(p.rows[0].headcount.value).toBe(people.filter((x) => x.org === OWN && x.asAt === p.asAt).length);
    await denied('trust_lead', TREND, { filter: { orgCodes: ['R0A'] } });
  });

  it('compare: own trust against aggregates (controlled), another trust denied', async () => {
    const d = (await ok('trust_lead', COMPARE, { filter: { orgCodes: [OWN] } })).compareOrganisations;
    const level = (l: string) => d.comparators.find((c: any) => c.level === l);
    expect(level('ORGANISATION').row.headcount.value).toBe(latestOf(OWN).length);
    expect(level('ORGANISATION').row.disclosureControlled).toBe(false);
    expect(level('ICB').organisations).toBe(3);
    expect(level('ICB').row.disclosureControlled).toBe(true);
    expect(level('ICB').row.headcount.value % 5).toBe(0);
    // Nothing names or counts another single trust.
    expect(d.comparators.map((c: any) => c.code)).not.toEqual(expect.arrayContaining(['RJ2']));
    await denied('trust_lead', COMPARE, { filter: { orgCodes: ['R0A'] } });
  });

  it('distribution: points only for the own trust; the national rate is from everyone', async () => {
    const d = (await ok('trust_lead', DISTRIBUTION)).coverageDistribution;
    expect(d.points.map((p: any) => p.orgCode)).toEqual([OWN]);
    expect(d.nationalRate).not.toBeNull();
    const all = (await ok('analyst', DISTRIBUTION)).coverageDistribution;
    expect(all.points.map((p: any) => p.orgCode)).toEqual(expect.arrayContaining(ORGS));
    await denied('trust_lead', DISTRIBUTION, { filter: { orgCodes: ['R0A'] } });
  });

  it('people: own trust allowed, another trust denied, and the view is audited', async () => {
    const d = (await ok('trust_lead', PEOPLE, { first: 200 })).people;
    expect(d.totalCount).toBe(latestOf(OWN).length);
    expect(new Set(d.edges.map((e: any) => e.node.orgCode))).toEqual(new Set([OWN]));
    expect(d.edges[0].node.personKey).toHaveLength(12);
    await denied('trust_lead', PEOPLE, { filter: { orgCodes: ['R0A'] } });
    const [audit] = await db.query(
      `select action, target, details from audit_log where action = 'people.view' order by id desc limit 1`,
    );
    expect(audit.target).toBe(OWN);
    expect(audit.details.returned).toBe(d.edges.length);
  });
});

describe('people: who may see record-level data', () => {
  it('planners and analysts are denied; administrators allowed', async () => {
    await denied('planner', PEOPLE, {});
    await denied('analyst', PEOPLE, {});
    await denied('planner', PEOPLE, { filter: { orgCodes: [OWN] } });
    const d = (await ok('admin', PEOPLE, { filter: { orgCodes: ['R0A'] }, first: 5 })).people;
    expect(d.totalCount).toBe(latestOf('R0A').length);
  });

  it('pages with a cursor: every person exactly once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const d: any = (await ok('trust_lead', PEOPLE, { first: 7, after })).people;
      seen.push(...d.edges.map((e: any) => e.cursor));
      if (!d.pageInfo.hasNextPage) break;
      after = d.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(latestOf(OWN).length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('needs and assignments come in one query each per page, not one per person (no N+1)', async () => {
    const queries = async (first: number) => {
      const original = db.query.bind(db);
      let n = 0;
      (db as any).query = (...args: any[]) => {
        if (/person_need|staff_assignment|person_snapshot/.test(String(args[0]))) n++;
        return original(...(args as [string]));
      };
      try {
        const d = (await ok('trust_lead', PEOPLE, { first })).people;
        expect(d.edges).toHaveLength(first);
        expect(d.edges.every((e: any) => e.node.needs.length > 0 && e.node.assignments.length > 0)).toBe(
          true,
        );
      } finally {
        (db as any).query = original;
      }
      return n;
    };
    expect(await queries(3)).toBe(await queries(30));
    expect(await queries(30)).toBeLessThanOrEqual(4);
  });

  it('matches the generated needs for a person', async () => {
    const d = (await ok('trust_lead', PEOPLE, { first: 200 })).people;
    const byKey = new Map(latestOf(OWN).map((p) => [p.key.slice(0, 12), p]));
    for (const e of d.edges) {
      const p = byKey.get(e.node.personKey)!;
      expect(e.node.needs.filter((n: any) => n.met)).toHaveLength(p.needs.filter((n) => n.met).length);
      expect(e.node.assignments).toHaveLength(p.assignments.length);
    }
  });
});

describe('disclosure control by role (data-formats.md §6)', () => {
  const isControlledCount = (m: { value: number | null; suppressed: boolean }) =>
    m.suppressed ? m.value === null : m.value === 0 || (m.value! >= 10 && m.value! % 5 === 0);

  it('a regional planner sees trust rows rounded to 5 with small cells suppressed', async () => {
    const d = (await ok('planner', COVERAGE, { groupBy: ['ORGANISATION', 'ARCHETYPE'] })).coverage;
    expect(new Set(codes(d.rows, 'ORGANISATION'))).toEqual(new Set(['RJ1', 'RJ2', 'RJZ']));
    for (const r of d.rows) {
      expect(r.disclosureControlled).toBe(true);
      for (const m of ['headcount', 'roleCount', 'needed', 'met', 'unmet', 'fullyTrained'])
        expect(isControlledCount(r[m])).toBe(true);
      if (r.headcount.suppressed)
        expect(r.coveragePct.value === null || r.needed.suppressed === false).toBe(true);
    }
    // With 40-odd people a trust, some archetype cells are 1-7: suppressed, and never alone in their trust.
    const suppressed = d.rows.filter((r: any) => r.headcount.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const org of ['RJ1', 'RJ2', 'RJZ']) {
      const inOrg = d.rows.filter(
        (r: any) => codes([r], 'ORGANISATION')[0] === org && r.headcount.suppressed,
      );
      expect(inOrg.length === 0 || inOrg.length >= 2).toBe(true);
    }
  });

  it('percentages are computed from the rounded counts', async () => {
    const d = (await ok('planner', COVERAGE, { groupBy: ['ORGANISATION'] })).coverage;
    for (const r of d.rows.filter((x: any) => !x.met.suppressed && !x.needed.suppressed && x.needed.value))
      expect(r.coveragePct.value).toBe(Math.round((r.met.value / r.needed.value) * 1000) / 10);
  });

  it('the trust lead sees their own trust exactly; a national analyst sees the national total and regions controlled', async () => {
    const own = (await ok('trust_lead', COVERAGE, { groupBy: ['ARCHETYPE'] })).coverage;
    expect(own.rows.every((r: any) => !r.disclosureControlled && !r.headcount.rounded)).toBe(true);
    const national = (await ok('analyst', COVERAGE, { filter: {}, groupBy: ['REGION'] })).coverage;
    expect(national.total.disclosureControlled).toBe(true);
    expect(isControlledCount(national.total.headcount)).toBe(true);
    expect(national.rows.every((r: any) => r.disclosureControlled)).toBe(true);
    const admin = (await ok('admin', COVERAGE, { groupBy: ['ORGANISATION'] })).coverage;
    expect(admin.rows.every((r: any) => !r.disclosureControlled)).toBe(true);
  });

  it('overview: headline cards with targets and RAG', async () => {
    const o = (await ok('trust_lead', OVERVIEW)).coverageOverview;
    expect(o.headcount.value.value).toBe(latestOf(OWN).length);
    expect(o.foundationCoverage.targetPct).toBe(90);
    expect(['RED', 'AMBER', 'GREEN']).toContain(o.foundationCoverage.rag);
    expect(o.byArchetype.length).toBeGreaterThan(0);
    const planner = (await ok('planner', OVERVIEW)).coverageOverview;
    expect(planner.headcount.value.value % 5).toBe(0);
  });

  it('signed-out callers get nothing', async () => {
    const res = await app.gql(COVERAGE, {});
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

/**
 * data-formats.md §6 has no national exception: a national breakdown by any within-organisation dimension
 * describes teams, so the national analyst (aggregates only) gets it controlled, and the admin (record
 * level everywhere) gets it exact. Each pair is the same query for both.
 */
describe('disclosure control: national breakdowns by each within-organisation dimension', () => {
  const WITHIN = ['DEPARTMENT', 'STAFF_GROUP', 'CLINICAL_AREA', 'ARCHETYPE', 'PAY_BAND'];
  const COUNTS = ['headcount', 'roleCount', 'needed', 'met', 'unmet', 'fullyTrained'];
  const isControlled = (m: { value: number | null; suppressed: boolean }) =>
    m.suppressed ? m.value === null : m.value === 0 || (m.value! >= 10 && m.value! % 5 === 0);
  const keyOf = (r: any) => r.keys.map((k: any) => `${k.dimension}=${k.code}`).join('|');

  for (const groupBy of [
    ...WITHIN.map((d) => [d]),
    ...WITHIN.filter((d) => d !== 'DEPARTMENT').map((d) => ['DEPARTMENT', d]),
  ])
    it(`national ${groupBy.join(' x ')}: the analyst is denied exact figures, the admin allowed`, async () => {
      const analyst = (await ok('analyst', COVERAGE, { filter: {}, groupBy })).coverage;
      const admin = (await ok('admin', COVERAGE, { filter: {}, groupBy })).coverage;
      expect(analyst.rows.length).toBeGreaterThan(0);
      for (const r of [...analyst.rows, analyst.total].filter(Boolean)) {
        expect(r.disclosureControlled).toBe(true);
        for (const m of COUNTS) expect(isControlled(r[m])).toBe(true);
      }
      expect([...admin.rows, admin.total].filter(Boolean).every((r: any) => !r.disclosureControlled)).toBe(
        true,
      );
      // Every small cell the admin sees exactly is suppressed for the analyst.
      const shownToAnalyst = new Map(analyst.rows.map((r: any) => [keyOf(r), r]));
      const small = admin.rows.filter((r: any) => r.headcount.value >= 1 && r.headcount.value <= 7);
      if (groupBy.length === 2) expect(small.length).toBeGreaterThan(0);
      for (const r of small) expect((shownToAnalyst.get(keyOf(r)) as any).headcount.suppressed).toBe(true);
    });

  it('the national trend, comparator and rule match counts follow the same rule', async () => {
    const trend = (await ok('analyst', TREND, { filter: {}, groupBy: ['DEPARTMENT'] })).coverageTrend;
    for (const p of trend)
      expect(p.rows.every((r: any) => r.disclosureControlled && isControlled(r.headcount))).toBe(true);
    const compare = async (role: string) =>
      (await ok(role, COMPARE, { filter: { orgCodes: [OWN] } })).compareOrganisations.comparators.find(
        (c: any) => c.level === 'NATIONAL',
      ).row;
    expect((await compare('analyst')).disclosureControlled).toBe(true);
    expect((await compare('admin')).disclosureControlled).toBe(false);
    const RULES = `{ archetypeRules { ruleId matchCount matchCountSuppressed } }`;
    const analystRules = (await ok('analyst', RULES)).archetypeRules;
    const adminRules = new Map(
      (await ok('admin', RULES)).archetypeRules.map((r: any) => [r.ruleId, r.matchCount]),
    );
    for (const r of analystRules) {
      const exact = adminRules.get(r.ruleId) as number;
      if (exact >= 1 && exact <= 7) expect(r).toMatchObject({ matchCount: null, matchCountSuppressed: true });
      else expect(r.matchCount).toBe(Math.round(exact / 5) * 5);
    }
  });

  it('the national export carries the same control for the analyst and exact figures for the admin', async () => {
    const csv = async (role: string) => {
      const res = await fetch(`${app.url}/api/exports/coverage.csv?groupBy=DEPARTMENT,PAY_BAND`, {
        headers: as[role].headers,
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const counts = (text: string) =>
      text
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',')[4]); // the Headcount column
    const analyst = counts(await csv('analyst'));
    const admin = counts(await csv('admin'));
    expect(analyst).toContain('*');
    expect(analyst.every((v) => v === '*' || Number(v) % 5 === 0)).toBe(true);
    expect(admin).not.toContain('*');
    expect(admin.some((v) => Number(v) >= 1 && Number(v) <= 7)).toBe(true);
  });
});
