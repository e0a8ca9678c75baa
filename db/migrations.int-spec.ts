import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateAndSeedReference, readReferenceCsv } from './index';

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
             (select count(*)::int from organisation where kind = 'trust' and close_date is null and region_code is not null) as open_english_trusts,
             (select count(*)::int from organisation where kind = 'practice' and close_date is null) as open_practices,
             (select count(*)::int from staff_group where setting = 'trust') as staff_groups`);
    const practicesInFile = readReferenceCsv('ods-gp-practices-2024-05.csv').filter((r) => !r.close_date);
    expect(row).toEqual({
      regions: 7,
      icbs_now: 36,
      icbs_before: 42,
      open_english_trusts: 199,
      open_practices: practicesInFile.length,
      staff_groups: 10,
    });
    // GP practices: 2024 ICBs mapped to 2026, split ICBs by postcode (Harlow to Essex, Stevenage to
    // Central East, Farnborough to Hampshire and Isle of Wight), and membership over time.
    const practices = await ds.query(
      `select code, icb_code from organisation where code in ('F81120', 'E82005', 'J82015') order by code`,
    );
    expect(practices).toEqual([
      { code: 'E82005', icb_code: 'S1Y5D' },
      { code: 'F81120', icb_code: 'D7T5G' },
      { code: 'J82015', icb_code: 'QRL' },
    ]);
    const history = await ds.query(
      `select icb_code, valid_from::text, valid_to::text from organisation_icb_membership where org_code = 'F81120' order by valid_from`,
    );
    expect(history.map((h: any) => h.icb_code)).toEqual(['QM7', 'D7T5G']);
    expect(history[1].valid_from).toBe('2026-04-01');
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

  it('rejects an organisation code that is neither 3 nor 5 characters (a trust) nor an ODS practice, PCN or pharmacy code', async () => {
    await expect(
      ds.query(`insert into organisation(code, name, open_date) values ('ABCD', 'x', '2020-01-01')`),
    ).rejects.toThrow(/check constraint/);
    for (const [code, kind] of [
      ['RJ1', 'practice'],
      ['X12345', 'pcn'],
      ['A81001', 'pharmacy'],
    ])
      await expect(
        ds.query(`insert into organisation(code, name, open_date, kind) values ($1, 'x', '2020-01-01', $2)`, [
          code,
          kind,
        ]),
      ).rejects.toThrow(/check constraint/);
  });
});
