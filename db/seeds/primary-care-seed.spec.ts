import { readCsv } from './reference-files';
import { readPrimaryCareRoles, successorIcb } from './primary-care-seed';

describe('GP practices: 2024 ICBs mapped to the 2026 footprints', () => {
  const successors = new Map(
    readCsv('nhs-icbs.csv').map((r) => [
      r.icb_ods_code,
      r.successor_ods_codes ? r.successor_ods_codes.split(';').map((s) => s.trim()) : [],
    ]),
  );
  const splits = readCsv('icb-2026-split-by-postcode.csv');
  const to = (icb: string, postcode: string) => successorIcb(icb, postcode, successors, splits);

  it('keeps a continuing ICB and takes the one successor of a merged one', () => {
    expect(to('QKK', 'SE10 9QJ')).toBe('QKK');
    expect(to('QMJ', 'N1 1AA')).toBe('Z9B2Z');
    expect(to('QUE', 'PE1 1AA')).toBe('S1Y5D');
  });

  it('splits by postcode district: the outward code first, then its area, then the rest', () => {
    expect(to('QM7', 'CM20 1DS')).toBe('D7T5G'); // Harlow: west Essex to Essex
    expect(to('QM7', 'CM23 3AA')).toBe('S1Y5D'); // Bishop's Stortford stays with Hertfordshire
    expect(to('QM7', 'IG10 1AA')).toBe('D7T5G'); // Loughton, by its area letters
    expect(to('QJG', 'CO10 1AA')).toBe('T6Y0W'); // Sudbury is Suffolk
    expect(to('QJG', 'CO4 5AA')).toBe('D7T5G'); // Colchester is north east Essex
    expect(to('QNQ', 'GU14 8QB')).toBe('QRL'); // Farnborough
    expect(to('QNQ', 'SL6 1AA')).toBe('S0E4D'); // East Berkshire
    expect(to('QNQ', 'GU15 1AA')).toBe('S9B9J'); // Surrey Heath
  });

  it('every split rule names a 2026 ICB, and each split ICB has a rule for the rest', () => {
    const current = new Set(
      readCsv('nhs-icbs.csv')
        .filter((r) => !r.valid_to)
        .map((r) => r.icb_ods_code),
    );
    for (const r of splits) expect(current.has(r.successor_ods_code)).toBe(true);
    const split = [...successors].filter(([, next]) => next.length > 1).map(([icb]) => icb);
    for (const icb of split)
      expect(splits.some((r) => r.icb_ods_code_2024 === icb && r.postcode === '*')).toBe(true);
  });
});

describe('primary-care staff groups and job roles', () => {
  it('each role belongs to a listed group, codes are unique, and a name or alias names one role per group', () => {
    const { staff_groups: groups, roles } = readPrimaryCareRoles();
    const codes = new Set(groups.map((g) => g.code));
    for (const r of roles) expect(codes.has(r.group)).toBe(true);
    expect(new Set(roles.map((r) => r.code)).size).toBe(roles.length);
    const fold = (v: string) => v.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const seen = new Map<string, string>();
    for (const r of roles)
      for (const n of [r.name, r.code, ...(r.aliases ?? [])]) {
        const key = `${r.group}|${fold(n)}`;
        expect(seen.get(key) ?? r.code).toBe(r.code);
        seen.set(key, r.code);
      }
  });
});
