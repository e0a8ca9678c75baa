/**
 * A primary-care staff list imported through the upload API and counted at practice, PCN, ICB, region and
 * national level, each figure checked against counts the test works out from the fixture itself; ARRS
 * staff employed by a PCN are counted once, in the PCN and in no practice. Access through the one
 * AccessPolicy: a trust lead cannot see practices or PCNs, the planner of the region can.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AccessPolicy, Caller } from '@aiwr/server-access';
import { runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, signInAs } from '../support/auth';
import { PC_AS_AT, PC_FIXTURES, fixtureRows, resetPrimaryCare } from './primary-care-support';

const PRACTICES = ['G83001', 'G83002', 'G83004'];
const PCNS = ['U99001', 'U99002'];
const PHARMACY = 'FX1A2';
const ORGS = [...PRACTICES, ...PCNS, PHARMACY];
const GP_AND_PHARMACY = ['general_practice', 'community_pharmacy'];

type Row = Record<string, string>;
const staff = fixtureRows('primary-care-valid.csv');
const pharmacy = fixtureRows('pharmacy-valid.csv');
const byPcn = (r: Row) => r['Employed By PCN'] === 'Y';
/** Where the contract says a row is counted: the PCN for ARRS staff it employs, else the practice. */
const countedIn = (r: Row) => (byPcn(r) ? r['PCN Code'] : r['Practice Code']);
const headcount = (rows: Row[], org: (r: Row) => string = countedIn) =>
  new Set(rows.map((r) => `${org(r)}:${r['Staff ID']}`)).size;
const fte = (rows: Row[]) =>
  rows.reduce((n, r) => n + (r.FTE ? Number(r.FTE) : Number(r['Contracted Hours']) / 37.5), 0);
const pharmacyHeadcount = headcount(pharmacy, (r) => r['Pharmacy Code']);

const ROW = `keys { dimension code label } headcount { value suppressed rounded } fte { value } disclosureControlled`;
const COVERAGE = `query($filter: CoverageFilter, $groupBy: [CoverageDimension!]) {
  coverage(filter: $filter, groupBy: $groupBy) { rows { ${ROW} } total { ${ROW} } } }`;
const OPTIONS = `query($filter: CoverageFilter) { coverageFilterOptions(filter: $filter) {
  organisations { code } pcns { code label } settings { code label } staffGroups { code label } } }`;

let t: TestApp;
let db: DataSource;
const as: Record<string, SignedIn> = {};
const ok = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await t.gql(query, variables, as[role].headers);
  if (res.errors) throw new Error(`${role}: ${JSON.stringify(res.errors)}`);
  return res.data;
};
const forbidden = async (role: string, variables: Record<string, unknown>) => {
  const res = await t.gql(COVERAGE, variables, as[role].headers);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
};
const byKey = (rows: any[], dimension: string) =>
  Object.fromEntries(
    rows.map((r) => [r.keys.find((k: any) => k.dimension === dimension).code, r.headcount.value]),
  );

beforeAll(async () => {
  t = await startTestApp();
  db = t.app.get(DataSource);
  await resetPrimaryCare(db, ORGS);
  for (const role of ['trust_lead', 'planner', 'admin']) as[role] = await signInAs(t, role as any);
  // The practices' list through the upload endpoint, the pharmacy's through the pipeline the CLI runs.
  const body = new FormData();
  body.set('kind', 'primary_care');
  body.set('asAt', PC_AS_AT);
  body.set('file', new Blob([fs.readFileSync(path.join(PC_FIXTURES, 'primary-care-valid.csv'))]), 'gp.csv');
  const res = await fetch(`${t.url}/api/imports`, { method: 'POST', body, headers: as.admin.headers });
  const record: any = await res.json();
  expect(record).toMatchObject({ outcome: 'succeeded', rowsImported: staff.length });
  expect(record.warnings.join(' ')).toMatch(/"Surname" looks like personal data/);
  const ph = await runImport(db, {
    kind: 'primary_care',
    filePath: path.join(PC_FIXTURES, 'pharmacy-valid.csv'),
    fileName: 'pharmacy-valid.csv',
    asAt: PC_AS_AT,
    allowedOrgCodes: null,
    recompute,
  });
  expect(ph.outcome).toBe('succeeded');
  await new Promise((r) => setTimeout(r, 150)); // the API's caches hear the rollups' NOTIFY
});

afterAll(async () => {
  await resetPrimaryCare(db, ORGS);
  await t.close();
});

describe('primary care counted at every level, matching the fixture', () => {
  it('practice level: each practice counts its own staff, without the PCN-employed ones', async () => {
    const d = await ok('admin', COVERAGE, { filter: { orgCodes: PRACTICES }, groupBy: ['ORGANISATION'] });
    const got = byKey(d.coverage.rows, 'ORGANISATION');
    for (const p of PRACTICES)
      expect(got[p]).toBe(headcount(staff.filter((r) => !byPcn(r) && r['Practice Code'] === p)));
    const g1 = d.coverage.rows.find((r: any) => r.keys[0].code === 'G83001');
    const g1Rows = staff.filter((r) => r['Practice Code'] === 'G83001' && !byPcn(r));
    expect(g1.fte.value).toBeCloseTo(fte(g1Rows), 3);
    expect(d.coverage.rows.every((r: any) => r.disclosureControlled === false)).toBe(true);
  });

  it('PCN level: its practices plus the staff it employs, each person once', async () => {
    const d = await ok('admin', COVERAGE, { filter: { pcnCodes: PCNS }, groupBy: ['PCN'] });
    const got = byKey(d.coverage.rows, 'PCN');
    for (const pcn of PCNS) expect(got[pcn]).toBe(headcount(staff.filter((r) => r['PCN Code'] === pcn)));
    expect(d.coverage.rows.find((r: any) => r.keys[0].code === 'U99001').keys[0].label).toBe(
      'Greenwich Central PCN',
    );
  });

  it('the PCN-employed pharmacist is counted once, in the PCN and not in the practice', async () => {
    const d = await ok('admin', COVERAGE, { filter: { pcnCodes: ['U99001'] }, groupBy: ['ORGANISATION'] });
    const got = byKey(d.coverage.rows, 'ORGANISATION');
    const arrs = staff.filter((r) => byPcn(r) && r['PCN Code'] === 'U99001');
    expect(arrs.map((r) => r['Job Role'])).toContain('Pharmacist');
    expect(got.U99001).toBe(arrs.length);
    const atPractice = staff.filter((r) => !byPcn(r) && r['Practice Code'] === 'G83002');
    expect(got.G83002).toBe(headcount(atPractice));
    expect(got.G83001 + got.G83002 + got.U99001).toBe(d.coverage.total.headcount.value);
    // In the database: one pharmacist, stored under the PCN with the flag, none under the practice.
    const stored = await db.query(
      `select org_code, employed_by_pcn, advanced_practitioner from staff_assignment
       where org_code in ('U99001', 'G83002') and job_role = 'Pharmacist' and as_at = $1`,
      [PC_AS_AT],
    );
    expect(stored).toEqual([{ org_code: 'U99001', employed_by_pcn: true, advanced_practitioner: true }]);
  });

  it('ICB, region and national level: practices, PCNs and the pharmacy, by setting', async () => {
    const all = headcount(staff) + pharmacyHeadcount;
    const icb = await ok('admin', COVERAGE, { filter: { icbCodes: ['QKK'], settings: GP_AND_PHARMACY } });
    expect(icb.coverage.total.headcount.value).toBe(all);
    const region = await ok('admin', COVERAGE, { filter: { regionCodes: ['Y56'] }, groupBy: ['SETTING'] });
    const settings = byKey(region.coverage.rows, 'SETTING');
    expect(settings.general_practice).toBe(headcount(staff));
    expect(settings.community_pharmacy).toBe(pharmacyHeadcount);
    const national = await ok('admin', COVERAGE, {
      filter: { settings: GP_AND_PHARMACY },
      groupBy: ['REGION'],
    });
    expect(byKey(national.coverage.rows, 'REGION')).toEqual({ Y56: all });
    expect(national.coverage.total.headcount.value).toBe(all);
  });

  it('below the ICB a practice rolls up to its PCN, a pharmacy to itself (the drill-down level)', async () => {
    const d = await ok('admin', COVERAGE, {
      filter: { icbCodes: ['QKK'], settings: GP_AND_PHARMACY },
      groupBy: ['PROVIDER'],
    });
    const got = byKey(d.coverage.rows, 'PROVIDER');
    expect(got).toEqual({
      U99001: headcount(staff.filter((r) => r['PCN Code'] === 'U99001')),
      U99002: headcount(staff.filter((r) => r['PCN Code'] === 'U99002')),
      [PHARMACY]: pharmacyHeadcount,
    });
  });

  it('GP-world staff groups are in the filter options and the breakdown', async () => {
    const d = await ok('admin', OPTIONS, { filter: { settings: ['general_practice'] } });
    const labels = d.coverageFilterOptions.staffGroups.map((g: any) => g.label);
    expect(labels).toEqual(expect.arrayContaining(['General practitioners', 'General practice nurses']));
    expect(d.coverageFilterOptions.pcns.map((p: any) => p.code)).toEqual(expect.arrayContaining(PCNS));
    const groups = await ok('admin', COVERAGE, {
      filter: { pcnCodes: ['U99001'] },
      groupBy: ['STAFF_GROUP'],
    });
    const gp = staff.filter((r) => r['PCN Code'] === 'U99001' && r['Staff Group'] === 'GP');
    expect(byKey(groups.coverage.rows, 'STAFF_GROUP').GP1).toBe(headcount(gp));
  });
});

describe('compare: a practice beside its PCN, ICB, region, England and peers, all in general practice', () => {
  const COMPARE = `query($filter: CoverageFilter!) { compareOrganisations(filter: $filter) {
    peerDescription comparators { level code label organisations row { headcount { value } } } } }`;
  it('uses the PCN and general practice only, with a staff-size peer band', async () => {
    const d = await ok('admin', COMPARE, { filter: { orgCodes: ['G83001'] } });
    const c = d.compareOrganisations;
    const by = Object.fromEntries(c.comparators.map((x: any) => [x.level, x]));
    expect(c.comparators.map((x: any) => x.level)).toEqual([
      'ORGANISATION',
      'PCN',
      'ICB',
      'REGION',
      'NATIONAL',
      'PEER',
    ]);
    expect(by.PCN.row.headcount.value).toBe(headcount(staff.filter((r) => r['PCN Code'] === 'U99001')));
    expect(by.PCN.organisations).toBe(3); // two practices and the PCN's own (ARRS) staff
    // General practice only: the pharmacy and London's trusts are not in the ICB or England comparators.
    expect(by.ICB.row.headcount.value).toBe(headcount(staff));
    expect(by.NATIONAL.row.headcount.value).toBe(headcount(staff));
    expect(by.NATIONAL.label).toBe('England (general practice)');
    expect(c.peerDescription).toMatch(/^Practices with (under 10|10-19|20-39|40 or more) staff$/);
  });
});

describe('job roles of general practice (the matrix and the practice level)', () => {
  it('counts each canonical job role, aliases folded into it', async () => {
    const d = await ok('admin', COVERAGE, {
      filter: { pcnCodes: ['U99001'] },
      groupBy: ['STAFF_GROUP', 'JOB_ROLE'],
    });
    const got = Object.fromEntries(
      d.coverage.rows.map((r: any) => [r.keys.map((k: any) => k.code).join('|'), r.headcount.value]),
    );
    const rows = staff.filter((r) => r['PCN Code'] === 'U99001');
    // "GP Partner" in the file is an alias of the NWRS role "GP Partner/Provider".
    const canonical = (role: string) => (role === 'GP Partner' ? 'GP Partner/Provider' : role);
    const expected = new Map<string, Row[]>();
    for (const r of rows) {
      const group = { GP: 'GP1', Nurses: 'GP2', 'Direct Patient Care': 'GP3', 'Admin/Non-Clinical': 'GP4' }[
        r['Staff Group']
      ]!;
      const key = `${group}|${canonical(r['Job Role'])}`;
      expected.set(key, [...(expected.get(key) ?? []), r]);
    }
    expect(got).toEqual(Object.fromEntries([...expected].map(([k, list]) => [k, headcount(list)])));
  });
});

describe('primary-care roles mapped to archetypes by the default rules', () => {
  it('drivers, users and embedders of a PCN match the fixture roles', async () => {
    const d = await ok('admin', COVERAGE, { filter: { pcnCodes: ['U99001'] }, groupBy: ['ARCHETYPE'] });
    const got = byKey(d.coverage.rows, 'ARCHETYPE');
    const rows = staff.filter((r) => r['PCN Code'] === 'U99001');
    const holding = (roles: string[]) => headcount(rows.filter((r) => roles.includes(r['Job Role'])));
    expect(got.driver).toBe(holding(['GP Partner/Provider', 'GP Partner', 'PCN Clinical Director']));
    expect(got.user).toBe(
      holding([
        'GP Partner/Provider',
        'GP Partner',
        'Salaried GP',
        'Practice Nurse',
        'Advanced Nurse Practitioner',
        'Pharmacist',
      ]),
    );
    expect(got.embedder).toBe(holding(['Practice Manager']));
  });
});

describe('access to primary care through the one AccessPolicy', () => {
  const lead: Caller = {
    userId: 'x',
    email: 'l@x',
    role: 'trust_lead',
    grants: [{ type: 'organisation', code: 'RJ1' }],
  };
  const planner: Caller = {
    userId: 'y',
    email: 'p@x',
    role: 'planner',
    grants: [{ type: 'region', code: 'Y56' }],
  };
  const otherPlanner: Caller = {
    userId: 'z',
    email: 'q@x',
    role: 'planner',
    grants: [{ type: 'region', code: 'Y62' }],
  };

  it('the policy: a trust lead sees no practice; the planner of the region sees practices, PCNs and pharmacies', async () => {
    const policy = t.app.get(AccessPolicy);
    const leadScope = await policy.visibleOrgCodes(lead);
    for (const o of ORGS) expect(leadScope).not.toContain(o);
    const plannerScope = await policy.visibleOrgCodes(planner);
    for (const o of ORGS) expect(plannerScope).toContain(o);
    const elsewhere = await policy.visibleOrgCodes(otherPlanner);
    for (const o of ORGS) expect(elsewhere).not.toContain(o);
    await expect(policy.assertOrgsVisible(lead, ['G83001'])).rejects.toThrow(/outside your access scope/);
    await expect(policy.assertOrgsVisible(planner, ['G83001', 'U99001', PHARMACY])).resolves.toBeUndefined();
  });

  it('the organisation list: practices and PCNs for the planner of the region, none for a trust lead', async () => {
    const LIST = `query($icb: String) { organisations(icbCode: $icb, setting: "general_practice") { code } }`;
    const planner = (await ok('planner', LIST, { icb: 'QKK' })).organisations.map((o: any) => o.code);
    expect(planner).toEqual(expect.arrayContaining([...PRACTICES, ...PCNS]));
    expect((await ok('trust_lead', LIST, { icb: 'QKK' })).organisations).toEqual([]);
    // Without a setting the list is the trusts', as before.
    const trusts = (await ok('planner', `{ organisations(icbCode: "QKK") { code } }`)).organisations;
    expect(trusts.map((o: any) => o.code)).toContain('RJ1');
    expect(trusts.map((o: any) => o.code)).not.toContain('G83001');
  });

  it('the API: a trust lead is refused practices and PCNs and counts none of them', async () => {
    await forbidden('trust_lead', { filter: { orgCodes: ['G83001'] } });
    await forbidden('trust_lead', { filter: { pcnCodes: ['U99001'] } });
    const own = await ok('trust_lead', COVERAGE, { groupBy: ['ORGANISATION'] });
    expect(JSON.stringify(own)).not.toMatch(/G830|U9900|FX1A2/);
    const none = await ok('trust_lead', COVERAGE, { filter: { settings: GP_AND_PHARMACY } });
    expect(none.coverage.total?.headcount.value ?? 0).toBe(0);
  });

  it('the API: the London planner drills to a practice, with small numbers controlled', async () => {
    const pcn = await ok('planner', COVERAGE, {
      filter: { pcnCodes: ['U99001'] },
      groupBy: ['ORGANISATION'],
    });
    const rows = pcn.coverage.rows;
    expect(rows.map((r: any) => r.keys[0].code).sort()).toEqual(['G83001', 'G83002', 'U99001']);
    for (const r of rows) {
      expect(r.disclosureControlled).toBe(true);
      const exact = byKey(
        (await ok('admin', COVERAGE, { filter: { pcnCodes: ['U99001'] }, groupBy: ['ORGANISATION'] }))
          .coverage.rows,
        'ORGANISATION',
      )[r.keys[0].code];
      if (r.headcount.suppressed) expect(exact).toBeLessThanOrEqual(7);
      else expect(Math.abs(r.headcount.value - exact)).toBeLessThanOrEqual(2);
    }
  });
});
