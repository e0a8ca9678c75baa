import { DataSource } from 'typeorm';

/** One organisation's snapshot counted, as the coverage service resolves them (scope, filter, date). */
export type Ref = { orgCode: string; asAt: string };
export type PlanningLevel = 'MODULE' | 'LAYER';

export type NowRow = { orgCode: string; key: string; needed: number; met: number };
export type WindowRow = {
  orgCode: string;
  key: string;
  completions: number;
  leaversMet: number;
  metExposure: number;
};
export type ExpiryRow = { orgCode: string; key: string; month: string; pairs: number };
export type FlowMonthRow = {
  orgCode: string;
  asAt: string;
  months: number;
  joiners: number;
  leavers: number;
  gainedArchetype: number;
  completions: number;
  expired: number;
  newNeeds: number;
  leaversMet: number;
};

const REFS = `with s(org_code, as_at) as (select * from unnest($1::text[], $2::date[]))`;
const refParams = (refs: Ref[]) => [refs.map((r) => r.orgCode), refs.map((r) => r.asAt)];
const keyColumn = (level: PlanningLevel, alias: string) =>
  level === 'MODULE' ? `${alias}.module_code` : `${alias}.layer`;
/** Month index of a date column, to count whole calendar months between two dates in SQL. */
const monthIndex = (col: string) => `(extract(year from ${col}) * 12 + extract(month from ${col}))`;

/** Narrowing by the filter's modules / layer, as coverage narrows requirement pairs. */
function requirementWhere(
  alias: string,
  params: unknown[],
  moduleCodes: string[] | null,
  layer: string | null,
) {
  let where = '';
  if (moduleCodes) {
    params.push(moduleCodes);
    where += ` and ${alias}.module_code = any($${params.length}::text[])`;
  }
  if (layer) {
    params.push(layer);
    where += ` and ${alias}.layer = $${params.length}`;
  }
  return where;
}

/**
 * Reads for planning, all from rollups (coverage_module_rollup, workforce_flow, module_flow, module_expiry),
 * keyed by organisation and module or layer, so the service can add organisations up into any group.
 */
export class PlanningQuery {
  constructor(private readonly db: DataSource) {}

  /** Pairs needed and met at each snapshot counted. */
  async now(refs: Ref[], level: PlanningLevel, moduleCodes: string[] | null, layer: string | null) {
    const params: unknown[] = refParams(refs);
    const where = requirementWhere('r', params, moduleCodes, layer);
    const rows = await this.db.query(
      `${REFS}
       select r.org_code, ${keyColumn(level, 'r')} as key, sum(r.needed)::int as needed, sum(r.met)::int as met
       from s join coverage_module_rollup r on r.org_code = s.org_code and r.as_at = s.as_at
         and r.gset = 0 and r.module_code is not null${where}
       group by r.org_code, key`,
      params,
    );
    return rows.map((r: any): NowRow => ({ orgCode: r.org_code, key: r.key, needed: r.needed, met: r.met }));
  }

  /**
   * The recent window: intervals ending within `windowMonths` calendar months up to each snapshot counted.
   * Months per organisation (whatever modules had activity), and per module or layer the completions,
   * met pairs lost with leavers and met-pair-months at risk (met at the start × months).
   */
  async window(
    refs: Ref[],
    level: PlanningLevel,
    windowMonths: number,
    moduleCodes: string[] | null,
    layer: string | null,
  ) {
    const params: unknown[] = [...refParams(refs), windowMonths];
    const inWindow = `w.as_at <= s.as_at and ${monthIndex('s.as_at')} - ${monthIndex('w.as_at')} < $3`;
    const where = requirementWhere('f', params, moduleCodes, layer);
    const [months, rows] = await Promise.all([
      this.db.query(
        `${REFS} select w.org_code, sum(w.months)::int as months
         from s join workforce_flow w on w.org_code = s.org_code and ${inWindow} group by w.org_code`,
        params.slice(0, 3),
      ),
      this.db.query(
        `${REFS}
         select f.org_code, ${keyColumn(level, 'f')} as key, sum(f.completions)::int as completions,
                sum(f.leavers_met)::int as leavers_met, sum(f.met_before * w.months)::int as met_exposure
         from s join workforce_flow w on w.org_code = s.org_code and ${inWindow}
         join module_flow f on f.org_code = w.org_code and f.as_at = w.as_at${where}
         group by f.org_code, key`,
        params,
      ),
    ]);
    return {
      monthsByOrg: new Map<string, number>(months.map((m: any) => [m.org_code, m.months])),
      rows: rows.map((r: any): WindowRow => ({
        orgCode: r.org_code,
        key: r.key,
        completions: r.completions,
        leaversMet: r.leavers_met,
        metExposure: r.met_exposure,
      })),
    };
  }

  /** Met pairs of each snapshot counted, by the month their certificate expires ('YYYY-MM'). */
  async expiries(refs: Ref[], level: PlanningLevel, moduleCodes: string[] | null, layer: string | null) {
    const params: unknown[] = refParams(refs);
    const where = requirementWhere('e', params, moduleCodes, layer);
    const rows = await this.db.query(
      `${REFS}
       select e.org_code, ${keyColumn(level, 'e')} as key, to_char(e.expires_month, 'YYYY-MM') as month,
              sum(e.pairs)::int as pairs
       from s join module_expiry e on e.org_code = s.org_code and e.as_at = s.as_at${where}
       group by e.org_code, key, month`,
      params,
    );
    return rows.map((r: any): ExpiryRow => ({
      orgCode: r.org_code,
      key: r.key,
      month: r.month,
      pairs: r.pairs,
    }));
  }

  /** Flows into each snapshot counted (none for an organisation's first snapshot). */
  async flows(refs: Ref[], moduleCodes: string[] | null, layer: string | null): Promise<FlowMonthRow[]> {
    const params: unknown[] = refParams(refs);
    const where = requirementWhere('f', params, moduleCodes, layer);
    const rows = await this.db.query(
      `${REFS}
       select w.org_code, w.as_at::text as as_at, w.months, w.joiners, w.leavers, w.gained_archetype,
              coalesce(sum(f.completions), 0)::int as completions, coalesce(sum(f.expired), 0)::int as expired,
              coalesce(sum(f.new_needs), 0)::int as new_needs, coalesce(sum(f.leavers_met), 0)::int as leavers_met
       from s join workforce_flow w on w.org_code = s.org_code and w.as_at = s.as_at
       left join module_flow f on f.org_code = w.org_code and f.as_at = w.as_at${where}
       group by w.org_code, w.as_at, w.months, w.joiners, w.leavers, w.gained_archetype`,
      params,
    );
    return rows.map((r: any) => ({
      orgCode: r.org_code,
      asAt: r.as_at,
      months: r.months,
      joiners: r.joiners,
      leavers: r.leavers,
      gainedArchetype: r.gained_archetype,
      completions: r.completions,
      expired: r.expired,
      newNeeds: r.new_needs,
      leaversMet: r.leavers_met,
    }));
  }
}
