import { DataSource, QueryRunner } from 'typeorm';
import { loadArchetypeReference, openDataSource, readDefaultRules, readTrainingCatalogue } from '@aiwr/db';

// The reference loader runs on every start: it must be idempotent and never undo an administrator's edit.
describe('archetype reference loader (db/seeds/archetype-seed.ts)', () => {
  let ds: DataSource;
  let qr: QueryRunner;
  beforeEach(async () => {
    ds ??= await openDataSource();
    qr = ds.createQueryRunner();
    await qr.startTransaction();
  });
  afterEach(async () => {
    await qr.rollbackTransaction();
    await qr.release();
  });
  afterAll(() => ds.destroy());

  it('loaded every default rule as version 1, the catalogue and the requirements', async () => {
    const rules = await qr.manager.query(
      `select rule_id, version, author from archetype_rule where author = 'reference seed'`,
    );
    expect(rules.map((r: any) => r.rule_id).sort()).toEqual(
      readDefaultRules()
        .map((r) => r.id)
        .sort(),
    );
    const catalogue = readTrainingCatalogue();
    const [counts] = await qr.manager.query(
      `select (select count(*)::int from training_module where code = any($1)) as modules,
              (select count(*)::int from archetype_requirement) as requirements`,
      [catalogue.modules.map((m) => m.code)],
    );
    expect(counts.modules).toBe(catalogue.modules.length);
    expect(counts.requirements).toBeGreaterThanOrEqual(Object.values(catalogue.requirements).flat().length);
  });

  it('keeps an edited and a retired rule as the administrator left them, and restores only a rule id that is gone', async () => {
    const m = qr.manager;
    await m.query(
      `update archetype_rule set valid_to = now() where rule_id = 'user-pharmacists' and valid_to is null`,
    );
    await m.query(`insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, author, reason)
      select rule_id, version + 1, position, 'Edited by an administrator', conditions, archetypes, 'admin@example', 'test edit'
      from archetype_rule where rule_id = 'user-pharmacists' and version = (select max(version) from archetype_rule where rule_id = 'user-pharmacists')`);
    await m.query(
      `update archetype_rule set retired = true where rule_id = 'user-clinical-admin' and valid_to is null`,
    );
    await m.query(`delete from archetype_rule where rule_id = 'creator-bioinformaticians'`);
    const before = await m.query(`select count(*)::int as n from archetype_rule`);

    await loadArchetypeReference(m);
    await loadArchetypeReference(m);

    const current = async (id: string) =>
      (
        await m.query(
          `select version, description, retired from archetype_rule where rule_id = $1 and valid_to is null`,
          [id],
        )
      )[0];
    expect(await current('user-pharmacists')).toMatchObject({
      description: 'Edited by an administrator',
      retired: false,
    });
    expect(await current('user-clinical-admin')).toMatchObject({ retired: true });
    expect(await current('creator-bioinformaticians')).toMatchObject({ version: 1, retired: false });
    expect(await m.query(`select count(*)::int as n from archetype_rule`)).toEqual([{ n: before[0].n + 1 }]);
  });
});
