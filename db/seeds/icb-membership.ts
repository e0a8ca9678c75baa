import type { EntityManager } from 'typeorm';

/**
 * Trust → ICB membership over time, from two ODS "etr" extracts: one taken before the 2026-04-01 ICB
 * boundary change (the 42 ICBs of 2022) and one after it (the 36 of 2026). A trust whose ICB differs
 * between the two moved on the boundary date; the extracts carry no other change date, so that is the
 * only one there is to use.
 */
export const ICB_BOUNDARY_2026 = '2026-04-01';

export type MembershipPeriod = {
  orgCode: string;
  icbCode: string;
  validFrom: string;
  validTo: string | null;
};
export type TrustIcb = { orgCode: string; icbCode: string; openDate: string; closeDate: string | null };
export type IcbValidity = { validFrom: string; validTo: string | null };

const dayBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * One period per ICB a trust belonged to. `before` is the trust's row in the pre-2026 extract (absent
 * when it was not in it), `after` its row in the 2026 extract (whose open/close dates are used). Periods
 * start no earlier than the trust opened or the ICB existed and end when the trust closed; a trust closed
 * before the boundary keeps its old ICB to the end, whatever ICB the later extract restates it under.
 */
export function membershipPeriods(
  after: TrustIcb,
  before: TrustIcb | undefined,
  icbs: Map<string, IcbValidity>,
): MembershipPeriod[] {
  const { orgCode, openDate, closeDate } = after;
  const period = (icbCode: string, from: string, to: string | null): MembershipPeriod[] => {
    const icb = icbs.get(icbCode);
    if (!icb) return [];
    const validFrom = later(from, icb.validFrom);
    const validTo = earlier(to, icb.validTo);
    return validTo !== null && validTo < validFrom ? [] : [{ orgCode, icbCode, validFrom, validTo }];
  };
  const oldIcb = before?.icbCode;
  if (!oldIcb || oldIcb === after.icbCode || !icbs.has(oldIcb))
    return after.icbCode ? period(after.icbCode, openDate, closeDate) : [];
  const oldPeriod = period(oldIcb, openDate, earlier(closeDate, dayBefore(ICB_BOUNDARY_2026)));
  if (closeDate !== null && closeDate < ICB_BOUNDARY_2026) return oldPeriod;
  return [...oldPeriod, ...period(after.icbCode, later(openDate, ICB_BOUNDARY_2026), closeDate)];
}

/** Writes membership periods in one statement (trusts and practices alike). */
export async function insertMembershipPeriods(m: EntityManager, periods: MembershipPeriod[]): Promise<void> {
  await m.query(
    `insert into organisation_icb_membership(org_code, icb_code, valid_from, valid_to)
     select * from unnest($1::text[], $2::text[], $3::date[], $4::date[])`,
    [
      periods.map((p) => p.orgCode),
      periods.map((p) => p.icbCode),
      periods.map((p) => p.validFrom),
      periods.map((p) => p.validTo),
    ],
  );
}
