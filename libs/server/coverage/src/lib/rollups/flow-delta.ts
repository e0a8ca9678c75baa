import { EntityManager } from 'typeorm';
import type { SnapshotScope } from '@aiwr/db';

type FlowTable = {
  stored: string;
  delta: string;
  keys: string[];
  measures: string[];
  /** Rows come and go with the people they count (not workforce_flow: one row per pair, always). */
  rows: { layer: true; completions: boolean; goneWhen: string } | null;
};

// As refresh-flows.ts writes them. A module_flow row exists while someone needs the module at either
// end of the interval or completed it in between; an expiry row while it counts a pair; a
// workforce_flow row exists for every pair.
const TABLES: FlowTable[] = [
  {
    stored: 'workforce_flow',
    delta: '_fl_delta_workforce',
    keys: ['org_code', 'as_at'],
    measures: ['gained_archetype'],
    rows: null,
  },
  {
    stored: 'module_flow',
    delta: '_fl_delta_module',
    keys: ['org_code', 'as_at', 'module_code'],
    measures: ['needed', 'met', 'needed_before', 'met_before', 'new_needs', 'leavers_met', 'expired'],
    rows: { layer: true, completions: true, goneWhen: 's.needed + s.needed_before + s.completions = 0' },
  },
  {
    stored: 'module_expiry',
    delta: '_fl_delta_expiry',
    keys: ['org_code', 'as_at', 'module_code', 'expires_month'],
    measures: ['pairs'],
    rows: { layer: true, completions: false, goneWhen: 's.pairs = 0' },
  },
];

/**
 * The flows (workforce_flow, module_flow, module_expiry) after some people's archetypes and needs
 * changed in the scope's snapshots, as a difference: the same counts as refresh-flows.ts, over those
 * people only, before the change (sign -1) and after it (+1), added to the stored rows. Each count is
 * a sum over people, so this equals rebuilding the pairs, at a cost that follows the people. Counts
 * that do not depend on archetypes or needs (headcount, joiners, leavers, completions) do not move.
 * It assumes the stored flows of the scope's pairs are up to date; `usable` says whether they are.
 */
export class FlowDelta {
  static async create(tx: EntityManager, scope: SnapshotScope, people: string): Promise<FlowDelta> {
    await tx.query(`drop table if exists pg_temp._fl_pair, pg_temp._fl_people`);
    // Every pair of consecutive snapshots with an end in the scope.
    await tx.query(
      `create temp table _fl_pair as
       select org_code, as_at, previous_as_at from (
         select org_code, as_at, lag(as_at) over (partition by org_code order by as_at) as previous_as_at
         from staff_snapshot where org_code = any($1::text[])) p
       where previous_as_at is not null
         and ((org_code, as_at) in (select org_code, as_at from ${scope.table})
              or (org_code, previous_as_at) in (select org_code, as_at from ${scope.table}))`,
      [scope.orgCodes],
    );
    // The people in each pair: whoever changed at either end, by their key in the organisation.
    await tx.query(
      `create temp table _fl_people as
       select distinct p.org_code, p.as_at, p.previous_as_at, c.person_key
       from _fl_pair p join ${people} c on c.org_code = p.org_code and c.as_at in (p.as_at, p.previous_as_at)`,
    );
    await tx.query(`analyze _fl_pair; analyze _fl_people`);
    for (const t of TABLES) {
      await tx.query(`drop table if exists pg_temp.${t.delta}`);
      await tx.query(
        `create temp table ${t.delta} as select ${[...t.keys, ...t.measures].join(', ')}${
          t.rows ? ', layer' : ''
        } from ${t.stored} where false`,
      );
    }
    const [{ stale }] = await tx.query(
      `select count(*)::int as stale from _fl_pair p
       where not exists (select 1 from workforce_flow f where f.org_code = p.org_code and f.as_at = p.as_at
                           and f.previous_as_at = p.previous_as_at)`,
    );
    return new FlowDelta(scope, people, stale === 0);
  }

  private constructor(
    private readonly scope: SnapshotScope,
    private readonly people: string,
    /** Every pair's stored flows exist and name the same previous snapshot. */
    readonly usable: boolean,
  ) {}

  /** Adds the people's current share of the flows, with this sign, to the difference. */
  async collect(tx: EntityManager, sign: 1 | -1): Promise<void> {
    // Person rows at the end (c) and the start (b) of each pair: both snapshots read through their
    // index, then a hash join with the pair's people.
    const [{ dates }] = await tx.query(
      `select coalesce(array_agg(distinct d::text), '{}') as dates from _fl_pair, unnest(array[as_at, previous_as_at]) d`,
    );
    const params = [this.scope.orgCodes, dates];
    const side = (table: string, end: 'as_at' | 'previous_as_at', columns: string) => `
      select f.org_code, f.as_at, f.previous_as_at, f.person_key, ${columns}
      from _fl_people f join ${table} t on t.org_code = f.org_code and t.as_at = f.${end} and t.person_key = f.person_key
      where t.org_code = any($1::text[]) and t.as_at = any($2::date[])`;
    await tx.query(
      `with c as (${side('person_snapshot', 'as_at', 't.archetypes')}),
            b as (${side('person_snapshot', 'previous_as_at', 't.archetypes')})
       insert into _fl_delta_workforce (org_code, as_at, gained_archetype)
       select c.org_code, c.as_at, ${sign} * count(*)::int
       from c join b on b.org_code = c.org_code and b.as_at = c.as_at and b.person_key = c.person_key
       where not (c.archetypes <@ b.archetypes)
       group by c.org_code, c.as_at`,
      params,
    );
    await tx.query(
      `with n as (${side('person_need', 'as_at', 't.module_code, t.layer, t.met')}),
            nb as (${side('person_need', 'previous_as_at', 't.module_code, t.layer, t.met, t.expires_on')}),
            c as (${side('person_snapshot', 'as_at', '1 as present')})
       insert into _fl_delta_module (org_code, as_at, module_code, layer, needed, met, needed_before, met_before,
                                     new_needs, leavers_met, expired)
       select org_code, as_at, module_code, min(layer), ${sign} * sum(needed), ${sign} * sum(met),
              ${sign} * sum(needed_before), ${sign} * sum(met_before), ${sign} * sum(new_needs),
              ${sign} * sum(leavers_met), ${sign} * sum(expired)
       from (
         select n.org_code, n.as_at, n.module_code, n.layer, 1 as needed, n.met::int as met, 0 as needed_before,
                0 as met_before, (b.person_key is null)::int as new_needs, 0 as leavers_met, 0 as expired
         from n left join nb b on b.org_code = n.org_code and b.as_at = n.as_at and b.person_key = n.person_key
           and b.module_code = n.module_code
         union all
         select b.org_code, b.as_at, b.module_code, b.layer, 0, 0, 1, b.met::int, 0,
                (b.met and c.person_key is null)::int,
                (b.met and b.expires_on > b.previous_as_at and b.expires_on <= b.as_at)::int
         from nb b left join c on c.org_code = b.org_code and c.as_at = b.as_at and c.person_key = b.person_key
       ) x
       group by org_code, as_at, module_code`,
      params,
    );
    await tx.query(
      `insert into _fl_delta_expiry (org_code, as_at, module_code, layer, expires_month, pairs)
       select t.org_code, t.as_at, t.module_code, min(t.layer), date_trunc('month', t.expires_on)::date, ${sign} * count(*)::int
       from ${this.scope.rows('person_need', 't', this.people)} and t.met and t.expires_on > t.as_at
       group by t.org_code, t.as_at, t.module_code, date_trunc('month', t.expires_on)`,
      this.scope.params,
    );
  }

  /** Adds the difference to the stored flows. */
  async apply(tx: EntityManager): Promise<void> {
    for (const t of TABLES) {
      const keys = t.keys.join(', ');
      const sums = t.measures.map((c) => `sum(${c}) as ${c}`).join(', ');
      const layer = t.rows ? ', min(layer) as layer' : '';
      await tx.query(`drop table if exists pg_temp._fl_change`);
      await tx.query(
        `create temp table _fl_change as select ${keys}${layer}, ${sums} from ${t.delta} group by ${keys}
         having ${t.measures.map((c) => `sum(${c}) <> 0`).join(' or ')}`,
      );
      const same = t.keys.map((k) => `s.${k} = d.${k}`).join(' and ');
      await tx.query(
        `update ${t.stored} s set ${t.measures.map((c) => `${c} = s.${c} + d.${c}`).join(', ')}
         from _fl_change d where ${same}`,
      );
      if (t.rows) {
        const completions = t.rows.completions ? ', completions' : '';
        await tx.query(
          `insert into ${t.stored} (${keys}, layer, ${t.measures.join(', ')}${completions})
           select ${t.keys.map((k) => `d.${k}`).join(', ')}, d.layer, ${t.measures.map((c) => `d.${c}`).join(', ')}${
             t.rows.completions ? ', 0' : ''
           }
           from _fl_change d
           where not exists (select 1 from ${t.stored} s where ${same})`,
        );
        await tx.query(`delete from ${t.stored} s using _fl_change d where ${same} and ${t.rows.goneWhen}`);
      }
      const [{ negative }] = await tx.query(
        `select count(*)::int as negative from ${t.stored} s join _fl_change d on ${same}
         where ${t.measures.map((c) => `s.${c} < 0`).join(' or ')}`,
      );
      if (negative) throw new Error(`Flow difference left ${t.stored} below zero: the flows were stale`);
    }
    await tx.query(
      `drop table if exists pg_temp._fl_change, pg_temp._fl_pair, pg_temp._fl_people, ${TABLES.map(
        (t) => `pg_temp.${t.delta}`,
      ).join(', ')}`,
    );
  }
}
