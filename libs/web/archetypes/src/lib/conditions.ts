// Rule conditions as short text, and back: the editor shows each condition as a comma-separated list.
export type ConditionKey =
  | 'staffGroups'
  | 'jobRoles'
  | 'occupationCodePrefixes'
  | 'areasOfWork'
  | 'clinicalAreas'
  | 'titleKeywords'
  | 'payBands';

export const CONDITION_LABELS: Record<ConditionKey, string> = {
  staffGroups: 'Staff groups',
  jobRoles: 'Job roles',
  occupationCodePrefixes: 'Occupation code prefixes',
  areasOfWork: 'Areas of work',
  clinicalAreas: 'Clinical areas',
  titleKeywords: 'Position title keywords',
  payBands: 'Pay bands',
};
export const CONDITION_KEYS = Object.keys(CONDITION_LABELS) as ConditionKey[];

/** "Staff groups: 01, 02; Pay bands: B8A..B9" — for tables and summaries. */
export function describeConditions(when: Partial<Record<ConditionKey, string[] | null>>): string {
  const parts = CONDITION_KEYS.flatMap((k) =>
    when[k]?.length ? [`${CONDITION_LABELS[k]}: ${when[k]!.join(', ')}`] : [],
  );
  return parts.length ? parts.join('; ') : 'Everyone';
}

/** "a, b ,, c" → ["a","b","c"]; empty → null (the condition is not used). */
export function parseList(text: string): string[] | null {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
}
