import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateAndSeedReference } from './index';

describe('database schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => ds.destroy());

  it('has no pending migrations and never synchronises', async () => {
    expect(await ds.showMigrations()).toBe(false);
    expect(ds.options.synchronize).toBe(false);
    const applied = await ds.query(`select name from schema_migration order by id`);
    expect(applied.map((r: { name: string }) => r.name)).toEqual(ds.migrations.map((m) => m.name));
  });

  it('loads the organisation hierarchy from the shipped ODS extract', async () => {
    const [row] = await ds.query(`
      select (select count(*)::int from region where is_current) as regions,
             (select count(*)::int from icb where valid_to is null) as icbs_now,
             (select count(*)::int from icb where valid_from <= '2026-03-31' and (valid_to is null or valid_to >= '2026-03-31')) as icbs_before,
             (select count(*)::int from organisation where close_date is null and region_code is not null) as open_english_trusts,
             (select count(*)::int from staff_group) as staff_groups`);
    expect(row).toEqual({
      regions: 7,
      icbs_now: 36,
      icbs_before: 42,
      open_english_trusts: 199,
      staff_groups: 10,
    });
    const [g6v2s] = await ds.query(`select icb_code, region_code from organisation where code = 'G6V2S'`);
    expect(g6v2s).toEqual({ icb_code: 'Z9B2Z', region_code: 'Y56' });
  });

  it('reference seeding is idempotent and keeps an administrator edit to the area-of-work mapping', async () => {
    await ds.query(
      `update area_of_work_mapping set clinical_area_code = 'digital', updated_by = 'admin' where area_of_work_key = 'radiology'`,
    );
    const before = await ds.query(`select count(*)::int as n from organisation`);
    await migrateAndSeedReference(process.env.DATABASE_URL!);
    expect(await ds.query(`select count(*)::int as n from organisation`)).toEqual(before);
    const [m] = await ds.query(
      `select clinical_area_code from area_of_work_mapping where area_of_work_key = 'radiology'`,
    );
    expect(m.clinical_area_code).toBe('digital');
    await ds.query(
      `update area_of_work_mapping set clinical_area_code = 'imaging' where area_of_work_key = 'radiology'`,
    );
  });

  it('rejects an organisation code that is neither 3 nor 5 characters', async () => {
    await expect(
      ds.query(`insert into organisation(code, name, open_date) values ('ABCD', 'x', '2020-01-01')`),
    ).rejects.toThrow(/check constraint/);
  });
});
