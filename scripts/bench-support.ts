/**
 * Shared by the coverage benchmarks (scripts/bench-queries.ts, scripts/bench-load.ts): a national-size
 * workforce generated in SQL, rollups built through the real refreshRollups, and the real API started on
 * loopback with a signed-in national planner. Runs against its own embedded PostgreSQL in `.bench/`
 * (package.json sets AIWR_DATA_DIR), never the development database.
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ensureMonthPartitions, migrateAndSeedReference, openDataSource } from '@aiwr/db';
import { UsersService } from '@aiwr/server-access';
import { createApp } from '@aiwr/server-app';
import { refreshRollups, type CoverageViewer } from '@aiwr/server-coverage';

export const BENCH_USER = {
  email: 'bench.planner@bench.aiwr.local',
  password: 'bench-password-2026-national',
};

/** Month ends, oldest first, ending 2026-10-31 (the demo data's last snapshot). */
export function monthEnds(count: number, last = '2026-10-31'): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m - (count - 1 - i), 0)).toISOString().slice(0, 10),
  );
}

export type WorkforceSpec = { scale: number; months: number; seed: number };
const log = (msg: string) => console.log(`[bench] ${msg}`);

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/**
 * Loads (once; reused while the spec is unchanged) a workforce shaped like the NHS in England: every
 * open English trust, headcount by trust type (about 1.5 M people in post at scale 1), the national staff-group
 * mix, pay bands by staff group, departments inside each trust, 12% of people with two assignments and
 * 2% with three (often in another staff group, area or band), monthly turnover, archetypes (mostly
 * users, a few embedders, drivers, creators and shapers), and completions spread over 2025-2026 so
 * coverage grows month by month. Per-person tables are written directly (as evaluateSnapshot would).
 */
export async function ensureNationalWorkforce(ds: DataSource, spec: WorkforceSpec): Promise<string[]> {
  const dates = monthEnds(spec.months);
  // One session throughout, so setseed() makes the generated workforce repeatable.
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    return await generate(runner.manager as unknown as DataSource, spec, dates);
  } finally {
    await runner.release();
  }
}

async function generate(db: DataSource, spec: WorkforceSpec, dates: string[]): Promise<string[]> {
  await db.query(
    `create table if not exists bench_meta (spec jsonb not null, loaded_at timestamptz not null default now())`,
  );
  // jsonb equality: key order does not matter.
  const [meta] = await db.query(`select spec = $1::jsonb as same from bench_meta`, [JSON.stringify(spec)]);
  if (meta?.same) {
    log(`workforce already loaded (${JSON.stringify(spec)}); reusing it`);
    return dates;
  }
  log(`generating workforce ${JSON.stringify(spec)} for ${dates[0]} .. ${dates[dates.length - 1]}`);
  await db.query(`delete from bench_meta`);
  await timed('clear previous snapshots', async () => {
    await db.query(`truncate staff_snapshot, staff_assignment, person_snapshot, person_need, person_archetype,
      coverage_rollup, coverage_module_rollup, coverage_filter_option, module_flow, workforce_flow, module_expiry,
      training_completion`);
  });
  await db.query(`select setseed($1)`, [((spec.seed % 1000) / 1000) * 2 - 1]);
  await db.query(`drop table if exists bench_org, bench_person, bench_person_module`);
  await db.query(
    `
    create unlogged table bench_org as
    select code as org_code, trust_type,
           greatest(round(800 * $1::float8) + 20, round($1::float8 * (case trust_type when 'acute' then 11200 when 'mental-health' then 4600
             when 'community' then 4000 when 'ambulance' then 5200 else 3900 end) * (0.45 + random() * 1.1)))::int as people,
           0.6 + random() * 0.7 as adoption
    from organisation
    where kind = 'trust' and region_code is not null and close_date is null`,
    [spec.scale],
  );
  const [{ orgs, people }] = await db.query(
    `select count(*)::int as orgs, sum(people)::int as people from bench_org`,
  );
  log(
    `${orgs} open English trusts, ${people.toLocaleString('en-GB')} people generated (incl. leavers and joiners)`,
  );
  const areasByGroup = `case
      when o.trust_type = 'ambulance' and sg in ('01','03','04','07') then 'ambulance'
      when o.trust_type = 'mental-health' and sg in ('01','03','04','07') then 'mental-health'
      when o.trust_type = 'community' and sg in ('03','04','07') then 'community'
      when sg = '08' then (array['corporate','corporate','digital','education-research'])[1 + floor(r3 * 4)::int]
      when sg = '09' then 'estates'
      when sg = '06' then (array['pathology','imaging','cardiology'])[1 + floor(r3 * 3)::int]
      when sg = '05' then (array['pharmacy','imaging','therapies','digital'])[1 + floor(r3 * 4)::int]
      when sg = '04' then (array['therapies','therapies','imaging','community'])[1 + floor(r3 * 4)::int]
      else (array['medicine','surgery','urgent-care','critical-care','oncology','maternity','paediatrics','cardiology','imaging','medicine'])[1 + floor(r3 * 10)::int]
    end`;
  await timed('people', () =>
    db.query(`
      create unlogged table bench_person as
      with base as (
        select o.org_code, g.idx, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
               random() as r6, random() as r7
        from bench_org o cross join lateral generate_series(1, o.people) g(idx)
      ), grouped as (
        select b.*, case when r1 < .10 then '01' when r1 < .105 then '02' when r1 < .375 then '03' when r1 < .445 then '04'
                         when r1 < .485 then '05' when r1 < .50 then '06' when r1 < .70 then '07' when r1 < .92 then '08'
                         when r1 < .98 then '09' else '10' end as sg
        from base b
      )
      select g.org_code, g.idx,
             encode(sha256(convert_to(g.org_code || ':' || g.idx, 'UTF8')), 'hex') as person_key,
             g.sg as staff_group,
             case when g.sg = '01' then (array['M-FY1','M-FY2','M-CT','M-STR','M-SAS','M-CON','M-CON'])[1 + floor(g.r2 * 7)::int]
                  when g.sg in ('03','04','05','06') then (array['B5','B5','B6','B6','B7','B8A','B8B'])[1 + floor(g.r2 * 7)::int]
                  when g.sg = '08' then (array['B2','B3','B3','B4','B5','B6','B7','B8A','B8C','B9','VSM'])[1 + floor(g.r2 * 11)::int]
                  else (array['B2','B2','B3','B3','B4'])[1 + floor(g.r2 * 5)::int] end as band,
             ${areasByGroup} as clinical_area,
             floor(g.r4 * (2 + o.people / 1500))::int as dept, -- a few departments per clinical area
             case when g.r5 < .86 then 1 when g.r5 < .98 then 2 else 3 end as n_assign,
             case when g.r6 < .3 then '07' when g.r6 < .5 then '08' end as alt_group,
             round((0.4 + 0.6 * g.r7)::numeric, 2) as fte1,
             array_remove(array[
               case when g.sg in ('01','03','04','05','06','07') and g.r6 < .9 or g.sg in ('08','10') and g.r6 < .35 then 'user' end,
               case when g.r7 < .03 or g.sg = '05' and g.r7 < .12 then 'embedder' end,
               case when g.r3 < .015 or g.sg in ('01','08') and g.r2 > .97 then 'driver' end,
               case when g.r4 < .005 or (${areasByGroup}) = 'digital' and g.r4 < .2 then 'creator' end,
               case when g.r5 > .998 then 'shaper' end], null) as archetypes,
             case when g.r2 < .08 then floor(random() * ${spec.months})::int else -1 end as join_month,
             case when g.r3 > .92 then floor(random() * ${spec.months})::int + 1 else 999 end as leave_month,
             o.adoption
      from grouped g join bench_org o on o.org_code = g.org_code`),
  );
  await db.query(`alter table bench_person add primary key (org_code, person_key)`);
  await timed('requirements and completions per person', async () => {
    await db.query(`
      create unlogged table bench_person_module as
      with needs as (
        select p.org_code, p.person_key, p.adoption, t.code as module_code, t.layer, t.renewal_months
        from bench_person p join training_module t on t.layer = 'foundation' and t.retired_at is null
        union
        select p.org_code, p.person_key, p.adoption, t.code, t.layer, t.renewal_months
        from bench_person p cross join lateral unnest(p.archetypes) a(code)
        join archetype_requirement r on r.archetype_code = a.code
        join training_module t on t.code = r.module_code and t.retired_at is null
      ), done as (
        select n.*, case when random() < least(0.97, (case when layer = 'foundation' then 0.72 else 0.45 end) * adoption)
                         then date '2025-01-01' + floor(power(random(), 0.8) * 660)::int end as completed_on
        from needs n
      )
      select org_code, person_key, module_code, layer, completed_on,
             case when completed_on is not null and renewal_months is not null
                  then (completed_on + make_interval(months => renewal_months))::date end as expires_on
      from done`);
    await db.query(`create index on bench_person_module(org_code, person_key)`);
    await db.query(`
      insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
      select org_code, person_key, module_code, completed_on, expires_on, module_code
      from bench_person_module where completed_on is not null`);
  });
  // Bulk load: this bench-only session skips foreign-key triggers (the generator only writes valid codes),
  // and the per-person tables' indexes are dropped and rebuilt once (random HMAC keys make row-by-row
  // B-tree inserts slow).
  await db.query(`set session_replication_role = replica`);
  // The definitions are kept in a table first, so a run interrupted mid-load still restores them next time.
  await db.query(
    `create table if not exists bench_index_backup (name text, def text, "constraint" text, "table" text)`,
  );
  const [{ saved }] = await db.query(`select count(*)::int as saved from bench_index_backup`);
  if (saved === 0)
    await db.query(`
      insert into bench_index_backup
      select i.indexrelid::regclass::text,
             -- a primary key as its constraint (a partitioned table's cannot be added from an index);
             -- other indexes on the parent and, so, on every partition (not ON ONLY the parent)
             coalesce(pg_get_constraintdef(c.oid), replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')),
             c.conname, i.indrelid::regclass::text
      from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.contype = 'p'
      where i.indrelid in ('staff_assignment'::regclass, 'person_snapshot'::regclass, 'person_need'::regclass)`);
  const indexes: { name: string; def: string; constraint: string | null; table: string }[] = await db.query(
    `select name, def, "constraint", "table" from bench_index_backup`,
  );
  for (const ix of indexes)
    await db.query(
      ix.constraint
        ? `alter table ${ix.table} drop constraint if exists ${ix.constraint}`
        : `drop index if exists ${ix.name}`,
    );
  for (const [m, asAt] of dates.entries()) {
    await timed(`snapshot ${asAt}`, async () => {
      const active = `p.join_month <= ${m} and p.leave_month > ${m}`;
      await db.query(
        `
        insert into staff_snapshot(org_code, as_at, headcount, assignments)
        select p.org_code, $1, count(*), sum(p.n_assign) from bench_person p where ${active} group by p.org_code`,
        [asAt],
      );
      await ensureMonthPartitions(db, [asAt]);
      await db.query(
        `
        insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code,
          pay_band, department, fte)
        select p.org_code, $1, p.person_key, lpad(k::text, 2, '0'),
               case when k > 1 and p.alt_group is not null then p.alt_group else p.staff_group end,
               case when k = 1 then p.clinical_area else (array['medicine','surgery','corporate','community','urgent-care'])[1 + (p.dept + k) % 5] end,
               case when k = 1 then p.band else (array['B3','B4','B5','B6','B7'])[1 + (p.dept + k) % 5] end,
               initcap(replace(p.clinical_area, '-', ' ')) || ' ' || lpad(((p.dept + k - 1) % (2 + o.people / 1500))::text, 3, '0'),
               case when k = 1 then p.fte1 else 0.2 end
        from bench_person p join bench_org o on o.org_code = p.org_code
        cross join lateral generate_series(1, p.n_assign) k
        where ${active}
        order by p.org_code, p.person_key, k`,
        [asAt],
      );
      await db.query(
        `
        insert into person_snapshot(org_code, as_at, person_key, assignments, fte, archetypes, modules_needed, modules_met)
        select p.org_code, $1, p.person_key, p.n_assign, p.fte1 + 0.2 * (p.n_assign - 1), p.archetypes,
               count(m.module_code), count(m.module_code) filter (where m.completed_on <= $1 and (m.expires_on is null or m.expires_on > $1))
        from bench_person p left join bench_person_module m on m.org_code = p.org_code and m.person_key = p.person_key
        where ${active}
        group by p.org_code, p.person_key, p.n_assign, p.fte1, p.archetypes`,
        [asAt],
      );
      await db.query(
        `
        insert into person_need(org_code, as_at, person_key, module_code, layer, met, met_on, expires_on)
        select m.org_code, $1, m.person_key, m.module_code, m.layer,
               coalesce(m.completed_on <= $1 and (m.expires_on is null or m.expires_on > $1), false),
               case when m.completed_on <= $1 then m.completed_on end,
               case when m.completed_on <= $1 then m.expires_on end
        from bench_person_module m join bench_person p on p.org_code = m.org_code and p.person_key = m.person_key
        where ${active}`,
        [asAt],
      );
    });
  }
  await timed('rebuild indexes', async () => {
    for (const ix of indexes)
      await db.query(
        ix.constraint ? `alter table ${ix.table} add constraint ${ix.constraint} ${ix.def}` : ix.def,
      );
  });
  await db.query(`delete from bench_index_backup`);
  await db.query(`set session_replication_role = origin`);
  await timed('analyze', () => db.query(`analyze`));
  await db.query(`insert into bench_meta(spec) values ($1)`, [JSON.stringify(spec)]);
  return dates;
}

/** Builds every organisation's rollups through the real refreshRollups, one transaction per organisation. */
export async function ensureRollups(db: DataSource, workers = 2): Promise<void> {
  const [{ missing }] = await db.query(
    `select count(*)::int as missing from staff_snapshot s
     where not exists (select 1 from coverage_rollup r where r.org_code = s.org_code and r.as_at = s.as_at and r.gset = 0)`,
  );
  if (missing === 0) {
    log('rollups already built');
    return;
  }
  // Only organisations with a snapshot still lacking rollups, so an interrupted build resumes.
  const orgs: string[] = (
    await db.query(`select s.org_code from staff_snapshot s
      where exists (select 1 from staff_snapshot x where x.org_code = s.org_code and not exists (
        select 1 from coverage_rollup r where r.org_code = x.org_code and r.as_at = x.as_at and r.gset = 0))
      group by s.org_code order by sum(s.headcount) desc`)
  ).map((r: any) => r.org_code);
  const [{ snapshots }] = await db.query(`select count(*)::int as snapshots from staff_snapshot`);
  const started = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < orgs.length) {
      const org = orgs[next++];
      await db.transaction((m) => refreshRollups(m, org));
      if (++done % 10 === 0)
        log(
          `rollups: ${done}/${orgs.length} organisations, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  await db.query(`analyze coverage_rollup; analyze coverage_module_rollup`);
  const [{ rows }] = await db.query(
    `select (select count(*) from coverage_rollup) + (select count(*) from coverage_module_rollup) as rows`,
  );
  log(
    `rollups for ${snapshots} snapshots built in ${seconds.toFixed(1)} s with ${workers} workers ` +
      `(${((seconds * 1000 * workers) / snapshots).toFixed(0)} ms per snapshot per worker; ${Number(rows).toLocaleString('en-GB')} rollup rows)`,
  );
}

export type BenchApp = {
  app: INestApplication;
  url: string;
  headers: Record<string, string>;
  db: DataSource;
};

/** The real API on loopback, with a national planner signed in through the real signIn mutation. */
export async function startBenchApp(): Promise<BenchApp> {
  const app = await createApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const db = app.get(DataSource);
  await app
    .get(UsersService)
    .create(null, {
      email: BENCH_USER.email,
      displayName: 'Benchmark national planner',
      role: 'planner',
      grants: [{ type: 'national', code: '' }],
      password: BENCH_USER.password,
    })
    .catch(() => undefined); // exists from an earlier run
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }`,
      variables: { e: BENCH_USER.email, p: BENCH_USER.password },
    }),
  });
  const body: any = await res.json();
  if (body.errors) throw new Error(`bench sign-in failed: ${JSON.stringify(body.errors)}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => /aiwr_session=/.test(c))!
    .split(';')[0];
  return {
    app,
    url,
    db,
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': body.data.signIn.csrfToken },
  };
}

/** Migrates and seeds the bench database, then makes sure the workforce and its rollups are there. */
export async function prepareBenchDatabase(spec: WorkforceSpec): Promise<string[]> {
  const url = process.env.DATABASE_URL!;
  // --migrate no: for a shared, already built national database whose big tables a pending migration would
  // rewrite (e.g. 1764100000001 re-keys every staff_assignment row); the benchmark then runs on its schema as is.
  if (argValue('migrate', 'yes') === 'no') log('migrations not applied (--migrate no)');
  else await timed('migrations and reference data', () => migrateAndSeedReference(url));
  const db = await openDataSource(url);
  try {
    const dates = await ensureNationalWorkforce(db, spec);
    await ensureRollups(db);
    return dates;
  } finally {
    await db.destroy();
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1]
    ? process.argv[i + 1]
    : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

/** A viewer that may see everything exactly: benches that call the services directly, with no session. */
export const NATIONAL_VIEWER = {
  scope: async () => null,
  assertOrgsVisible: async () => undefined,
  assertAreasVisible: async () => undefined,
  needsDisclosureControl: async () => false,
  canSeePeople: async () => true,
  scopeKey: async () => 'national',
} as unknown as CoverageViewer;

/** Prints p50, p95 and the spread of a series of timings in milliseconds. */
export function printTimings(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms, spread ${s[0].toFixed(0)}-${s[s.length - 1].toFixed(0)} ms (${s.length} runs)`,
  );
}
