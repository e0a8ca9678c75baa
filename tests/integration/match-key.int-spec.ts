import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@aiwr/db';
import { MATCH_KEY_PHRASES, MATCH_KEY_WORDS, matchKey } from '@aiwr/shared-domain';

// The import and the rule engine match in PostgreSQL with match_key(text); the API, seeds and the
// "why" explanation with matchKey. Both must give the same key for every label.
describe('match_key in PostgreSQL agrees with matchKey', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => ds.destroy());

  it('on every abbreviation, phrase and a corpus of real labels', async () => {
    const labels = [
      ...Object.keys(MATCH_KEY_WORDS).flatMap((w) => [w, `${w.toUpperCase()} Ward`, `North ${w}.`]),
      ...MATCH_KEY_PHRASES.flatMap(([from]) => [from, from.replace(/ and /g, '&'), `${from} dept`]),
      'Accident & Emergency',
      'A&E',
      'A & E',
      'Obstetrics & Gynaecology',
      'O&G',
      'Paediatrics – Neonatal',
      'Paediatrics—Neonatal',
      "Children's Services",
      'IM&T',
      'AIF-01',
      'Foundations in AI',
      '  Emergency   Department ',
      'emergency_department',
      'Nursing and Midwifery Registered',
      'Add Prof Scientific and Technic',
      'Admin & Clerical',
      'T&O (Trauma + Orthopaedics)',
      'Café Area',
      '',
      ' – ',
      '123',
    ];
    const [{ keys }] = await ds.query(
      `select array_agg(match_key(v) order by n) as keys from unnest($1::text[]) with ordinality t(v, n)`,
      [labels],
    );
    expect(keys).toEqual(labels.map(matchKey));
    const [{ k }] = await ds.query(`select match_key(null) as k`);
    expect(k).toBeNull();
  });
});
