/**
 * The request mix of `bench:load --scenario mixed`: many signed-in users of every role and scope, each
 * request one of the dashboard's own page queries (the documents the browser sends, printed from the
 * generated types) with filters drawn from the real filter options and snapshot dates of the caller's scope.
 */
import { print } from 'graphql';
import { UsersService } from '@aiwr/server-access';
import type { Role, ScopeGrant } from '@aiwr/server-access';
import {
  CompareOrganisationDocument,
  CoverageDocument,
  CoverageFilterOptionsDocument,
  DistributionDocument,
  OverviewDocument,
} from '../libs/web/data-access/src/generated/graphql';
import type { BenchApp } from './bench-support';

export type TrafficUser = {
  email: string;
  role: Role;
  grants: ScopeGrant[];
  headers: Record<string, string>;
};
export type TrafficRequest = { page: string; user: number; body: string };

const PASSWORD = 'bench-password-2026-mixed-load';
const DOCS = {
  overview: print(OverviewDocument),
  coverage: print(CoverageDocument),
  filterOptions: print(CoverageFilterOptionsDocument),
  distribution: print(DistributionDocument),
  compare: print(CompareOrganisationDocument),
};

/** A deterministic generator, so two runs ask the same questions. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/**
 * Users as a national roll-out would have them: planners and analysts nationally, per region and per ICB,
 * trust leads and analysts of single trusts, a few admins. Created through UsersService and signed in through
 * the real signIn mutation (session cookie + CSRF header, as the browser sends them).
 */
export async function createTrafficUsers(app: BenchApp, rnd: () => number): Promise<TrafficUser[]> {
  const regions: string[] = (
    await app.db.query(
      `select distinct region_code as c from organisation where region_code is not null and close_date is null order by 1`,
    )
  ).map((r: any) => r.c);
  const icbs: string[] = (
    await app.db.query(
      `select distinct icb_code as c from organisation where icb_code is not null and close_date is null order by 1`,
    )
  ).map((r: any) => r.c);
  const orgs: string[] = (
    await app.db.query(`select org_code as c from staff_snapshot group by org_code order by 1`)
  ).map((r: any) => r.c);
  const plan: { role: Role; grants: ScopeGrant[] }[] = [];
  const national: ScopeGrant[] = [{ type: 'national', code: '' }];
  for (let i = 0; i < 4; i++)
    plan.push({ role: 'planner', grants: national }, { role: 'analyst', grants: national });
  plan.push({ role: 'admin', grants: national }, { role: 'admin', grants: national });
  for (const r of regions)
    plan.push(
      { role: 'planner', grants: [{ type: 'region', code: r }] },
      { role: 'analyst', grants: [{ type: 'region', code: r }] },
    );
  for (const c of shuffle(rnd, icbs).slice(0, 20))
    plan.push({ role: pick(rnd, ['planner', 'analyst'] as const), grants: [{ type: 'icb', code: c }] });
  for (const o of shuffle(rnd, orgs).slice(0, 60))
    plan.push({ role: 'trust_lead', grants: [{ type: 'organisation', code: o }] });
  for (const o of shuffle(rnd, orgs).slice(0, 10))
    plan.push({ role: 'analyst', grants: [{ type: 'organisation', code: o }] });
  const users = app.app.get(UsersService);
  const out: TrafficUser[] = [];
  for (const [i, p] of plan.entries()) {
    const email = `bench.mixed.${i}.${p.role}@bench.aiwr.local`;
    await users
      .create(null, {
        email,
        displayName: `Bench ${p.role} ${i}`,
        role: p.role,
        grants: p.grants,
        password: PASSWORD,
      })
      .catch(() => undefined); // exists from an earlier run
    const headers = await signIn(app.url, email);
    out.push({ email, role: p.role, grants: p.grants, headers });
  }
  return out;
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }`,
      variables: { e: email, p: PASSWORD },
    }),
  });
  const body: any = await res.json();
  if (body.errors) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body.errors)}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => /aiwr_session=/.test(c))!
    .split(';')[0];
  return {
    'content-type': 'application/json',
    'accept-encoding': 'gzip, deflate, br, zstd',
    cookie,
    'x-csrf-token': body.data.signIn.csrfToken,
  };
}

type Options = { code: string }[];
type ScopeOptions = {
  dates: string[];
  staffGroups: Options;
  clinicalAreas: Options;
  archetypes: Options;
  regions: Options;
  icbs: Options;
  organisations: Options;
};

/** Each user's filter options and snapshot dates, asked of the API as the filter bar does. */
async function scopeOptions(url: string, user: TrafficUser): Promise<ScopeOptions> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: user.headers,
    body: JSON.stringify({ query: DOCS.filterOptions, variables: { filter: {} } }),
  });
  const body: any = await res.json();
  if (body.errors) throw new Error(`filter options for ${user.email}: ${JSON.stringify(body.errors)}`);
  const o = body.data.coverageFilterOptions;
  return { dates: body.data.snapshotDates, ...o };
}

/**
 * `count` requests: a page chosen as people move through the dashboard, the default view (latest snapshot,
 * no filter) about half the time, otherwise a snapshot date and one or two filters from the user's options.
 */
export async function trafficRequests(
  url: string,
  users: TrafficUser[],
  rnd: () => number,
  count: number,
): Promise<TrafficRequest[]> {
  const options = await Promise.all(users.map((u) => scopeOptions(url, u)));
  const out: TrafficRequest[] = [];
  for (let i = 0; i < count; i++) {
    const user = Math.floor(rnd() * users.length);
    const o = options[user];
    const filter: Record<string, unknown> = {};
    if (rnd() < 0.5) {
      filter.asAt = pick(rnd, o.dates);
      const r = rnd();
      if (r < 0.3 && o.staffGroups.length) filter.staffGroupCodes = [pick(rnd, o.staffGroups).code];
      else if (r < 0.6 && o.clinicalAreas.length)
        filter.clinicalAreaCodes = [pick(rnd, o.clinicalAreas).code];
      else if (r < 0.75 && o.archetypes.length) filter.archetypeCodes = [pick(rnd, o.archetypes).code];
      else if (r < 0.85 && o.regions.length > 1) filter.regionCodes = [pick(rnd, o.regions).code];
      else if (r < 0.95 && o.icbs.length > 1) filter.icbCodes = [pick(rnd, o.icbs).code];
      else if (o.organisations.length > 1) filter.orgCodes = [pick(rnd, o.organisations).code];
    }
    const [page, query, variables] = pageQuery(rnd, users[user], o, filter);
    out.push({ page, user, body: JSON.stringify({ query, variables }) });
  }
  return out;
}

function pageQuery(
  rnd: () => number,
  user: TrafficUser,
  o: ScopeOptions,
  filter: Record<string, unknown>,
): [string, string, Record<string, unknown>] {
  const r = rnd();
  if (r < 0.25) return ['overview', DOCS.overview, { filter }];
  if (r < 0.4) return ['filter options', DOCS.filterOptions, { filter: {} }];
  if (r < 0.52) {
    // As the matrix page does, without its own two dimensions as filters; and without an archetype filter,
    // which that page would send and the API rejects (a third dimension).
    const { staffGroupCodes: _sg, clinicalAreaCodes: _ca, archetypeCodes: _a, ...rest } = filter;
    return ['matrix', DOCS.coverage, { filter: rest, groupBy: ['CLINICAL_AREA', 'STAFF_GROUP'] }];
  }
  if (r < 0.72) {
    // The drill-down's next level below the caller's scope.
    const type = user.grants[0].type;
    const next = { national: 'REGION', region: 'ICB', icb: 'ORGANISATION', organisation: 'DEPARTMENT' }[type];
    return [`drill-down by ${next.toLowerCase()}`, DOCS.coverage, { filter, groupBy: [next] }];
  }
  if (r < 0.8) return ['archetypes', DOCS.coverage, { filter, groupBy: ['ARCHETYPE'] }];
  if (r < 0.86) return ['by organisation', DOCS.coverage, { filter, groupBy: ['ORGANISATION'] }];
  if (r < 0.9) return ['ICB x archetype', DOCS.coverage, { filter, groupBy: ['ICB', 'ARCHETYPE'] }];
  if (r < 0.95)
    return [
      'funnel',
      DOCS.distribution,
      { filter, measure: pick(rnd, ['FOUNDATION', 'FULLY_TRAINED', 'REQUIREMENTS']) },
    ];
  const org = pick(rnd, o.organisations).code;
  return ['compare', DOCS.compare, { filter: { ...filter, orgCodes: [org] }, peerGroup: 'TRUST_TYPE' }];
}

function shuffle<T>(rnd: () => number, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
