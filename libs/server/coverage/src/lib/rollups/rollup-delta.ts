import { EntityManager } from 'typeorm';
import type { SnapshotScope } from '@aiwr/db';
import { DIMENSIONS, RollupSink } from './rollup-rows';

type RollupTable = {
  stored: string;
  delta: string;
  keys: string[];
  /** Key columns that may be null (a dimension outside the grouping set, a layer row's module). */
  nullableKeys: string[];
  measures: string[];
  /** The measure that counts the group's people: a group whose count falls to 0 is gone. */
  count: string;
};

const DIMENSION_COLUMNS = DIMENSIONS.split(', ');
const TABLES: RollupTable[] = [
  {
    stored: 'coverage_rollup',
    delta: '_cov_delta_rollup',
    keys: ['org_code', 'as_at', 'gset', ...DIMENSION_COLUMNS],
    nullableKeys: DIMENSION_COLUMNS,
    measures: [
      'headcount',
      'fte',
      'role_count',
      'fully_trained',
      'foundation_met',
      'archetype_met',
      'needed',
      'met',
    ],
    count: 'headcount',
  },
  {
    stored: 'coverage_module_rollup',
    delta: '_cov_delta_module',
    keys: ['org_code', 'as_at', 'gset', ...DIMENSION_COLUMNS, 'layer', 'module_code'],
    nullableKeys: [...DIMENSION_COLUMNS, 'module_code'],
    measures: ['people', 'fte', 'role_count', 'people_met', 'needed', 'met'],
    count: 'people',
  },
];
/**
 * The coverage rollups of some people changed in place, as a difference: their rows before the change
 * (sign -1) and after it (+1) are written into work tables (`sink`, rollup-rows.ts), and `apply` adds
 * the sums to the stored rows of exactly the groups that changed. Every measure is a sum over a group's
 * people, so the result is the same as rebuilding the snapshots' rollups from all their people
 * (tests/integration/rule-edit-incremental.int-spec.ts compares every row), at a cost that follows the
 * people who changed and the groups they are in, not the size of the snapshots.
 */
export class RollupDelta {
  static async create(tx: EntityManager): Promise<RollupDelta> {
    for (const t of TABLES) {
      await tx.query(`drop table if exists pg_temp.${t.delta}`);
      await tx.query(
        `create temp table ${t.delta} as select ${[...t.keys, ...t.measures].join(', ')} from ${t.stored} where false`,
      );
    }
    return new RollupDelta();
  }

  sink(sign: 1 | -1): RollupSink {
    return { rollup: TABLES[0].delta, module: TABLES[1].delta, sign };
  }

  async drop(tx: EntityManager): Promise<void> {
    await tx.query(`drop table if exists ${TABLES.map((t) => `pg_temp.${t.delta}`).join(', ')}`);
  }

  /** Adds the difference to the stored rows of the scope's snapshots (hash joins; the caller's withHashJoins). */
  async apply(tx: EntityManager, scope: SnapshotScope): Promise<void> {
    for (const t of TABLES) await applyTo(tx, scope, t);
  }
}

async function applyTo(tx: EntityManager, scope: SnapshotScope, t: RollupTable): Promise<void> {
  const keys = t.keys;
  const columns = [...keys, ...t.measures];
  const sums = t.measures.map((c) => `sum(${c}) as ${c}`).join(', ');
  // Groups whose measures did not move (the same people left and came back) are left alone.
  await tx.query(`drop table if exists pg_temp._cov_change, pg_temp._cov_gone, pg_temp._cov_applied`);
  await tx.query(
    `create temp table _cov_change as
     select ${keys.join(', ')}, ${sums} from ${t.delta} group by ${keys.join(', ')}
     having ${t.measures.map((c) => `coalesce(sum(${c}), 0) <> 0`).join(' or ')}`,
  );
  await tx.query(`analyze _cov_change`);
  // Null-able keys compared as two hashable equalities each (IS NOT DISTINCT FROM cannot hash).
  const sameKey = keys
    .map((c) =>
      t.nullableKeys.includes(c)
        ? `coalesce(s.${c}, '') = coalesce(d.${c}, '') and (s.${c} is null) = (d.${c} is null)`
        : `s.${c} = d.${c}`,
    )
    .join(' and ');
  await tx.query(`create temp table _cov_gone as select ${columns.join(', ')} from ${t.stored} where false`);
  await tx.query(
    `with gone as (
       delete from ${t.stored} s using _cov_change d where ${scope.where('s')} and ${sameKey}
       returning ${columns.map((c) => `s.${c}`).join(', ')})
     insert into _cov_gone select * from gone`,
    scope.params,
  );
  await tx.query(
    `create temp table _cov_applied as
     select ${keys.join(', ')}, ${sums}
     from (select ${columns.join(', ')} from _cov_gone union all select ${columns.join(', ')} from _cov_change) u
     group by ${keys.join(', ')}`,
  );
  const [{ negative }] = await tx.query(
    `select count(*)::int as negative from _cov_applied where ${t.count} < 0`,
  );
  if (negative)
    throw new Error(
      `Rollup difference left ${negative} ${t.stored} groups below zero: the rollups were stale`,
    );
  await tx.query(
    `insert into ${t.stored} (${columns.join(', ')})
     select ${columns.join(', ')} from _cov_applied where ${t.count} > 0 order by org_code, as_at, gset`,
  );
  await tx.query(`drop table if exists pg_temp._cov_change, pg_temp._cov_gone, pg_temp._cov_applied`);
}
