import { EntityManager } from 'typeorm';
import { areaOfWorkKey } from '@aiwr/shared-domain';
import { readCsv, readYaml } from './reference-files';
import { TrustIcb, insertMembershipPeriods, membershipPeriods } from './icb-membership';

type ClinicalArea = { code: string; name: string; areas_of_work: string[] };
type PayBand = { code: string; label: string; kind: string; aliases: string[] };
type Archetype = { code: string; name: string; description: string };

const odsDate = (v: string) => (v ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : null);

/** The ODS extract has no trust type; derive a peer group from the name (documented in docs/domain-model.md). */
export function trustTypeFromName(name: string): string {
  const n = name.toUpperCase();
  if (n.includes('AMBULANCE')) return 'ambulance';
  if (/MENTAL HEALTH|PARTNERSHIP|PSYCHIATR|TAVISTOCK|CARE NHS|HEALTH AND CARE NHS/.test(n))
    return 'mental-health';
  if (/COMMUNITY|HEALTHCARE NHS TRUST|PRIMARY CARE/.test(n)) return 'community';
  if (
    /CHILDREN|WOMEN|ORTHOPAEDIC|CANCER|HEART|CHEST|EYE|NEURO|CHRISTIE|MARSDEN|CLATTERBRIDGE|PAPWORTH|MOORFIELDS|WALTON/.test(
      n,
    )
  )
    return 'specialist';
  return 'acute';
}

/** Idempotent: upserts national reference data; never overwrites an administrator's edits to mappings. */
export async function loadReferenceData(m: EntityManager): Promise<void> {
  for (const r of readCsv('nhs-england-regions.csv')) {
    const legacy = r.region_name.includes('legacy');
    await m.query(
      `insert into region(code, name, ons_code, valid_from, valid_to) values ($1, $2, $3, $4, $5)
       on conflict (code) do update set name = excluded.name, ons_code = excluded.ons_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to`,
      [
        r.region_ods_code,
        r.region_name,
        r.ons_code_current || null,
        legacy ? '2013-04-01' : '2019-04-01',
        legacy ? '2019-03-31' : null,
      ],
    );
  }
  for (const r of readCsv('nhs-icbs.csv')) {
    await m.query(
      `insert into icb(code, name, region_code, valid_from, valid_to, successor_codes) values ($1, $2, $3, $4, $5, $6)
       on conflict (code) do update set name = excluded.name, region_code = excluded.region_code, valid_from = excluded.valid_from,
         valid_to = excluded.valid_to, successor_codes = excluded.successor_codes`,
      [
        r.icb_ods_code,
        r.icb_name,
        r.region_ods_code,
        r.valid_from,
        r.valid_to || null,
        r.successor_ods_codes ? r.successor_ods_codes.split(';').map((s) => s.trim()) : [],
      ],
    );
  }
  const columns = Array.from({ length: 27 }, (_, i) => `c${i + 1}`);
  for (const r of readCsv('ods-etr-nhs-trusts-2026.csv', columns)) {
    const name = r.c2;
    await m.query(
      `insert into organisation(code, name, region_code, icb_code, open_date, close_date, postcode, trust_type)
       values ($1, $2, nullif($3, ''), nullif($4, ''), $5, $6, $7, $8)
       on conflict (code) do update set name = excluded.name, region_code = excluded.region_code, icb_code = excluded.icb_code,
         open_date = excluded.open_date, close_date = excluded.close_date, postcode = excluded.postcode, trust_type = excluded.trust_type`,
      [
        r.c1,
        titleCase(name),
        r.c3,
        r.c4,
        odsDate(r.c11),
        odsDate(r.c12),
        r.c10 || null,
        trustTypeFromName(name),
      ],
    );
  }
  await loadIcbMembership(m, columns);
  for (const r of readCsv('nwd-esr-staff-groups.csv')) {
    await m.query(
      `insert into staff_group(code, name, esr_label) values ($1, $2, $3)
       on conflict (code) do update set name = excluded.name, esr_label = excluded.esr_label`,
      [r.nwd_staff_group_code, r.nwd_staff_group_name, r.typical_esr_label],
    );
  }
  const areas = readYaml<ClinicalArea[]>('clinical-areas.yaml');
  for (const [i, a] of areas.entries()) {
    await m.query(
      `insert into clinical_area(code, name, sort_order) values ($1, $2, $3)
       on conflict (code) do update set name = excluded.name, sort_order = excluded.sort_order`,
      [a.code, a.name, i],
    );
    for (const aow of a.areas_of_work) {
      await m.query(
        `insert into area_of_work_mapping(area_of_work_key, area_of_work, clinical_area_code, updated_by)
         values ($1, $2, $3, 'reference seed') on conflict do nothing`,
        [areaOfWorkKey(aow), aow, a.code],
      );
    }
  }
  for (const [i, b] of readYaml<PayBand[]>('pay-bands.yaml').entries()) {
    await m.query(
      `insert into pay_band(code, label, kind, sort_order) values ($1, $2, $3, $4)
       on conflict (code) do update set label = excluded.label, kind = excluded.kind, sort_order = excluded.sort_order`,
      [b.code, b.label, b.kind, i],
    );
  }
  for (const [i, a] of readYaml<Archetype[]>('archetypes.yaml').entries()) {
    await m.query(
      `insert into archetype(code, name, description, sort_order) values ($1, $2, $3, $4)
       on conflict (code) do update set name = excluded.name, description = excluded.description, sort_order = excluded.sort_order`,
      [a.code, a.name, a.description, i],
    );
  }
}

/**
 * Rebuilds trust → ICB membership over time from the pre-2026 and 2026 ODS extracts (see icb-membership.ts),
 * so that a month before 2026-04-01 is counted under the ICB that existed then. Derived wholly from the
 * reference files, so it is replaced, not merged.
 */
async function loadIcbMembership(m: EntityManager, columns: string[]): Promise<void> {
  const trusts = (file: string) =>
    new Map<string, TrustIcb>(
      readCsv(file, columns).map((r) => [
        r.c1,
        { orgCode: r.c1, icbCode: r.c4, openDate: odsDate(r.c11)!, closeDate: odsDate(r.c12) },
      ]),
    );
  const before = trusts('ods-etr-nhs-trusts-2024-11.csv');
  const icbs = new Map<string, { validFrom: string; validTo: string | null }>(
    (await m.query(`select code, valid_from::text as valid_from, valid_to::text as valid_to from icb`)).map(
      (r: any) => [r.code, { validFrom: r.valid_from, validTo: r.valid_to }],
    ),
  );
  const periods = [...trusts('ods-etr-nhs-trusts-2026.csv').values()].flatMap((t) =>
    membershipPeriods(t, before.get(t.orgCode), icbs),
  );
  await m.query(`delete from organisation_icb_membership`);
  await insertMembershipPeriods(m, periods);
}

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'nhs']);
function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(' ')
    .map((w, i) =>
      w === 'nhs'
        ? 'NHS'
        : i > 0 && SMALL_WORDS.has(w)
          ? w
          : w.replace(/(^|[-'(])([a-z])/g, (_, p, c) => p + c.toUpperCase()),
    )
    .join(' ')
    .replace(/'S\b/g, "'s");
}
