/**
 * A rule edit recomputes only the people it can affect (the ones an old or new version of a changed
 * rule matches) and changes the rollups by difference. These tests prove it writes exactly the rows
 * the full recompute of the same snapshots writes (every derived table compared in full) for the
 * kinds of edit an administrator makes: widen, narrow, change the archetypes, add an exclusion,
 * retire, add a rule. And that it is incremental: rows of people the edit cannot affect are not
 * rewritten. Each side runs in its own rolled-back transaction.
 */
import { DataSource, EntityManager } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { currentSnapshots, snapshotsTouchedBy } from '@aiwr/server-archetypes';
import { recompute, writeDepartmentRows } from '@aiwr/server-coverage';
import type { StoredRuleConditions } from '@aiwr/shared-domain';
import { DERIVED, derived, ORGS, rolledBack, SNAPSHOTS, writeFixture } from './recompute-support';

type Edit = {
  ruleId: string;
  conditions?: (c: StoredRuleConditions) => StoredRuleConditions;
  archetypes?: string[];
  retired?: boolean;
  /** A rule that does not exist yet: written as version 1. */
  create?: { conditions: StoredRuleConditions; archetypes: string[] };
};

/** Writes the edit as the rule store does (a new version; the old one closed) and returns what changed. */
async function applyEdit(m: EntityManager, edit: Edit): Promise<StoredRuleConditions[]> {
  if (edit.create) {
    await m.query(
      `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason)
       values ($1, 1, 999, 'test rule', $2, $3, 'admin', 'test', 'test: new rule')`,
      [edit.ruleId, edit.create.conditions, edit.create.archetypes],
    );
    return [edit.create.conditions];
  }
  const [old] = await m.query(`select * from archetype_rule where rule_id = $1 and valid_to is null`, [
    edit.ruleId,
  ]);
  const conditions = edit.conditions ? edit.conditions(old.conditions) : old.conditions;
  await m.query(`update archetype_rule set valid_to = now() where rule_id = $1 and valid_to is null`, [
    edit.ruleId,
  ]);
  await m.query(
    `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason, retired)
     values ($1, $2, $3, $4, $5, $6, $7, 'test', 'test: edited', $8)`,
    [
      edit.ruleId,
      old.version + 1,
      old.position,
      old.description,
      conditions,
      edit.archetypes ?? old.archetypes,
      old.source,
      edit.retired ?? old.retired,
    ],
  );
  return [old.conditions, conditions];
}

/** The fixture recomputed in full, then the edit and its recompute (incremental, or full as before). */
async function afterEdit(m: EntityManager, edit: Edit, incremental: boolean, { flowsBuilt = true } = {}) {
  await writeFixture(m);
  await recompute(m, { snapshots: SNAPSHOTS });
  // Department rows as a reader's first department question leaves them, for half of the snapshots:
  // both recomputes keep those up to date and write none for the others.
  await writeDepartmentRows(m, WITH_DEPARTMENTS);
  // As on a database migrated before flows existed: the edit's recompute must build them whole.
  if (!flowsBuilt) await m.query(`delete from workforce_flow where org_code = any($1)`, [ORGS]);
  const before = await derived(m);
  const conditions = await applyEdit(m, edit);
  const touched = await snapshotsTouchedBy(m, await currentSnapshots(m, ORGS), conditions);
  if (incremental) await recompute(m, { rulesChanged: { snapshots: touched, conditions } });
  else await recompute(m, { snapshots: touched });
  return { before, after: await derived(m), touched: touched.length };
}

const WITH_DEPARTMENTS = SNAPSHOTS.filter((_, i) => i % 2 === 0);
const departmentRows = (rows: string[]) =>
  rows.filter((r) => (JSON.parse(r).gset & 1) !== 0).map((r) => JSON.parse(r).as_at + JSON.parse(r).org_code);

const EDITS: [string, Edit][] = [
  [
    'widen a rule to every clinical area',
    {
      ruleId: 'user-registered-clinicians-ai-areas',
      conditions: (c) => ({ ...c, clinicalAreas: undefined }),
    },
  ],
  [
    'narrow a rule to one clinical area',
    {
      ruleId: 'user-registered-clinicians-ai-areas',
      conditions: (c) => ({ ...c, clinicalAreas: ['imaging'] }),
    },
  ],
  [
    'change the archetypes a rule gives',
    { ruleId: 'shaper-policy-regulation', archetypes: ['shaper', 'driver'] },
  ],
  [
    'add an excluded title keyword',
    {
      ruleId: 'shaper-policy-regulation',
      conditions: (c) => ({ ...c, exclude: [...(c.exclude ?? []), 'ai'] }),
    },
  ],
  ['retire a rule', { ruleId: 'creator-data-scientists', retired: true }],
  [
    'add a rule',
    {
      ruleId: 'test-porters-embed',
      create: { conditions: { titleKeywords: ['porter'] }, archetypes: ['embedder'] },
    },
  ],
];

let db: DataSource;
beforeAll(async () => {
  db = await openDataSource();
});
afterAll(() => db.destroy());

test.each(EDITS)('%s: the incremental recompute writes exactly what the full one writes', async (_, edit) => {
  const full = await rolledBack(db, (m) => afterEdit(m, edit, false));
  const incremental = await rolledBack(db, (m) => afterEdit(m, edit, true));
  expect(incremental.touched).toBeGreaterThan(0);
  for (const table of DERIVED)
    expect({ table, rows: incremental.after[table] }).toEqual({ table, rows: full.after[table] });
  // The edit changed what the fixture concludes, so the comparison is not of two untouched databases.
  expect(full.after.person_archetype).not.toEqual(full.before.person_archetype);
  // Department rows stayed where they were written, and only there.
  const snapshotsWithDepartmentRows = new Set(departmentRows(incremental.after.coverage_module_rollup));
  expect([...snapshotsWithDepartmentRows].sort()).toEqual(
    WITH_DEPARTMENTS.map((s) => s.asAt + s.orgCode).sort(),
  );
});

test('an edit undone restores every derived row as it was', async () => {
  const result = await rolledBack(db, async (m) => {
    await writeFixture(m);
    await recompute(m, { snapshots: SNAPSHOTS });
    const before = await derived(m);
    const widened = await applyEdit(m, EDITS[0][1]);
    const touched = await snapshotsTouchedBy(m, await currentSnapshots(m, ORGS), widened);
    await recompute(m, { rulesChanged: { snapshots: touched, conditions: widened } });
    const between = await derived(m);
    const undone = await applyEdit(m, { ruleId: EDITS[0][1].ruleId, conditions: () => widened[0] });
    await recompute(m, { rulesChanged: { snapshots: touched, conditions: undone } });
    return { before, between, after: await derived(m) };
  });
  expect(result.between.person_snapshot).not.toEqual(result.before.person_snapshot);
  // person_archetype records the rule version that matched, which moved on; everything else is as before.
  for (const table of DERIVED.filter((t) => t !== 'person_archetype'))
    expect({ table, rows: result.after[table] }).toEqual({ table, rows: result.before[table] });
});

test('flows never built are built whole by the incremental recompute, as by the full one', async () => {
  const full = await rolledBack(db, (m) => afterEdit(m, EDITS[0][1], false, { flowsBuilt: false }));
  const incremental = await rolledBack(db, (m) => afterEdit(m, EDITS[0][1], true, { flowsBuilt: false }));
  for (const table of DERIVED)
    expect({ table, rows: incremental.after[table] }).toEqual({ table, rows: full.after[table] });
  expect(incremental.after.workforce_flow.length).toBe(2);
});

test('people the edit cannot affect keep their rows as they were written (not rewritten)', async () => {
  type RowId = { person_key: string; id: string };
  const rowIds = (m: EntityManager, table: string): Promise<RowId[]> =>
    m.query(
      `select person_key, ctid::text as id from ${table} where org_code = any($1) and as_at = '2032-02-29'
       order by person_key, ctid`,
      [ORGS],
    );
  const result = await rolledBack(db, async (m) => {
    await writeFixture(m);
    await recompute(m, { snapshots: SNAPSHOTS });
    const before = { summaries: await rowIds(m, 'person_snapshot'), needs: await rowIds(m, 'person_need') };
    const conditions = await applyEdit(m, EDITS[0][1]);
    const touched = await snapshotsTouchedBy(m, await currentSnapshots(m, ORGS), conditions);
    await recompute(m, { rulesChanged: { snapshots: touched, conditions } });
    const after = { summaries: await rowIds(m, 'person_snapshot'), needs: await rowIds(m, 'person_need') };
    const changed: string[] = (
      await m.query(
        `select distinct person_key from person_snapshot
         where org_code = any($1) and as_at = '2032-02-29' and 'user' = any(archetypes)`,
        [ORGS],
      )
    ).map((r: { person_key: string }) => r.person_key);
    return { before, after, changed };
  });
  const kept = (rows: RowId[]) => new Set(rows.map((r) => `${r.person_key}@${r.id}`));
  const beforeSummaries = kept(result.before.summaries);
  const untouched = result.after.summaries.filter((r) => beforeSummaries.has(`${r.person_key}@${r.id}`));
  const rewritten = result.after.summaries.length - untouched.length;
  // Some people were rewritten (the widened rule made them Users), most were not.
  expect(rewritten).toBeGreaterThan(0);
  expect(untouched.length).toBeGreaterThan(rewritten);
  // Everyone rewritten is a User now; nobody else's summary moved.
  const rewrittenKeys = result.after.summaries
    .filter((r) => !beforeSummaries.has(`${r.person_key}@${r.id}`))
    .map((r) => r.person_key);
  expect(rewrittenKeys.every((k) => result.changed.includes(k))).toBe(true);
  const beforeNeeds = kept(result.before.needs);
  const needsKept = result.after.needs.filter((r) => beforeNeeds.has(`${r.person_key}@${r.id}`));
  expect(needsKept.every((r) => !rewrittenKeys.includes(r.person_key))).toBe(true);
});
