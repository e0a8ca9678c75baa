import { DataSource } from 'typeorm';

export type OrgInfo = {
  code: string;
  name: string;
  icbCode: string | null;
  regionCode: string | null;
  trustType: string | null;
  /** trust, general_practice or community_pharmacy */
  setting: string;
  /** trust, practice, pcn or pharmacy */
  kind: string;
};
/** One organisation's snapshot used for a point in time, with where the organisation sat then. */
export type SnapshotRef = {
  orgCode: string;
  asAt: string;
  icbCode: string | null;
  regionCode: string | null;
  /** The practice's PCN on the date (a PCN's own code for a PCN); null outside general practice. */
  pcnCode: string | null;
  /** What the organisation rolls up to below the ICB: its PCN for a practice, else itself. */
  providerCode: string;
  setting: string;
};
export type TargetRow = {
  orgCode: string | null;
  regionCode: string | null;
  effectiveFrom: string;
  layer: string | null;
  moduleCode: string | null;
  targetPct: number;
  amberPct: number;
};

/** Which ICB a figure for a past date is placed in: the one of that date, or today's. */
export type GeographyBasis = 'AS_IT_WAS' | 'RESTATED';

type Membership = { orgCode: string; icbCode: string; validFrom: string; validTo: string | null };
/** A practice seen in a PCN on a date (from the imported staff lists), ascending by date. */
type PcnLink = { asAt: string; pcnCode: string };

export const SETTING_LABELS: Record<string, string> = {
  trust: 'NHS trusts',
  general_practice: 'General practice',
  community_pharmacy: 'Community pharmacy',
};

/**
 * Small, read-mostly facts every coverage query needs (which snapshots exist, the organisation hierarchy,
 * labels and targets), loaded in a few queries and kept in memory; reloaded when the data version moves.
 */
export class CoverageCatalog {
  constructor(
    readonly snapshotsByOrg: Map<string, string[]>,
    readonly orgs: Map<string, OrgInfo>,
    private readonly memberships: Map<string, Membership[]>,
    readonly icbRegion: Map<string, string>,
    readonly labels: Record<string, Map<string, string>>,
    readonly moduleLayer: Map<string, string>,
    readonly targets: TargetRow[],
    private readonly pcnLinks: Map<string, PcnLink[]> = new Map(),
  ) {}

  /** `db` may be a transaction's manager (a what-if preview reads targets it has not committed). */
  static async load(db: Pick<DataSource, 'query'>): Promise<CoverageCatalog> {
    // A DataSource runs these on several pooled connections; a transaction's manager has one connection,
    // which takes one query at a time.
    const sql = [
      `select org_code, as_at::text as as_at from staff_snapshot order by org_code, as_at`,
      `select code, name, icb_code, region_code, trust_type, setting, kind from organisation`,
      `select org_code, icb_code, valid_from::text as valid_from, valid_to::text as valid_to
                  from organisation_icb_membership order by org_code, valid_from`,
      `select code, name, region_code from icb`,
      `select code, name from region`,
      `select code, name from staff_group`,
      `select code, name from clinical_area`,
      `select code, label as name from pay_band`,
      `select code, name from archetype`,
      `select code, title as name, layer from training_module`,
      `select org_code, region_code, effective_from::text as effective_from, layer, module_code,
                         target_pct::float8 as target_pct, amber_pct::float8 as amber_pct
                  from coverage_target order by effective_from desc`,
      `select practice_code, as_at::text as as_at, pcn_code from practice_pcn order by practice_code, as_at`,
    ];
    const [
      snapshots,
      orgs,
      memberships,
      icbs,
      regions,
      groups,
      areas,
      bands,
      archetypes,
      modules,
      targets,
      links,
    ] =
      db instanceof DataSource
        ? await Promise.all(sql.map((q) => db.query(q)))
        : await sql.reduce<Promise<any[]>>(
            async (acc, q) => [...(await acc), await db.query(q)],
            Promise.resolve([]),
          );
    const snapshotsByOrg = new Map<string, string[]>();
    for (const s of snapshots) {
      const list = snapshotsByOrg.get(s.org_code) ?? [];
      list.push(s.as_at);
      snapshotsByOrg.set(s.org_code, list);
    }
    const membershipMap = new Map<string, Membership[]>();
    for (const m of memberships) {
      const list = membershipMap.get(m.org_code) ?? [];
      list.push({ orgCode: m.org_code, icbCode: m.icb_code, validFrom: m.valid_from, validTo: m.valid_to });
      membershipMap.set(m.org_code, list);
    }
    const pcnLinks = new Map<string, PcnLink[]>();
    for (const l of links) {
      const list = pcnLinks.get(l.practice_code) ?? [];
      list.push({ asAt: l.as_at, pcnCode: l.pcn_code });
      pcnLinks.set(l.practice_code, list);
    }
    const byCode = (rows: { code: string; name: string }[]) => new Map(rows.map((r) => [r.code, r.name]));
    return new CoverageCatalog(
      snapshotsByOrg,
      new Map(
        orgs.map((o: any) => [
          o.code,
          {
            code: o.code,
            name: o.name,
            icbCode: o.icb_code,
            regionCode: o.region_code,
            trustType: o.trust_type,
            setting: o.setting,
            kind: o.kind,
          },
        ]),
      ),
      membershipMap,
      new Map(icbs.map((i: any) => [i.code, i.region_code])),
      {
        ORGANISATION: byCode(orgs),
        PCN: byCode(orgs),
        PROVIDER: byCode(orgs),
        SETTING: new Map(Object.entries(SETTING_LABELS)),
        ICB: byCode(icbs),
        REGION: byCode(regions),
        STAFF_GROUP: byCode(groups),
        CLINICAL_AREA: byCode(areas),
        PAY_BAND: byCode(bands),
        ARCHETYPE: byCode(archetypes),
        MODULE: byCode(modules),
      },
      new Map(modules.map((m: any) => [m.code, m.layer])),
      targets.map((t: any) => ({
        orgCode: t.org_code,
        regionCode: t.region_code,
        effectiveFrom: t.effective_from,
        layer: t.layer,
        moduleCode: t.module_code,
        targetPct: t.target_pct,
        amberPct: t.amber_pct,
      })),
      pcnLinks,
    );
  }

  /**
   * The PCN a practice was in on a date: the latest imported list on or before it, else the earliest
   * (a practice's first list also tells where it was before). A PCN is its own; other kinds have none.
   */
  pcnOn(orgCode: string, date: string): string | null {
    const org = this.orgs.get(orgCode);
    if (org?.kind === 'pcn') return orgCode;
    const list = this.pcnLinks.get(orgCode);
    if (!list || list.length === 0) return null;
    let hit = list[0];
    for (const l of list) if (l.asAt <= date) hit = l;
    return hit.pcnCode;
  }

  /**
   * The ICB an organisation is counted in on a date. AS_IT_WAS: the ICB it belonged to then (membership
   * history; before its first period, the first ICB it belonged to; after its last, the last). RESTATED:
   * the ICB it belongs to today, whatever the date, so that a series does not jump at a boundary change.
   */
  icbOn(orgCode: string, date: string, basis: GeographyBasis = 'AS_IT_WAS'): string | null {
    const current = this.orgs.get(orgCode)?.icbCode ?? null;
    const list = this.memberships.get(orgCode);
    if (basis === 'RESTATED' || !list || list.length === 0) return current;
    const hit = list.find((m) => m.validFrom <= date && (m.validTo === null || m.validTo >= date));
    if (hit) return hit.icbCode;
    return date < list[0].validFrom ? list[0].icbCode : list[list.length - 1].icbCode;
  }

  private readonly snapshotsByDate = new Map<string, SnapshotRef[]>();

  /**
   * Each organisation's latest snapshot on or before `date` (data-formats.md §5); latest of all when null.
   * Worked out once per date for every organisation (the catalog is replaced when the data changes).
   */
  snapshotsOn(
    date: string | null,
    orgCodes?: Iterable<string>,
    basis: GeographyBasis = 'AS_IT_WAS',
  ): SnapshotRef[] {
    const key = `${basis}|${date ?? 'latest'}`;
    let all = this.snapshotsByDate.get(key);
    if (!all) {
      all = [];
      for (const [orgCode, dates] of this.snapshotsByOrg) {
        let asAt: string | undefined;
        for (let i = dates.length - 1; i >= 0; i--)
          if (date === null || dates[i] <= date) {
            asAt = dates[i];
            break;
          }
        if (!asAt) continue;
        const icbCode = this.icbOn(orgCode, date ?? asAt, basis);
        const regionCode =
          (icbCode && this.icbRegion.get(icbCode)) || this.orgs.get(orgCode)?.regionCode || null;
        const pcnCode = this.pcnOn(orgCode, date ?? asAt);
        all.push({
          orgCode,
          asAt,
          icbCode,
          regionCode,
          pcnCode,
          providerCode: pcnCode ?? orgCode,
          setting: this.orgs.get(orgCode)?.setting ?? 'trust',
        });
      }
      if (this.snapshotsByDate.size > 500) this.snapshotsByDate.clear();
      this.snapshotsByDate.set(key, all);
    }
    if (!orgCodes) return all;
    const wanted = orgCodes instanceof Set ? (orgCodes as Set<string>) : new Set(orgCodes);
    return all.filter((r) => wanted.has(r.orgCode));
  }

  /** Every snapshot date of these organisations, ascending. */
  datesOf(orgCodes: Iterable<string>): string[] {
    const all = new Set<string>();
    for (const o of orgCodes) for (const d of this.snapshotsByOrg.get(o) ?? []) all.add(d);
    return [...all].sort();
  }

  label(dimension: string, code: string): string {
    if (dimension === 'LAYER') return code.charAt(0).toUpperCase() + code.slice(1);
    if ((dimension === 'DEPARTMENT' || dimension === 'PAY_BAND' || dimension === 'JOB_ROLE') && code === '')
      return 'Not recorded';
    return this.labels[dimension]?.get(code) ?? code;
  }

  /**
   * Target for a figure: the most specific coverage_target row in force on `on` (default today): the
   * organisation's own, then its region's, then the national one; within each, module before layer
   * before the scope's default; of several effective dates, the latest on or before `on`. Null when no
   * row applies (the caller uses 90% with amber from 75%).
   */
  targetFor(opts: {
    orgCode?: string | null;
    layer?: string | null;
    moduleCode?: string | null;
    on?: string;
  }): { targetPct: number; amberPct: number } | null {
    // Asked once per row of every table (200 organisations x a scan of every target row): remembered per
    // question for the life of this catalog, which is replaced whenever the data or the targets change.
    const on = opts.on ?? new Date().toISOString().slice(0, 10);
    const key = `${opts.orgCode ?? ''}|${opts.layer ?? ''}|${opts.moduleCode ?? ''}|${on}`;
    const known = this.targetMemo.get(key);
    if (known !== undefined) return known;
    const found = this.findTarget(opts, on);
    if (this.targetMemo.size >= 100_000) this.targetMemo.clear();
    this.targetMemo.set(key, found);
    return found;
  }

  private readonly targetMemo = new Map<string, { targetPct: number; amberPct: number } | null>();

  private findTarget(
    opts: { orgCode?: string | null; layer?: string | null; moduleCode?: string | null },
    on: string,
  ): { targetPct: number; amberPct: number } | null {
    const layer = opts.layer ?? (opts.moduleCode ? this.moduleLayer.get(opts.moduleCode) : null) ?? null;
    const region = opts.orgCode ? (this.orgs.get(opts.orgCode)?.regionCode ?? null) : null;
    const scopes: [string | null, string | null][] = [];
    if (opts.orgCode) scopes.push([opts.orgCode, null]);
    if (region) scopes.push([null, region]);
    scopes.push([null, null]);
    for (const [org, reg] of scopes) {
      const candidates: [string | null, string | null][] = [];
      if (opts.moduleCode) candidates.push([null, opts.moduleCode]);
      if (layer) candidates.push([layer, null]);
      candidates.push([null, null]);
      for (const [l, mod] of candidates) {
        // Rows are ordered by effective date, latest first.
        const t = this.targets.find(
          (x) =>
            x.orgCode === org &&
            x.regionCode === reg &&
            x.effectiveFrom <= on &&
            x.moduleCode === mod &&
            (mod ? true : x.layer === l),
        );
        if (t) return Object.freeze({ targetPct: t.targetPct, amberPct: t.amberPct });
      }
    }
    return null;
  }
}
