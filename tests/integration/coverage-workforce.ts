/**
 * A small generated workforce for the coverage tests, written straight into the per-person tables
 * (staff_snapshot, staff_assignment, person_snapshot, person_need), plus an independent JavaScript count
 * of every coverage measure over the same people, to check the rollups against.
 */
import { DataSource } from 'typeorm';
import { ensureMonthPartitions } from '@aiwr/db';
import { refreshRollups } from '@aiwr/server-coverage';

export type Assignment = {
  no: string;
  department: string | null;
  staffGroup: string;
  clinicalArea: string;
  payBand: string | null;
  fte: number;
};
export type Need = { module: string; layer: string; met: boolean };
export type Person = {
  org: string;
  asAt: string;
  key: string;
  archetypes: string[];
  assignments: Assignment[];
  needs: Need[];
};
export type Catalogue = {
  foundation: string[];
  requirements: Map<string, string[]>;
  layerOf: Map<string, string>;
  insertedModules: string[];
};
export type OrgRef = { code: string; icb: string; region: string };

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The catalogue in the database, or a small test one when no reference catalogue is loaded yet. */
export async function ensureCatalogue(db: DataSource): Promise<Catalogue> {
  const inserted: string[] = [];
  const current = async () => {
    const modules: { code: string; layer: string }[] = await db.query(
      `select code, layer from training_module where retired_at is null`,
    );
    const reqs: { archetype_code: string; module_code: string }[] = await db.query(
      `select r.archetype_code, r.module_code from archetype_requirement r
       join training_module t on t.code = r.module_code and t.retired_at is null`,
    );
    return { modules, reqs };
  };
  let { modules, reqs } = await current();
  if (!modules.some((m) => m.layer === 'foundation') || reqs.length === 0) {
    const archetypes: { code: string }[] = await db.query(`select code from archetype order by sort_order`);
    const add = async (code: string, layer: string) => {
      const r = await db.query(
        `insert into training_module(code, title, layer) values ($1, $2, $3) on conflict do nothing returning code`,
        [code, `Test ${code}`, layer],
      );
      if (r.length) inserted.push(code);
    };
    await add('TST-F1', 'foundation');
    await add('TST-X1', 'archetype');
    for (const a of archetypes) {
      await add(`TST-${a.code}`, 'archetype');
      await db.query(`insert into archetype_requirement values ($1, $2) on conflict do nothing`, [
        a.code,
        `TST-${a.code}`,
      ]);
    }
    for (const a of archetypes.slice(0, 3))
      await db.query(`insert into archetype_requirement values ($1, 'TST-X1') on conflict do nothing`, [
        a.code,
      ]);
    ({ modules, reqs } = await current());
  }
  const requirements = new Map<string, string[]>();
  for (const r of reqs)
    requirements.set(r.archetype_code, [...(requirements.get(r.archetype_code) ?? []), r.module_code]);
  return {
    foundation: modules.filter((m) => m.layer === 'foundation').map((m) => m.code),
    requirements,
    layerOf: new Map(modules.map((m) => [m.code, m.layer])),
    insertedModules: inserted,
  };
}

export async function removeCatalogue(db: DataSource, c: Catalogue) {
  if (c.insertedModules.length === 0) return;
  await db.query(`delete from archetype_requirement where module_code = any($1)`, [c.insertedModules]);
  await db.query(`delete from training_module where code = any($1)`, [c.insertedModules]);
}

/** Three open trusts: two sharing an ICB, one in another region. */
export async function pickOrganisations(db: DataSource): Promise<OrgRef[]> {
  const [pair] = await db.query(
    `select icb_code, (array_agg(code order by code))[1:2] as codes from organisation
     where close_date is null and icb_code is not null and region_code is not null
     group by icb_code having count(*) >= 2 order by icb_code limit 1`,
  );
  const all: { code: string; icb_code: string; region_code: string }[] = await db.query(
    `select code, icb_code, region_code from organisation where close_date is null and icb_code is not null order by code`,
  );
  const first = all.filter((o) => pair.codes.includes(o.code));
  const other = all.find((o) => o.region_code !== first[0].region_code)!;
  return [...first, other].map((o) => ({ code: o.code, icb: o.icb_code, region: o.region_code }));
}

export type WorkforceOptions = {
  seed: number;
  orgs: string[];
  dates: string[];
  peoplePerOrg: number;
  catalogue: Catalogue;
  staffGroups: string[];
  clinicalAreas: string[];
  archetypes: string[];
};

/** People with one to three assignments in different departments, staff groups, areas and bands. */
export function generateWorkforce(o: WorkforceOptions): Person[] {
  const rand = rng(o.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const departments = ['Ward 1', 'Ward 2', 'Imaging Department', 'Pharmacy', 'Digital Team', null];
  const bands = ['B5', 'B6', 'B7', 'B8A', 'M-CON', null];
  const people: Person[] = [];
  for (const org of o.orgs)
    for (const [d, asAt] of o.dates.entries())
      for (let i = 0; i < o.peoplePerOrg + d * 3; i++) {
        const r = rand();
        const nAssignments = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
        const assignments: Assignment[] = Array.from({ length: nAssignments }, (_, k) => ({
          no: `A${k + 1}`,
          department: pick(departments),
          staffGroup: pick(o.staffGroups),
          clinicalArea: pick(o.clinicalAreas),
          payBand: pick(bands),
          fte: Math.round((0.1 + rand() * 0.9) * 10000) / 10000,
        }));
        const archetypes = o.archetypes.filter(
          (a, k) => rand() < (k === o.archetypes.length - 1 ? 0.7 : 0.2),
        );
        const modules = new Set<string>(o.catalogue.foundation);
        for (const a of archetypes) for (const m of o.catalogue.requirements.get(a) ?? []) modules.add(m);
        const needs = [...modules].map((m) => ({
          module: m,
          layer: o.catalogue.layerOf.get(m)!,
          met: rand() < 0.6,
        }));
        people.push({
          org,
          asAt,
          key: `${org}-${String(i).padStart(5, '0')}-key`,
          archetypes,
          assignments,
          needs,
        });
      }
  return people;
}

/** Writes the people with multi-row INSERTs (a few thousand rows: no need for COPY here). */
export async function insertWorkforce(db: DataSource, people: Person[]) {
  const snapshots = new Map<string, Person[]>();
  for (const p of people)
    snapshots.set(`${p.org}|${p.asAt}`, [...(snapshots.get(`${p.org}|${p.asAt}`) ?? []), p]);
  await db.transaction(async (m) => {
    // Suites share one database and run one at a time: start from a database holding only this
    // workforce, whatever another suite (an import test, say) left behind. Snapshot deletes cascade.
    // Every organisation, not only this workforce's: suites assert on whole scopes (all London trusts).
    await m.query(`delete from staff_snapshot`);
    await m.query(`delete from training_completion`);
    for (const [key, ps] of snapshots) {
      const [org, asAt] = key.split('|');
      await m.query(
        `insert into staff_snapshot(org_code, as_at, headcount, assignments) values ($1, $2, $3, $4)`,
        [org, asAt, ps.length, ps.reduce((s, p) => s + p.assignments.length, 0)],
      );
      await ensureMonthPartitions(m, [asAt]);
      const asg = ps.flatMap((p) => p.assignments.map((a) => ({ p, a })));
      await m.query(
        `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, department, pay_band, fte)
         select $1, $2, * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[])`,
        [
          org,
          asAt,
          asg.map((x) => x.p.key),
          asg.map((x) => x.a.no),
          asg.map((x) => x.a.staffGroup),
          asg.map((x) => x.a.clinicalArea),
          asg.map((x) => x.a.department),
          asg.map((x) => x.a.payBand),
          asg.map((x) => x.a.fte),
        ],
      );
      await m.query(
        `insert into person_snapshot(org_code, as_at, person_key, assignments, fte, archetypes, modules_needed, modules_met)
         select $1, $2, k, n, f, string_to_array(a, ','), nn, nm
         from unnest($3::text[], $4::int[], $5::numeric[], $6::text[], $7::int[], $8::int[]) as t(k, n, f, a, nn, nm)`,
        [
          org,
          asAt,
          ps.map((p) => p.key),
          ps.map((p) => p.assignments.length),
          ps.map((p) => p.assignments.reduce((s, a) => s + a.fte, 0)),
          ps.map((p) => p.archetypes.join(',')),
          ps.map((p) => p.needs.length),
          ps.map((p) => p.needs.filter((n) => n.met).length),
        ],
      );
      const needs = ps.flatMap((p) => p.needs.map((n) => ({ p, n })));
      await m.query(
        `insert into person_need(org_code, as_at, person_key, module_code, layer, met)
         select $1, $2, * from unnest($3::text[], $4::text[], $5::text[], $6::boolean[])`,
        [
          org,
          asAt,
          needs.map((x) => x.p.key),
          needs.map((x) => x.n.module),
          needs.map((x) => x.n.layer),
          needs.map((x) => x.n.met),
        ],
      );
    }
  });
}

export type Expected = {
  headcount: number | null;
  fte: number | null;
  roleCount: number | null;
  needed: number;
  met: number;
  fullyTrained: number | null;
  foundationMet: number | null;
  archetypeMet: number | null;
  peopleMet: number | null;
};
export type Filter = {
  orgCodes?: string[];
  departments?: string[];
  staffGroupCodes?: string[];
  clinicalAreaCodes?: string[];
  payBands?: string[];
  archetypeCodes?: string[];
  moduleCodes?: string[];
  layer?: string;
};

const ASSIGNMENT_KEY: Record<string, (a: Assignment) => string> = {
  DEPARTMENT: (a) => a.department ?? '',
  STAFF_GROUP: (a) => a.staffGroup,
  CLINICAL_AREA: (a) => a.clinicalArea,
  PAY_BAND: (a) => a.payBand ?? '',
};

/**
 * The figures data-formats.md §5 defines, counted person by person in plain JavaScript (no SQL, no rollups):
 * key = JSON of the group's key values in groupBy order.
 */
export function expectedCoverage(
  people: Person[],
  orgs: OrgRef[],
  catalogue: Catalogue,
  filter: Filter,
  groupBy: string[],
): Map<string, Expected> {
  const orgOf = new Map(orgs.map((o) => [o.code, o]));
  const groups = new Map<
    string,
    {
      people: Set<string>;
      fte: number;
      roles: number;
      needed: number;
      met: number;
      full: number;
      foundation: number;
      arch: number;
      peopleMet: number;
    }
  >();
  const wantNeed = (n: Need) =>
    (!filter.moduleCodes || filter.moduleCodes.includes(n.module)) &&
    (!filter.layer || n.layer === filter.layer);
  const byRequirement = groupBy.includes('MODULE') || groupBy.includes('LAYER');
  for (const p of people) {
    if (filter.orgCodes && !filter.orgCodes.includes(p.org)) continue;
    const asg = p.assignments.filter(
      (a) =>
        (!filter.departments || filter.departments.includes(a.department ?? '')) &&
        (!filter.staffGroupCodes || filter.staffGroupCodes.includes(a.staffGroup)) &&
        (!filter.clinicalAreaCodes || filter.clinicalAreaCodes.includes(a.clinicalArea)) &&
        (!filter.payBands || filter.payBands.includes(a.payBand ?? '')),
    );
    if (asg.length === 0) continue;
    const held = p.archetypes.filter((a) => !filter.archetypeCodes || filter.archetypeCodes.includes(a));
    if (filter.archetypeCodes && held.length === 0) continue;
    // Each combination of this person's group values.
    let combos: {
      keys: Record<string, string>;
      asg: Assignment[];
      needs: Need[] | null;
      archetype?: string;
    }[] = [{ keys: {}, asg, needs: null }];
    for (const d of groupBy) {
      const next: typeof combos = [];
      for (const c of combos) {
        if (d === 'ORGANISATION') next.push({ ...c, keys: { ...c.keys, [d]: p.org } });
        else if (d === 'ICB') next.push({ ...c, keys: { ...c.keys, [d]: orgOf.get(p.org)!.icb } });
        else if (d === 'REGION') next.push({ ...c, keys: { ...c.keys, [d]: orgOf.get(p.org)!.region } });
        else if (d === 'ARCHETYPE')
          for (const a of held) next.push({ ...c, archetype: a, keys: { ...c.keys, [d]: a } });
        else if (d === 'MODULE')
          for (const n of p.needs.filter(wantNeed))
            next.push({ ...c, needs: [n], keys: { ...c.keys, [d]: n.module } });
        else if (d === 'LAYER')
          for (const l of new Set(p.needs.filter(wantNeed).map((n) => n.layer)))
            next.push({
              ...c,
              needs: (c.needs ?? p.needs.filter(wantNeed)).filter((n) => n.layer === l),
              keys: { ...c.keys, [d]: l },
            });
        else
          for (const v of new Set(c.asg.map(ASSIGNMENT_KEY[d])))
            next.push({
              ...c,
              asg: c.asg.filter((a) => ASSIGNMENT_KEY[d](a) === v),
              keys: { ...c.keys, [d]: v },
            });
      }
      combos = next;
    }
    for (const c of combos) {
      const key = JSON.stringify(groupBy.map((d) => c.keys[d]));
      const g = groups.get(key) ?? {
        people: new Set(),
        fte: 0,
        roles: 0,
        needed: 0,
        met: 0,
        full: 0,
        foundation: 0,
        arch: 0,
        peopleMet: 0,
      };
      groups.set(key, g);
      const needs = c.needs ?? p.needs.filter(wantNeed);
      g.people.add(p.key + p.org);
      g.fte += c.asg.reduce((s, a) => s + a.fte, 0);
      g.roles += c.asg.length;
      g.needed += needs.length;
      g.met += needs.filter((n) => n.met).length;
      if (needs.length > 0 && needs.every((n) => n.met)) g.peopleMet++;
      if (p.needs.every((n) => n.met)) g.full++;
      const foundation = p.needs.filter((n) => n.layer === 'foundation');
      if (foundation.length > 0 && foundation.every((n) => n.met)) g.foundation++;
      if (c.archetype) {
        const required = catalogue.requirements.get(c.archetype) ?? [];
        if (required.every((m) => p.needs.some((n) => n.module === m && n.met))) g.arch++;
      }
    }
  }
  const out = new Map<string, Expected>();
  for (const [k, g] of groups)
    out.set(k, {
      headcount: g.people.size,
      fte: g.fte,
      roleCount: g.roles,
      needed: g.needed,
      met: g.met,
      fullyTrained: byRequirement ? null : g.full,
      foundationMet: byRequirement ? null : g.foundation,
      archetypeMet: groupBy.includes('ARCHETYPE') && !byRequirement ? g.arch : null,
      peopleMet: byRequirement ? g.peopleMet : null,
    });
  return out;
}

/** The reference codes a generated workforce draws on: the first staff groups and clinical areas, every archetype. */
export async function workforceOptions(
  db: DataSource,
  catalogue: Catalogue,
  o: { seed: number; orgs: string[]; dates: string[]; peoplePerOrg: number },
): Promise<WorkforceOptions> {
  const codes = async (sql: string) => (await db.query(sql)).map((r: { code: string }) => r.code);
  return {
    ...o,
    catalogue,
    staffGroups: await codes(`select code from staff_group order by code limit 3`),
    clinicalAreas: await codes(`select code from clinical_area order by sort_order limit 3`),
    archetypes: await codes(`select code from archetype order by sort_order`),
  };
}

/**
 * A generated workforce for `orgs` at `dates`, written with its catalogue and rolled up (the setting of
 * the suites that ask the API about it), and `remove`, which takes it all out again.
 */
export async function seedWorkforce(
  db: DataSource,
  o: { seed: number; orgs: string[]; dates: string[]; peoplePerOrg: number },
): Promise<{ remove: () => Promise<void> }> {
  const catalogue = await ensureCatalogue(db);
  await insertWorkforce(db, generateWorkforce(await workforceOptions(db, catalogue, o)));
  for (const org of o.orgs) await db.transaction((m) => refreshRollups(m, org));
  return {
    remove: async () => {
      await db.query(`delete from staff_snapshot where org_code = any($1)`, [o.orgs]);
      await removeCatalogue(db, catalogue);
    },
  };
}
