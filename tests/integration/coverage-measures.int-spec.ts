/**
 * Every coverage measure (data-formats.md §5), read through the rollups, against an independent count of
 * the same generated people in plain JavaScript. The workforce has people with several assignments in
 * different departments, staff groups, clinical areas and bands, and people holding several archetypes.
 */
import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { CoverageService, CoverageViewer, refreshRollups } from '@aiwr/server-coverage';
import {
  Catalogue,
  OrgRef,
  Person,
  ensureCatalogue,
  expectedCoverage,
  generateWorkforce,
  insertWorkforce,
  pickOrganisations,
  removeCatalogue,
} from './coverage-workforce';

const national: CoverageViewer = {
  scope: async () => null,
  assertOrgsVisible: async () => undefined,
  assertAreasVisible: async () => undefined,
  needsDisclosureControl: async () => false,
  canSeePeople: async () => true,
  scopeKey: async () => 'national',
};

const DATES = ['2026-07-31', '2026-08-31'];
let db: DataSource;
let service: CoverageService;
let orgs: OrgRef[];
let catalogue: Catalogue;
let people: Person[];
let staffGroups: string[];
let archetypes: string[];

beforeAll(async () => {
  db = await openDataSource();
  catalogue = await ensureCatalogue(db);
  orgs = await pickOrganisations(db);
  staffGroups = (await db.query(`select code from staff_group order by code limit 4`)).map(
    (r: any) => r.code,
  );
  const areas = (await db.query(`select code from clinical_area order by sort_order limit 3`)).map(
    (r: any) => r.code,
  );
  archetypes = (await db.query(`select code from archetype order by sort_order`)).map((r: any) => r.code);
  people = generateWorkforce({
    seed: 20261122,
    orgs: orgs.map((o) => o.code),
    dates: DATES,
    peoplePerOrg: 60,
    catalogue,
    staffGroups,
    clinicalAreas: areas,
    archetypes,
  });
  await insertWorkforce(db, people);
  // As the import would: one transaction per organisation, every snapshot of it.
  for (const o of orgs) await db.transaction((m) => refreshRollups(m, o.code));
  service = new CoverageService(db);
});

afterAll(async () => {
  await db.query(`delete from staff_snapshot where org_code = any($1)`, [orgs.map((o) => o.code)]);
  await removeCatalogue(db, catalogue);
  await db.destroy();
});

const latest = () => people.filter((p) => p.asAt === DATES[1]);
const scoped = () => ({ orgCodes: orgs.map((o) => o.code) });

async function expectMatches(filter: Record<string, unknown>, groupBy: string[], population = latest()) {
  const expected = expectedCoverage(population, orgs, catalogue, { ...scoped(), ...filter } as any, groupBy);
  const result = await service.coverage(national, { ...scoped(), ...filter }, groupBy as any);
  expect(expected.size).toBeGreaterThan(0);
  const actual = new Map(result.rows.map((r) => [JSON.stringify(groupBy.map((d) => (r.keys as any)[d])), r]));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, e] of expected) {
    const row = actual.get(key)!;
    const m = row.measures;
    const context = `${JSON.stringify(filter)} by ${groupBy.join(' x ') || 'total'} ${key}`;
    expect({ context, headcount: m.headcount, roleCount: m.roleCount, needed: m.needed, met: m.met }).toEqual(
      {
        context,
        headcount: e.headcount,
        roleCount: e.roleCount,
        needed: e.needed,
        met: e.met,
      },
    );
    expect({
      context,
      fullyTrained: m.fullyTrained,
      foundationMet: m.foundationMet,
      archetypeMet: m.archetypeMet,
      peopleMet: m.peopleMet,
    }).toEqual({
      context,
      fullyTrained: e.fullyTrained,
      foundationMet: e.foundationMet,
      archetypeMet: e.archetypeMet,
      peopleMet: e.peopleMet,
    });
    expect(m.fte).toBeCloseTo(e.fte!, 3);
    // Uncontrolled viewer: what is shown is the exact figure, and percentages follow §5.
    expect(row.shown.headcount.value).toBe(e.headcount);
    expect(row.shown.unmet.value).toBe(e.needed - e.met);
    expect(row.shown.coveragePct.value).toBe(e.needed ? Math.round((e.met / e.needed) * 1000) / 10 : null);
    if (e.fullyTrained !== null)
      expect(row.shown.fullyTrainedPct.value).toBe(Math.round((e.fullyTrained / e.headcount!) * 1000) / 10);
    if (e.foundationMet !== null)
      expect(row.shown.foundationPct.value).toBe(Math.round((e.foundationMet / e.headcount!) * 1000) / 10);
  }
  return result;
}

describe('coverage measures against an independent count', () => {
  it('the generated workforce has what the test needs: multi-assignment people, several archetypes, unmet needs', () => {
    expect(
      latest().filter((p) => new Set(p.assignments.map((a) => a.staffGroup)).size > 1).length,
    ).toBeGreaterThan(10);
    expect(latest().filter((p) => p.archetypes.length > 1).length).toBeGreaterThan(5);
    expect(latest().some((p) => p.needs.some((n) => !n.met))).toBe(true);
  });

  it('population total', async () => {
    const r = await expectMatches({}, []);
    expect(r.total?.measures.headcount).toBe(latest().length);
    expect(r.asAt).toBe(DATES[1]);
  });

  it.each([
    ['ORGANISATION'],
    ['ICB'],
    ['REGION'],
    ['DEPARTMENT'],
    ['STAFF_GROUP'],
    ['CLINICAL_AREA'],
    ['PAY_BAND'],
    ['ARCHETYPE'],
    ['MODULE'],
    ['LAYER'],
  ])('grouped by %s', async (d) => {
    await expectMatches({}, [d]);
  });

  it.each([
    [['ICB', 'ARCHETYPE']],
    [['ORGANISATION', 'STAFF_GROUP']],
    [['STAFF_GROUP', 'ARCHETYPE']],
    [['CLINICAL_AREA', 'PAY_BAND']],
    [['DEPARTMENT', 'ARCHETYPE']],
    [['DEPARTMENT', 'STAFF_GROUP']],
    [['REGION', 'MODULE']],
    [['STAFF_GROUP', 'MODULE']],
    [['ARCHETYPE', 'MODULE']],
    [['CLINICAL_AREA', 'LAYER']],
    [['ORGANISATION', 'DEPARTMENT', 'PAY_BAND']],
  ])('grouped by %j', async (dims) => {
    await expectMatches({}, dims);
  });

  it('filtered by one staff group, grouped by archetype (archetype coverage of that staff group)', async () => {
    await expectMatches({ staffGroupCodes: [staffGroups[0]] }, ['ARCHETYPE']);
  });

  it('filtered by archetype and grouped by module, and by several staff groups when grouped by staff group', async () => {
    await expectMatches({ archetypeCodes: [archetypes[archetypes.length - 1]] }, ['MODULE']);
    await expectMatches({ staffGroupCodes: staffGroups.slice(0, 2) }, ['STAFF_GROUP']);
  });

  it('filtered by module or layer: the population stays, only requirement pairs narrow', async () => {
    const moduleCode = catalogue.foundation[0];
    await expectMatches({ moduleCodes: [moduleCode] }, ['STAFF_GROUP']);
    await expectMatches({ layer: 'archetype' }, ['ORGANISATION']);
    await expectMatches({ layer: 'archetype' }, ['MODULE']);
  });

  it('as at an earlier date uses each organisation’s snapshot on or before it', async () => {
    const earlier = people.filter((p) => p.asAt === DATES[0]);
    await expectMatches({ asAt: '2026-08-15' }, ['ORGANISATION'], earlier);
    const r = await service.coverage(national, { ...scoped(), asAt: '2026-08-15' }, []);
    expect(r.asAt).toBe(DATES[0]);
  });

  it('trend: one point per snapshot date, each counted from that date’s people', async () => {
    const points = await service.trend(national, scoped(), []);
    expect(points.map((p) => p.asAt)).toEqual(DATES);
    for (const [i, d] of DATES.entries()) {
      const pop = people.filter((p) => p.asAt === d);
      expect(points[i].rows[0].measures.headcount).toBe(pop.length);
      expect(points[i].rows[0].measures.met).toBe(
        pop.reduce((s, p) => s + p.needs.filter((n) => n.met).length, 0),
      );
    }
  });

  it('headcount is not additive: parts add up to more than the total with multi-assignment people', async () => {
    const total = (await service.coverage(national, scoped(), [])).total!.measures.headcount!;
    const byGroup = (await service.coverage(national, scoped(), ['STAFF_GROUP'])).rows;
    const sumOfParts = byGroup.reduce((s, r) => s + r.measures.headcount!, 0);
    const independentTotal = latest().length;
    const independentSum = latest().reduce(
      (s, p) => s + new Set(p.assignments.map((a) => a.staffGroup)).size,
      0,
    );
    expect(total).toBe(independentTotal);
    expect(sumOfParts).toBe(independentSum);
    expect(sumOfParts).toBeGreaterThan(total);
    // ...while FTE and role count do add up.
    const fteTotal = latest().reduce((s, p) => s + p.assignments.reduce((t, a) => t + a.fte, 0), 0);
    expect(byGroup.reduce((s, r) => s + r.measures.fte!, 0)).toBeCloseTo(fteTotal, 3);
  });

  it('rebuilding one snapshot leaves the other snapshots’ rollups alone and gives the same figures', async () => {
    const before = await service.coverage(national, scoped(), ['ORGANISATION']);
    await db.transaction((m) => refreshRollups(m, orgs[0].code, DATES[1]));
    const after = await service.coverage(national, scoped(), ['ORGANISATION']);
    expect(after.rows.map((r) => r.measures)).toEqual(before.rows.map((r) => r.measures));
    const [{ n }] = await db.query(
      `select count(distinct as_at)::int as n from coverage_rollup where org_code = $1`,
      [orgs[0].code],
    );
    expect(n).toBe(2);
  });

  it('filter options (coverage_filter_option, kept by refreshRollups) are the codes the people in scope have', async () => {
    const expectedOptions = (population: Person[]) => {
      const sorted = (xs: Iterable<string | null>) => [...new Set(xs)].map((c) => c ?? '').sort();
      const assignments = population.flatMap((p) => p.assignments);
      return {
        DEPARTMENT: sorted(assignments.map((a) => a.department)),
        STAFF_GROUP: sorted(assignments.map((a) => a.staffGroup)),
        CLINICAL_AREA: sorted(assignments.map((a) => a.clinicalArea)),
        PAY_BAND: sorted(assignments.map((a) => a.payBand)),
        ARCHETYPE: sorted(population.flatMap((p) => p.archetypes)),
      };
    };
    const actualOptions = async (filter: Record<string, unknown>) => {
      const o = await service.filterOptions(national, filter);
      return Object.fromEntries(
        ['DEPARTMENT', 'STAFF_GROUP', 'CLINICAL_AREA', 'PAY_BAND', 'ARCHETYPE'].map((d) => [
          d,
          o[d].map((x) => x.code).sort(),
        ]),
      );
    };
    expect(await actualOptions(scoped())).toEqual(expectedOptions(latest()));
    const one = orgs[1].code;
    expect(await actualOptions({ orgCodes: [one] })).toEqual(
      expectedOptions(latest().filter((p) => p.org === one)),
    );
    const earlier = people.filter((p) => p.asAt === DATES[0]);
    expect(await actualOptions({ ...scoped(), asAt: '2026-08-15' })).toEqual(expectedOptions(earlier));
    // Rebuilding one snapshot rebuilds its options and leaves the other snapshot's alone.
    await db.transaction((m) => refreshRollups(m, one, DATES[1]));
    expect(await actualOptions({ orgCodes: [one] })).toEqual(
      expectedOptions(latest().filter((p) => p.org === one)),
    );
    const [{ n }] = await db.query(
      `select count(distinct as_at)::int as n from coverage_filter_option where org_code = $1`,
      [one],
    );
    expect(n).toBe(2);
  });

  describe('department questions (answered from the person rows of the snapshots asked about)', () => {
    const departments = () => [...new Set(latest().flatMap((p) => p.assignments.map((a) => a.department)))];
    const named = () => departments().filter((d): d is string => d !== null);

    it('the workforce has people in several departments at once and people with no department recorded', () => {
      expect(
        latest().filter((p) => new Set(p.assignments.map((a) => a.department)).size > 1).length,
      ).toBeGreaterThan(10);
      expect(departments()).toContain(null);
    });

    it.each([
      [['DEPARTMENT', 'CLINICAL_AREA']],
      [['DEPARTMENT', 'PAY_BAND']],
      [['DEPARTMENT', 'MODULE']],
      [['DEPARTMENT', 'LAYER']],
      [['REGION', 'DEPARTMENT']],
      [['DEPARTMENT', 'ARCHETYPE', 'MODULE']],
    ])('grouped by %j', async (dims) => {
      await expectMatches({}, dims);
    });

    it.each([[[]], [['ARCHETYPE']], [['STAFF_GROUP']], [['ORGANISATION']], [['MODULE']], [['LAYER']]])(
      'one department, grouped by %j',
      async (dims) => {
        for (const d of named()) await expectMatches({ departments: [d] }, dims);
        await expectMatches({ departments: [''] }, dims); // "Not recorded"
      },
    );

    it('one department with another dimension as a filter, with module and layer filters', async () => {
      const d = named()[0];
      await expectMatches({ departments: [d], staffGroupCodes: [staffGroups[0]] }, []);
      await expectMatches({ departments: [d], archetypeCodes: [archetypes[0]] }, ['MODULE']);
      await expectMatches({ departments: [d], moduleCodes: [catalogue.foundation[0]] }, ['STAFF_GROUP']);
      await expectMatches({ departments: [d], layer: 'archetype' }, ['ARCHETYPE']);
      await expectMatches({ departments: [d], layer: 'foundation' }, ['LAYER']);
      await expectMatches({ departments: named().slice(0, 2), payBands: ['B6'] }, ['DEPARTMENT']);
    });

    it('an earlier date, and a trend filtered by a department, count each date’s people', async () => {
      const d = named()[1];
      const earlier = people.filter((p) => p.asAt === DATES[0]);
      await expectMatches({ asAt: '2026-08-15', departments: [d] }, ['ARCHETYPE'], earlier);
      const points = await service.trend(national, { ...scoped(), departments: [d] }, ['STAFF_GROUP']);
      expect(points.map((p) => p.asAt)).toEqual(DATES);
      for (const [i, date] of DATES.entries()) {
        const expected = expectedCoverage(
          people.filter((p) => p.asAt === date),
          orgs,
          catalogue,
          { ...scoped(), departments: [d] },
          ['STAFF_GROUP'],
        );
        const actual = points[i].rows.map((r) => [
          JSON.stringify([r.keys.STAFF_GROUP]),
          r.measures.headcount,
          r.measures.needed,
          r.measures.met,
        ]);
        expect(actual.sort()).toEqual(
          [...expected].map(([k, e]) => [k, e.headcount, e.needed, e.met]).sort(),
        );
      }
    });

    it('a department no snapshot holds counts nobody', async () => {
      const r = await service.coverage(national, { ...scoped(), departments: ['No such department'] }, [
        'ARCHETYPE',
      ]);
      expect(r.rows).toEqual([]);
    });

    it('a snapshot gets department rows on its first department question, and recomputes keep them', async () => {
      const one = orgs[0].code;
      const rowsOf = async () =>
        (
          await db.query(
            `select to_jsonb(t)::text as row from coverage_module_rollup t
             where org_code = $1 and as_at = $2 and gset & 1 <> 0 order by 1`,
            [one, DATES[1]],
          )
        ).map((r: { row: string }) => r.row);
      // As an import replaces a snapshot: its rollups go, and its recompute writes no department rows.
      for (const table of ['coverage_rollup', 'coverage_module_rollup'])
        await db.query(`delete from ${table} where org_code = $1 and as_at = $2`, [one, DATES[1]]);
      await db.transaction((m) => refreshRollups(m, one, DATES[1]));
      expect(await rowsOf()).toEqual([]);
      // The first department questions (two at once: written once) write them, with the figures of an
      // independent count.
      await Promise.all([
        service.coverage(national, scoped(), ['DEPARTMENT']),
        service.coverage(national, scoped(), ['DEPARTMENT', 'STAFF_GROUP']),
      ]);
      await expectMatches({}, ['DEPARTMENT', 'MODULE']);
      await expectMatches({}, ['DEPARTMENT', 'STAFF_GROUP']);
      const written = await rowsOf();
      expect(written.length).toBeGreaterThan(0);
      // A recompute of the snapshot (completions, products) rewrites them: the same rows.
      await db.transaction((m) => refreshRollups(m, one, DATES[1]));
      expect(await rowsOf()).toEqual(written);
      await expectMatches({}, ['DEPARTMENT', 'ARCHETYPE']);
    });
  });

  it('refuses combinations the rollups cannot answer exactly, with a clear message', async () => {
    await expect(
      service.coverage(national, { ...scoped(), staffGroupCodes: staffGroups.slice(0, 2) }, ['ARCHETYPE']),
    ).rejects.toThrow(/several staff group values at once needs groupBy STAFF_GROUP/);
    await expect(
      service.coverage(national, scoped(), ['DEPARTMENT', 'STAFF_GROUP', 'ARCHETYPE']),
    ).rejects.toThrow(/at most 2/);
  });
});
