import { DataSource, EntityManager } from 'typeorm';
import { ragFor } from '@aiwr/shared-domain';
import { currentSnapshots, SnapshotRef } from '@aiwr/server-archetypes';
import { CoverageCatalog } from '@aiwr/server-coverage';
import { applyReferenceChange, ReferenceChange } from './reference-change';
import { recomputeAfterReferenceChange } from './recompute';
import { ReferencePreviewOrgType, ReferencePreviewType } from './mappings.types';

type Figures = { headcount: number; unmapped: number; needs: number; needsMet: number; fullyTrained: number };

async function figures(m: EntityManager, snaps: SnapshotRef[]): Promise<Map<string, Figures>> {
  const rows = await m.query(
    `with snap as (select * from unnest($1::text[], $2::date[]) s(org_code, as_at))
     select ps.org_code as "orgCode", count(*)::int as headcount,
            count(*) filter (where ps.fully_trained)::int as "fullyTrained",
            coalesce(sum(ps.modules_needed), 0)::int as needs, coalesce(sum(ps.modules_met), 0)::int as "needsMet",
            (select count(distinct a.person_key)::int from staff_assignment a
             where a.org_code = ps.org_code and a.as_at = min(ps.as_at) and a.clinical_area_code = 'unmapped') as unmapped
     from person_snapshot ps join snap using (org_code, as_at) group by ps.org_code`,
    [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)],
  );
  return new Map(rows.map((r: Figures & { orgCode: string }) => [r.orgCode, r]));
}

/** Coverage (met / needed pairs) a target applies to, per organisation's current snapshot, from the rollups. */
async function coverageFor(
  m: EntityManager,
  snaps: SnapshotRef[],
  c: Extract<ReferenceChange, { kind: 'coverage_target' }>,
) {
  const params = [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)];
  const sql = c.moduleCode
    ? `select org_code, sum(met)::float8 as met, sum(needed)::float8 as needed from coverage_module_rollup
       where gset = 0 and module_code = $3 and (org_code, as_at) in (select * from unnest($1::text[], $2::date[])) group by org_code`
    : c.layer
      ? `select org_code, sum(met)::float8 as met, sum(needed)::float8 as needed from coverage_module_rollup
         where gset = 0 and module_code is null and layer = $3 and (org_code, as_at) in (select * from unnest($1::text[], $2::date[])) group by org_code`
      : `select org_code, sum(met)::float8 as met, sum(needed)::float8 as needed from coverage_rollup
         where gset = 0 and (org_code, as_at) in (select * from unnest($1::text[], $2::date[])) group by org_code`;
  const rows = await m.query(sql, c.moduleCode || c.layer ? [...params, c.moduleCode ?? c.layer] : params);
  return new Map<string, number | null>(
    rows.map((r: { org_code: string; met: number; needed: number }) => [
      r.org_code,
      r.needed ? Math.round((1000 * r.met) / r.needed) / 10 : null,
    ]),
  );
}

/** Organisations whose current snapshot an edit of this scope can reach, within what the caller sees. */
async function scopeOrganisations(
  m: EntityManager,
  c: ReferenceChange,
  visible: string[] | null,
): Promise<string[] | null> {
  let orgs: string[] | null = c.orgCode ? [c.orgCode] : null;
  if (!orgs && c.kind === 'coverage_target' && c.regionCode)
    orgs = (await m.query(`select code from organisation where region_code = $1`, [c.regionCode])).map(
      (r: { code: string }) => r.code,
    );
  if (visible === null) return orgs;
  return (orgs ?? visible).filter((o) => visible.includes(o));
}

/**
 * What-if: applies the edit and runs the same recomputation a save runs, inside a transaction that is
 * always rolled back, and reports by organisation what would move (people between clinical areas,
 * Unmapped, needs met, people fully trained; for targets, the RAG of the coverage the target governs).
 */
export async function previewReferenceChange(
  ds: DataSource,
  change: ReferenceChange,
  visible: string[] | null,
): Promise<ReferencePreviewType> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    const m = qr.manager;
    const snaps = await currentSnapshots(m, await scopeOrganisations(m, change, visible));
    const before = await figures(m, snaps);
    const params = [snaps.map((s) => s.orgCode), snaps.map((s) => s.asAt)];
    await m.query(
      `create temp table preview_area on commit drop as
       select org_code, person_key, assignment_no, clinical_area_code from staff_assignment
       where (org_code, as_at) in (select * from unnest($1::text[], $2::date[]))`,
      params,
    );
    const [{ n: equivalentBefore }] = await m.query(
      `select count(*)::int as n from training_completion where via_equivalence and org_code = any($1)`,
      [params[0]],
    );
    const catalogBefore = change.kind === 'coverage_target' ? await CoverageCatalog.load(m) : null;
    const applied = await applyReferenceChange(m, change, 'preview');
    // What-if: person rows only (null: no rollups); the transaction rolls back.
    await recomputeAfterReferenceChange(m, applied.work, null);
    const after = await figures(m, snaps);
    const moves: { orgCode: string; fromCode: string; toCode: string; people: number }[] = await m.query(
      `select a.org_code as "orgCode", b.clinical_area_code as "fromCode", a.clinical_area_code as "toCode",
              count(distinct a.person_key)::int as people
       from staff_assignment a
       join preview_area b using (org_code, person_key, assignment_no)
       where (a.org_code, a.as_at) in (select * from unnest($1::text[], $2::date[]))
         and a.clinical_area_code <> b.clinical_area_code
       group by 1, 2, 3 order by 4 desc`,
      params,
    );
    const [{ n: equivalentAfter }] = await m.query(
      `select count(*)::int as n from training_completion where via_equivalence and org_code = any($1)`,
      [params[0]],
    );
    const catalogAfter = change.kind === 'coverage_target' ? await CoverageCatalog.load(m) : null;
    const coverage = change.kind === 'coverage_target' ? await coverageFor(m, snaps, change) : null;
    const names = new Map<string, string>(
      (await m.query(`select code, name from organisation where code = any($1)`, [params[0]])).map(
        (r: { code: string; name: string }) => [r.code, r.name],
      ),
    );
    const none: Figures = { headcount: 0, unmapped: 0, needs: 0, needsMet: 0, fullyTrained: 0 };
    const organisations: ReferencePreviewOrgType[] = [];
    for (const s of snaps) {
      const b = before.get(s.orgCode) ?? none;
      const a = after.get(s.orgCode) ?? none;
      const moved = moves.filter((x) => x.orgCode === s.orgCode).reduce((n, x) => n + x.people, 0);
      const row: ReferencePreviewOrgType = {
        orgCode: s.orgCode,
        orgName: names.get(s.orgCode) ?? s.orgCode,
        asAt: s.asAt,
        headcount: b.headcount,
        peopleMoved: moved,
        unmappedBefore: b.unmapped,
        unmappedAfter: a.unmapped,
        needsBefore: b.needs,
        needsAfter: a.needs,
        needsMetBefore: b.needsMet,
        needsMetAfter: a.needsMet,
        fullyTrainedBefore: b.fullyTrained,
        fullyTrainedAfter: a.fullyTrained,
      };
      if (change.kind === 'coverage_target' && catalogBefore && catalogAfter && coverage) {
        const which = { orgCode: s.orgCode, layer: change.layer, moduleCode: change.moduleCode };
        const t0 = catalogBefore.targetFor(which) ?? { targetPct: 90, amberPct: 75 };
        const t1 = catalogAfter.targetFor(which) ?? { targetPct: 90, amberPct: 75 };
        const pct = coverage.get(s.orgCode) ?? null;
        Object.assign(row, {
          coveragePct: pct ?? undefined,
          targetPctBefore: t0.targetPct,
          targetPctAfter: t1.targetPct,
          ragBefore: ragFor(pct, t0.targetPct, t0.amberPct) ?? undefined,
          ragAfter: ragFor(pct, t1.targetPct, t1.amberPct) ?? undefined,
        });
        if (t0.targetPct !== t1.targetPct || t0.amberPct !== t1.amberPct) organisations.push(row);
      } else if (JSON.stringify(a) !== JSON.stringify(b) || moved) organisations.push(row);
    }
    const byPair = new Map<string, { fromCode: string; toCode: string; people: number }>();
    for (const x of moves) {
      const k = `${x.fromCode}>${x.toCode}`;
      const cur = byPair.get(k) ?? { fromCode: x.fromCode, toCode: x.toCode, people: 0 };
      cur.people += x.people;
      byPair.set(k, cur);
    }
    return {
      organisations,
      peopleMoved: organisations.reduce((n, o) => n + o.peopleMoved, 0),
      moves: [...byPair.values()].sort((x, y) => y.people - x.people),
      completionsCounted: equivalentAfter - equivalentBefore,
    };
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
}
