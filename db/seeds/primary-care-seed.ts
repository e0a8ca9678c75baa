import { EntityManager } from 'typeorm';
import { readCsv, readYaml } from './reference-files';
import { IcbValidity, insertMembershipPeriods, MembershipPeriod, membershipPeriods } from './icb-membership';

type PrimaryCareRoles = {
  staff_groups: { code: string; name: string; label: string; setting: string; aliases?: string[] }[];
  roles: { code: string; name: string; group: string; arrs?: boolean; aliases?: string[] }[];
};

export const readPrimaryCareRoles = () => readYaml<PrimaryCareRoles>('primary-care-roles.yaml');

const odsDate = (v: string) => (v ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : null);

/** Split ICBs: the successor of a 2024 ICB for a postcode (outward code first, then its area letters). */
export function successorIcb(
  icb2024: string,
  postcode: string,
  successors: Map<string, string[]>,
  splits: Record<string, string>[],
): string {
  const rules = splits.filter((s) => s.icb_ods_code_2024 === icb2024);
  const next = successors.get(icb2024) ?? [];
  if (rules.length === 0) return next[0] ?? icb2024;
  const outward = postcode.trim().toUpperCase().split(/\s+/)[0] ?? '';
  const area = outward.replace(/[0-9].*$/, '');
  const hit =
    rules.find((r) => r.postcode === outward) ??
    rules.find((r) => r.postcode === area) ??
    rules.find((r) => r.postcode === '*');
  return hit!.successor_ods_code;
}

/**
 * GP practices from the ODS epraccur extract (May 2024; prescribing setting 4, England) with their 2024
 * ICB mapped to the 2026 footprint, their ICB membership over time, and the staff groups and job roles of
 * general practice and community pharmacy. Idempotent. PCNs and pharmacies are not in any reference file:
 * the primary-care import creates them (libs/server/ingest, primary-care.ts).
 */
export async function loadPrimaryCareReference(m: EntityManager): Promise<void> {
  const roles = readPrimaryCareRoles();
  for (const g of roles.staff_groups)
    await m.query(
      `insert into staff_group(code, name, esr_label, setting) values ($1, $2, $3, $4)
       on conflict (code) do update set name = excluded.name, esr_label = excluded.esr_label, setting = excluded.setting`,
      [g.code, g.name, g.label, g.setting],
    );
  await m.query(
    `insert into primary_care_role(code, name, staff_group_code, arrs, aliases)
     select code, name, staff_group_code, arrs, aliases
     from jsonb_to_recordset($1::jsonb) as r(code text, name text, staff_group_code text, arrs boolean, aliases text[])
     on conflict (code) do update set name = excluded.name, staff_group_code = excluded.staff_group_code,
       arrs = excluded.arrs, aliases = excluded.aliases`,
    [
      JSON.stringify(
        roles.roles.map((r) => ({
          code: r.code,
          name: r.name,
          staff_group_code: r.group,
          arrs: r.arrs ?? false,
          aliases: r.aliases ?? [],
        })),
      ),
    ],
  );

  const icbRows: { code: string; region_code: string; valid_from: string; valid_to: string | null }[] =
    await m.query(
      `select code, region_code, valid_from::text as valid_from, valid_to::text as valid_to from icb`,
    );
  const icbs = new Map<string, IcbValidity>(
    icbRows.map((r) => [r.code, { validFrom: r.valid_from, validTo: r.valid_to }]),
  );
  const icbRegion = new Map(icbRows.map((r) => [r.code, r.region_code]));
  const successors = new Map(
    readCsv('nhs-icbs.csv').map((r) => [
      r.icb_ods_code,
      r.successor_ods_codes ? r.successor_ods_codes.split(';').map((s) => s.trim()) : [],
    ]),
  );
  const splits = readCsv('icb-2026-split-by-postcode.csv');
  const practices = readCsv('ods-gp-practices-2024-05.csv').map((r) => {
    const icb2026 = successorIcb(r.icb_ods_code_2024, r.postcode, successors, splits);
    return {
      code: r.practice_code,
      name: titleCase(r.practice_name),
      icb2024: r.icb_ods_code_2024,
      icb2026,
      region: icbRegion.get(icb2026) ?? r.region_ods_code_2024,
      postcode: r.postcode || null,
      open: odsDate(r.open_date)!,
      close: odsDate(r.close_date),
    };
  });
  await m.query(
    `insert into organisation(code, name, region_code, icb_code, open_date, close_date, postcode, setting, kind)
     select code, name, region, icb, open, close, postcode, 'general_practice', 'practice'
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[])
       as p(code, name, region, icb, open, close, postcode)
     on conflict (code) do update set name = excluded.name, region_code = excluded.region_code,
       icb_code = excluded.icb_code, open_date = excluded.open_date, close_date = excluded.close_date,
       postcode = excluded.postcode, setting = excluded.setting, kind = excluded.kind`,
    [
      practices.map((p) => p.code),
      practices.map((p) => p.name),
      practices.map((p) => p.region),
      practices.map((p) => p.icb2026),
      practices.map((p) => p.open),
      practices.map((p) => p.close),
      practices.map((p) => p.postcode),
    ],
  );
  const periods: MembershipPeriod[] = practices.flatMap((p) =>
    membershipPeriods(
      { orgCode: p.code, icbCode: p.icb2026, openDate: p.open, closeDate: p.close },
      { orgCode: p.code, icbCode: p.icb2024, openDate: p.open, closeDate: p.close },
      icbs,
    ),
  );
  await m.query(
    `delete from organisation_icb_membership m using organisation o where o.code = m.org_code and o.kind = 'practice'`,
  );
  await insertMembershipPeriods(m, periods);
}

const titleCase = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/\bNhs\b/g, 'NHS')
    .replace(/\b(Gp|Pms|Apms|Nhs|Pcn)\b/g, (w) => w.toUpperCase())
    .replace(/'S\b/g, "'s");
