import { matchKey, payBandRange, StoredRuleConditions } from '@aiwr/shared-domain';

/** The reference lists a rule's values are resolved against (staff group names, pay band order). */
export type RuleReference = {
  staffGroups: { code: string; name: string; esrLabel: string }[];
  payBands: { code: string; sortOrder: number }[];
};

/** The fields of one staff assignment that rules look at. */
export type AssignmentFacts = {
  staffGroupCode: string;
  jobRole?: string | null;
  occupationCode?: string | null;
  areaOfWork?: string | null;
  clinicalAreaCode?: string | null;
  positionTitle?: string | null;
  payBand?: string | null;
};

export type ConditionField = keyof Omit<StoredRuleConditions, 'exclude'>;

/** One condition that held, with the assignment's value and the rule value it matched. */
export type MatchEvidence = {
  condition: ConditionField;
  field: keyof AssignmentFacts;
  value: string;
  matchedBy: string;
};

/**
 * Title keywords match whole words, case-insensitively: a title and a keyword are both folded to
 * lower-case words separated by single spaces (any run of other characters is a separator) and the
 * title, padded with spaces, must contain " keyword ". So "IT" matches "Head of IT" but not "Digital",
 * "category manager digital" matches "Category Manager - Digital", and "RIS/PACS" matches "RIS PACS".
 * rule-sql.ts does exactly the same in PostgreSQL (titleKeySql and LIKE), which is far cheaper than
 * a regular expression per rule and row.
 */
export const keywordKey = (keyword: string) =>
  keyword
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
export const titleKey = (title: string) => ` ${keywordKey(title)} `;
/** LIKE patterns for keywords (keywords with no letter or digit are dropped: they could match nothing). */
export const keywordLikePatterns = (keywords: string[]) =>
  keywords
    .map(keywordKey)
    .filter(Boolean)
    .map((k) => `% ${k} %`);
export const titleHasKeyword = (title: string, keywords: string[]) => {
  const key = titleKey(title);
  return keywords.find((k) => keywordKey(k) && key.includes(` ${keywordKey(k)} `));
};

/** Expands pay band values (codes and FROM..TO ranges by sort order) into the set of band codes. */
export function expandPayBands(values: string[], ref: RuleReference): string[] {
  const order = new Map(ref.payBands.map((b) => [b.code, b.sortOrder]));
  const codes = new Set<string>();
  for (const value of values) {
    const [from, to] = payBandRange(value);
    const lo = order.get(from);
    const hi = order.get(to);
    if (lo === undefined || hi === undefined) continue;
    for (const b of ref.payBands) if (b.sortOrder >= lo && b.sortOrder <= hi) codes.add(b.code);
  }
  return [...codes];
}

/** Staff group values may be codes, names or ESR labels; returns the codes they name. */
export function resolveStaffGroups(values: string[], ref: RuleReference): string[] {
  const wanted = new Set(values.map(matchKey));
  return ref.staffGroups
    .filter((g) => [g.code, g.name, g.esrLabel].some((v) => wanted.has(matchKey(v))))
    .map((g) => g.code);
}

/**
 * Pure evaluation of one rule against one assignment, mirroring the SQL in rule-sql.ts. Used for the
 * "why" explanation and for unit tests of the default rules; bulk evaluation always runs in SQL.
 */
export function matchAssignment(
  c: StoredRuleConditions,
  a: AssignmentFacts,
  ref: RuleReference,
): { matched: boolean; evidence: MatchEvidence[] } {
  const evidence: MatchEvidence[] = [];
  const check = (
    condition: ConditionField,
    field: keyof AssignmentFacts,
    test: (value: string) => string | undefined,
  ): boolean => {
    const value = a[field];
    const matchedBy = value ? test(value) : undefined;
    if (matchedBy === undefined || !value) return false;
    evidence.push({ condition, field, value, matchedBy });
    return true;
  };
  const sameKeyIn = (values: string[]) => (v: string) => values.find((x) => matchKey(x) === matchKey(v));
  const titleMatch = (keywords: string[]) => (v: string) => titleHasKeyword(v, keywords);

  const checks: (() => boolean)[] = [];
  if (c.staffGroups) {
    const codes = resolveStaffGroups(c.staffGroups, ref);
    checks.push(() => check('staffGroups', 'staffGroupCode', (v) => (codes.includes(v) ? v : undefined)));
  }
  if (c.jobRoles) checks.push(() => check('jobRoles', 'jobRole', sameKeyIn(c.jobRoles!)));
  if (c.occupationCodePrefixes)
    checks.push(() =>
      check('occupationCodePrefixes', 'occupationCode', (v) =>
        c.occupationCodePrefixes!.find((p) => v.toUpperCase().startsWith(p.toUpperCase())),
      ),
    );
  if (c.areasOfWork) checks.push(() => check('areasOfWork', 'areaOfWork', sameKeyIn(c.areasOfWork!)));
  if (c.clinicalAreas)
    checks.push(() =>
      check('clinicalAreas', 'clinicalAreaCode', (v) => c.clinicalAreas!.find((x) => x === v)),
    );
  if (c.titleKeywords)
    checks.push(() => check('titleKeywords', 'positionTitle', titleMatch(c.titleKeywords!)));
  if (c.payBands) {
    const codes = expandPayBands(c.payBands, ref);
    checks.push(() => check('payBands', 'payBand', (v) => (codes.includes(v.toUpperCase()) ? v : undefined)));
  }
  const allHold = checks.length > 0 && checks.every((run) => run());
  const excluded =
    !!c.exclude?.length && !!a.positionTitle && titleMatch(c.exclude)(a.positionTitle) !== undefined;
  return allHold && !excluded ? { matched: true, evidence } : { matched: false, evidence: [] };
}
