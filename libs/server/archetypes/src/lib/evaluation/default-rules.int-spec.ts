import { DataSource, QueryRunner } from 'typeorm';
import { openDataSource, readDefaultRules } from '@aiwr/db';
import { DEFAULT_RULE_EXAMPLES } from '../testing/default-rule-examples';
import { insertSnapshot } from '../testing/snapshot-fixture';
import { evaluateSnapshot } from './evaluate-snapshot';

// The same realistic examples as default-rules.spec.ts, evaluated by the SQL engine on a snapshot
// inserted straight into PostgreSQL (inside a transaction that is rolled back).
describe('default archetype rules evaluated in SQL', () => {
  let ds: DataSource;
  let qr: QueryRunner;
  const orgCode = 'RTD';
  const asAt = '2019-03-31';
  const people = Object.entries(DEFAULT_RULE_EXAMPLES).flatMap(([ruleId, ex]) => [
    ...ex.allowed.map((a, i) => ({ personKey: `${ruleId}/allowed/${i}`, assignments: [a] })),
    ...ex.notAllowed.map((a, i) => ({ personKey: `${ruleId}/not/${i}`, assignments: [a] })),
  ]);
  let matched: Map<string, Set<string>>;

  beforeAll(async () => {
    ds = await openDataSource();
    qr = ds.createQueryRunner();
    await qr.startTransaction();
    await insertSnapshot(qr.manager, orgCode, asAt, people);
    await evaluateSnapshot(qr.manager, orgCode, asAt);
    const rows: { person_key: string; rule_id: string }[] = await qr.manager.query(
      `select distinct person_key, rule_id from person_archetype where org_code = $1 and as_at = $2`,
      [orgCode, asAt],
    );
    matched = new Map();
    for (const r of rows) matched.set(r.person_key, (matched.get(r.person_key) ?? new Set()).add(r.rule_id));
  });
  afterAll(async () => {
    await qr.rollbackTransaction();
    await qr.release();
    await ds.destroy();
  });

  it('maps every allowed example with its rule and no not-allowed example with it', () => {
    const failures: string[] = [];
    for (const rule of readDefaultRules())
      for (const p of people.filter((x) => x.personKey.startsWith(`${rule.id}/`))) {
        const hit = matched.get(p.personKey)?.has(rule.id) ?? false;
        if (hit !== p.personKey.includes('/allowed/'))
          failures.push(`${p.personKey} (${p.assignments[0][2]})`);
      }
    expect(failures).toEqual([]);
  });

  it('records the rule version and assignment, and summarises each person once with their archetypes', async () => {
    const [ccio] = await qr.manager.query(
      `select ps.archetypes, ps.assignments, pa.rule_version, pa.assignment_no
       from person_snapshot ps join person_archetype pa using (org_code, as_at, person_key)
       where ps.org_code = $1 and ps.as_at = $2 and ps.person_key = 'driver-digital-leaders/allowed/0' and pa.rule_id = 'driver-digital-leaders'`,
      [orgCode, asAt],
    );
    // A consultant CCIO in clinical informatics: a driver (title) and an embedder (digital area).
    expect(ccio).toEqual({
      archetypes: ['driver', 'embedder'],
      assignments: 1,
      rule_version: 1,
      assignment_no: '1',
    });
    const [counts] = await qr.manager.query(
      `select count(*)::int as people, count(distinct person_key)::int as distinct_people from person_snapshot where org_code = $1 and as_at = $2`,
      [orgCode, asAt],
    );
    expect(counts).toEqual({ people: people.length, distinct_people: people.length });
  });
});
