import { EntityManager } from 'typeorm';
import { rowTriggersOffIfAllowed, rowTriggersOn, SnapshotScope } from '@aiwr/db';
import { StoredRuleConditions } from '@aiwr/shared-domain';
import { assignmentsMatchingSql, SqlParams } from '../rules/rule-sql';
import {
  dropEvaluationTables,
  HELD_ARCHETYPES,
  loadActiveRules,
  loadRuleReference,
  readEvaluationSource,
  writeNeedsAndSummaries,
} from './evaluate-snapshot';
import { writePersonArchetypes } from './match-rules';

const CANDIDATES = '_rp_candidate';

/**
 * A rule edit's evaluation, limited to the people it can affect (docs/archetypes.md §8).
 *
 * Only a person with an assignment that the old or the new version of a changed rule matches can gain
 * or lose an archetype: every other rule is the same version and matched them before as it does now.
 * So those people (the candidates) are re-matched against every current rule, and their person_archetype
 * rows rewritten (the rule versions they record change). Of them, only the people whose archetypes
 * actually changed (`changedTable`) need new needs and summaries: needs follow from the archetypes held,
 * the foundation layer and AI products, and a rule edit changes only the first. The caller (the coverage
 * recompute) reads those people's old rows for the rollup difference between `start` and
 * `writeNeedsAndSummaries`, then their new rows after it.
 *
 * Everything runs in the caller's transaction, with hash joins only (the caller's withHashJoins).
 */
export class PeopleReevaluation {
  /** The people whose archetypes changed: a work table (org_code, as_at, person_key), analysed. */
  readonly changedTable = '_rp_changed';

  private constructor(
    private readonly scope: SnapshotScope,
    private readonly bulk: boolean,
    readonly candidates: number,
    readonly changed: number,
  ) {}

  static async start(
    m: EntityManager,
    scope: SnapshotScope,
    conditions: StoredRuleConditions[],
  ): Promise<PeopleReevaluation> {
    const ref = await loadRuleReference(m);
    const rules = await loadActiveRules(m);
    const p = new SqlParams(2);
    await m.query(`drop table if exists pg_temp.${CANDIDATES}, pg_temp._rp_changed`);
    await m.query(
      `create temp table ${CANDIDATES} as
       select distinct a.org_code, a.as_at, a.person_key
       from ${assignmentsMatchingSql(conditions, ref, p, scope.where('s'))}`,
      [...scope.params, ...p.values],
    );
    await m.query(`analyze ${CANDIDATES}`);

    // Derived rows only, re-checked at the end (reevaluate.ts explains the bulk mode).
    const bulk = await rowTriggersOffIfAllowed(m);
    await scope.deleteRows(m, 'person_archetype', CANDIDATES);
    await readEvaluationSource(m, scope, CANDIDATES);
    await writePersonArchetypes(m, rules, ref, scope.dates);
    if (bulk) await verifyArchetypes(m);

    await m.query(
      `create temp table _rp_changed as
       select c.org_code, c.as_at, c.person_key
       from ${CANDIDATES} c
       left join (${HELD_ARCHETYPES}) h
         on h.org_code = c.org_code and h.as_at = c.as_at and h.person_key = c.person_key
       left join (select t.org_code, t.as_at, t.person_key, t.archetypes
                  from ${scope.rows('person_snapshot', 't', CANDIDATES)}) o
         on o.org_code = c.org_code and o.as_at = c.as_at and o.person_key = c.person_key
       where coalesce(h.archetypes, '{}') is distinct from coalesce(o.archetypes, '{}')`,
      scope.params,
    );
    await m.query(`analyze _rp_changed`);
    // From here on the work tables hold the changed people only.
    for (const table of ['_ev_src', '_ev_match'])
      await m.query(
        `delete from ${table} t where not exists (
           select 1 from _rp_changed c where c.org_code = t.org_code and c.as_at = t.as_at and c.person_key = t.person_key)`,
      );
    await m.query(`analyze _ev_src; analyze _ev_match`);
    const [{ candidates, changed }] = await m.query(
      `select (select count(*)::int from ${CANDIDATES}) as candidates, (select count(*)::int from _rp_changed) as changed`,
    );
    return new PeopleReevaluation(scope, bulk, candidates, changed);
  }

  /** Rewrites the changed people's needs and person summaries from their new archetypes. */
  async writeNeedsAndSummaries(m: EntityManager): Promise<void> {
    for (const table of ['person_need', 'person_snapshot'])
      await this.scope.deleteRows(m, table, this.changedTable);
    await writeNeedsAndSummaries(m, this.scope, this.changedTable);
  }

  /** Checks the rows written with per-row triggers off (as evaluateSnapshots does) and drops the work tables. */
  async finish(m: EntityManager): Promise<void> {
    if (this.bulk) {
      await rowTriggersOn(m);
      const [{ broken }] = await m.query(
        `select count(*)::int as broken
         from (select distinct t.module_code from ${this.scope.rows('person_need', 't', this.changedTable)}) x
         where not exists (select 1 from training_module tm where tm.code = x.module_code)`,
        this.scope.params,
      );
      if (Number(broken))
        throw new Error('Re-evaluated needs failed the foreign-key check (training module)');
    }
    await dropEvaluationTables(m);
    await m.query(`drop table if exists pg_temp.${CANDIDATES}, pg_temp._rp_changed`);
  }
}

/** The archetypes just matched exist (person_archetype's foreign key, checked once per code). */
async function verifyArchetypes(m: EntityManager): Promise<void> {
  const [{ broken }] = await m.query(
    `select count(*)::int as broken from (select distinct archetype_code from _ev_match) x
     where not exists (select 1 from archetype a where a.code = x.archetype_code)`,
  );
  if (broken) throw new Error('Re-evaluated archetypes failed the foreign-key check (archetype)');
}
