import { DataSource, EntityManager } from 'typeorm';
import {
  currentSnapshots,
  evaluateSnapshots,
  SnapshotRef,
  snapshotsTouchedBy,
} from '../evaluation/reevaluate';
import { RuleChangePreviewType } from '../graphql/rule.types';
import { applyRuleChange, conditionsAround, RuleChange } from './rule-store';

type Figures = {
  people: Map<string, { headcount: number; fullyTrained: number }>;
  archetypes: Map<string, { holders: number; covered: number }>;
};

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : undefined);

/** Headcount, fully trained, and per archetype holders and holders meeting every module it requires. */
async function figures(m: EntityManager, snaps: SnapshotRef[]): Promise<Figures> {
  const params = [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)];
  const scope = `(ps.org_code, ps.as_at) in (select * from unnest($1::text[], $2::date[]))`;
  const people = await m.query(
    `select org_code as "orgCode", count(*)::int as headcount, count(*) filter (where fully_trained)::int as "fullyTrained"
     from person_snapshot ps where ${scope} group by org_code`,
    params,
  );
  const archetypes = await m.query(
    `select ps.org_code as "orgCode", h.archetype, count(*)::int as holders,
            count(*) filter (where not exists (
              select 1 from person_need pn
              where pn.org_code = ps.org_code and pn.as_at = ps.as_at and pn.person_key = ps.person_key
                and ('archetype:' || h.archetype) = any(pn.reasons) and not pn.met))::int as covered
     from person_snapshot ps cross join unnest(ps.archetypes) h(archetype)
     where ${scope} group by ps.org_code, h.archetype`,
    params,
  );
  return {
    people: new Map(people.map((r: any) => [r.orgCode, r])),
    archetypes: new Map(archetypes.map((r: any) => [`${r.orgCode}|${r.archetype}`, r])),
  };
}

/**
 * What-if: applies the change and re-evaluates the current snapshots inside a transaction that is
 * always rolled back, so the preview runs exactly the code a save would run and changes nothing.
 */
export async function previewRuleChange(
  ds: DataSource,
  change: RuleChange,
  orgCodes: string[] | null,
): Promise<RuleChangePreviewType> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    const m = qr.manager;
    const snaps = await currentSnapshots(m, orgCodes);
    const before = await figures(m, snaps);
    await m.query(
      `create temp table preview_before on commit drop as
       select org_code, person_key, unnest(archetypes) as archetype from person_snapshot
       where (org_code, as_at) in (select * from unnest($1::text[], $2::date[]))`,
      [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)],
    );
    const written = await applyRuleChange(m, change, 'preview', 'what-if preview (rolled back)');
    // Snapshots the change cannot touch keep identical figures, so only the others are re-evaluated.
    // Evaluation only: the preview reads person rows, not rollups, and is rolled back.
    await evaluateSnapshots(m, await snapshotsTouchedBy(m, snaps, await conditionsAround(m, written)));
    const after = await figures(m, snaps);
    // Aggregated in SQL: a national preview may move hundreds of thousands of person-archetype pairs.
    const [shift] = await m.query(
      `with after as (
         select org_code, person_key, unnest(archetypes) as archetype from person_snapshot
         where (org_code, as_at) in (select * from unnest($1::text[], $2::date[]))),
       moved as (
         select coalesce(a.org_code, b.org_code) as org_code, coalesce(a.archetype, b.archetype) as archetype,
                coalesce(a.person_key, b.person_key) as person_key, (b.person_key is null) as gained
         from after a full join preview_before b using (org_code, person_key, archetype)
         where a.person_key is null or b.person_key is null)
       select coalesce((select jsonb_object_agg(k, n) from (
                select org_code || '|' || archetype || '|' || gained as k, count(*)::int as n
                from moved group by org_code, archetype, gained) c), '{}') as counts,
              (select count(distinct org_code || '|' || person_key)::int from moved where gained) as "gainingAny",
              (select count(distinct org_code || '|' || person_key)::int from moved where not gained) as "losingAny"`,
      [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)],
    );
    const moved = (org: string, archetype: string, gained: boolean): number =>
      shift.counts[`${org}|${archetype}|${gained}`] ?? 0;
    const names = new Map<string, string>(
      (
        await m.query(`select code, name from organisation where code = any($1)`, [
          snaps.map((s) => s.orgCode),
        ])
      ).map((r: any) => [r.code, r.name]),
    );
    const archetypeCodes: string[] = (await m.query(`select code from archetype order by sort_order`)).map(
      (r: any) => r.code,
    );
    const organisations = snaps.map((s) => {
      const p0 = before.people.get(s.orgCode) ?? { headcount: 0, fullyTrained: 0 };
      const p1 = after.people.get(s.orgCode) ?? { headcount: 0, fullyTrained: 0 };
      return {
        orgCode: s.orgCode,
        orgName: names.get(s.orgCode) ?? s.orgCode,
        asAt: s.asAt,
        headcount: p0.headcount,
        fullyTrainedBefore: p0.fullyTrained,
        fullyTrainedAfter: p1.fullyTrained,
        fullyTrainedPctBefore: pct(p0.fullyTrained, p0.headcount),
        fullyTrainedPctAfter: pct(p1.fullyTrained, p1.headcount),
        archetypes: archetypeCodes.map((archetype) => {
          const a0 = before.archetypes.get(`${s.orgCode}|${archetype}`) ?? { holders: 0, covered: 0 };
          const a1 = after.archetypes.get(`${s.orgCode}|${archetype}`) ?? { holders: 0, covered: 0 };
          return {
            archetype,
            gained: moved(s.orgCode, archetype, true),
            lost: moved(s.orgCode, archetype, false),
            holdersBefore: a0.holders,
            holdersAfter: a1.holders,
            coveredBefore: a0.covered,
            coveredAfter: a1.covered,
            coveragePctBefore: pct(a0.covered, a0.holders),
            coveragePctAfter: pct(a1.covered, a1.holders),
          };
        }),
      };
    });
    return { organisations, peopleGainingAny: shift.gainingAny, peopleLosingAny: shift.losingAny };
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
}
