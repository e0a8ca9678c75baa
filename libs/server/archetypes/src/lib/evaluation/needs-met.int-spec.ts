import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { insertSnapshot } from '../testing/snapshot-fixture';
import { evaluateSnapshot } from './evaluate-snapshot';
import { refreshNeedsMet } from './needs-met';

// Needs and met status on the snapshot date, with the expiry edge cases spelled out. Renewal periods
// come from db/reference/training-catalogue.yaml: AIF-01 24 months, every archetype module 36.
describe('per-person needs and met status', () => {
  let ds: DataSource;
  let qr: QueryRunner;
  let m: EntityManager;
  const org = 'RTD';
  const asAt = '2019-06-30';
  const complete = (person: string, module: string, on: string, expires: string | null = null) =>
    m.query(
      `insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
       values ($1, $2, $3, $4, $5, 'test')`,
      [org, person, module, on, expires],
    );
  const needs = (person: string) =>
    m.query(
      `select module_code as module, layer, reasons, met, met_on::text, expires_on::text
       from person_need where org_code = $1 and as_at = $2 and person_key = $3 order by module_code`,
      [org, asAt, person],
    );
  const summary = (person: string) =>
    m
      .query(
        `select archetypes, modules_needed, modules_met, fully_trained from person_snapshot
         where org_code = $1 and as_at = $2 and person_key = $3`,
        [org, asAt, person],
      )
      .then((r: any[]) => r[0]);

  beforeAll(async () => {
    ds = await openDataSource();
    qr = ds.createQueryRunner();
    await qr.startTransaction();
    m = qr.manager;
    await insertSnapshot(m, org, asAt, [
      {
        personKey: 'nurse',
        assignments: [['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5']],
      },
      {
        personKey: 'ccio',
        department: 'Radiology Directorate',
        assignments: [
          ['01', 'Consultant', 'Consultant Radiologist', 'Clinical Radiology', 'M-CON'],
          ['01', 'Consultant', 'Chief Clinical Information Officer', 'Clinical Informatics', 'M-CON'],
        ],
        fte: 0.5,
      },
      { personKey: 'porter', assignments: [['09', 'Porter', 'Porter', 'Portering', 'B2']] },
    ]);
    // A product live before the snapshot for imaging staff, and one that goes live after it.
    await m.query(`insert into training_module(code, title, layer, renewal_months) values
      ('AIP-TSTCXR', 'Chest X-ray triage tool', 'product', 12), ('AIP-TSTLATE', 'Later tool', 'product', 12)`);
    await m.query(
      `insert into ai_product(org_code, product_code, name, module_code, live_from) values
      ($1, 'TSTCXR', 'Chest X-ray triage', 'AIP-TSTCXR', '2019-01-01'), ($1, 'TSTLATE', 'Later', 'AIP-TSTLATE', '2019-07-01')`,
      [org],
    );
    await m.query(
      `insert into ai_product_audience(org_code, product_code, clinical_area_code) values
      ($1, 'TSTCXR', 'imaging'), ($1, 'TSTLATE', 'imaging')`,
      [org],
    );

    await complete('nurse', 'AIF-01', asAt); // exactly on the snapshot date: counts
    await complete('nurse', 'AIU-01', '2016-06-29'); // renewal-derived expiry 2019-06-29, the day before: lapsed
    await complete('ccio', 'AIF-01', '2017-07-01'); // renewal-derived expiry 2019-07-01, the day after: met
    await complete('ccio', 'AID-01', '2018-01-01', asAt); // stored expiry exactly on the date: not met
    await complete('ccio', 'AIX-01', '2019-07-01'); // completed after the snapshot date: not met
    await complete('ccio', 'AIE-01', '2015-01-01'); // expired, but...
    await complete('ccio', 'AIE-01', '2018-03-01'); // ...renewed: met
    await complete('ccio', 'AIP-TSTCXR', '2019-02-01', null);
    await evaluateSnapshot(m, org, asAt);
  });
  afterAll(async () => {
    await qr.rollbackTransaction();
    await qr.release();
    await ds.destroy();
  });

  it('counts a completion on the snapshot date and lapses one whose derived expiry is the day before', async () => {
    expect(await needs('nurse')).toEqual([
      {
        module: 'AIF-01',
        layer: 'foundation',
        reasons: ['foundation'],
        met: true,
        met_on: asAt,
        expires_on: '2021-06-30',
      },
      {
        module: 'AIU-01',
        layer: 'archetype',
        reasons: ['archetype:user'],
        met: false,
        met_on: '2016-06-29',
        expires_on: '2019-06-29',
      },
    ]);
    expect(await summary('nurse')).toEqual({
      archetypes: ['user'],
      modules_needed: 2,
      modules_met: 1,
      fully_trained: false,
    });
  });

  it('gives a multi-archetype person the union of requirements, one row per module with every reason', async () => {
    expect(await needs('ccio')).toEqual([
      {
        module: 'AID-01',
        layer: 'archetype',
        reasons: ['archetype:driver'],
        met: false,
        met_on: '2018-01-01',
        expires_on: asAt,
      },
      {
        module: 'AIE-01',
        layer: 'archetype',
        reasons: ['archetype:embedder'],
        met: true,
        met_on: '2018-03-01',
        expires_on: '2021-03-01',
      },
      {
        module: 'AIF-01',
        layer: 'foundation',
        reasons: ['foundation'],
        met: true,
        met_on: '2017-07-01',
        expires_on: '2019-07-01',
      },
      {
        module: 'AIP-TSTCXR',
        layer: 'product',
        reasons: ['product:TSTCXR'],
        met: true,
        met_on: '2019-02-01',
        expires_on: '2020-02-01',
      },
      {
        module: 'AIU-01',
        layer: 'archetype',
        reasons: ['archetype:user'],
        met: false,
        met_on: null,
        expires_on: null,
      },
      {
        module: 'AIX-01',
        layer: 'archetype',
        reasons: ['archetype:driver', 'archetype:embedder'],
        met: false,
        met_on: null,
        expires_on: null,
      },
    ]);
    const s = await summary('ccio');
    expect(s).toEqual({
      archetypes: ['driver', 'embedder', 'user'],
      modules_needed: 6,
      modules_met: 3,
      fully_trained: false,
    });
    const [fte] = await m.query(
      `select fte::text from person_snapshot where org_code = $1 and as_at = $2 and person_key = 'ccio'`,
      [org, asAt],
    );
    expect(fte.fte).toBe('1.0000');
  });

  it('needs only the foundation for someone no rule maps', async () => {
    expect((await needs('porter')).map((n: any) => n.module)).toEqual(['AIF-01']);
    expect(await summary('porter')).toEqual({
      archetypes: [],
      modules_needed: 1,
      modules_met: 0,
      fully_trained: false,
    });
  });

  it('refreshNeedsMet picks up completions imported later', async () => {
    await complete('nurse', 'AIU-01', '2019-05-01');
    await complete('porter', 'AIF-01', '2019-06-01', '2019-12-31');
    await refreshNeedsMet(m, [org]);
    expect((await needs('nurse'))[1]).toMatchObject({
      module: 'AIU-01',
      met: true,
      met_on: '2019-05-01',
      expires_on: '2022-05-01',
    });
    expect(await summary('nurse')).toMatchObject({ modules_needed: 2, modules_met: 2, fully_trained: true });
    expect(await summary('porter')).toMatchObject({ modules_met: 1, fully_trained: true });
  });
});
