/**
 * One matching key for the free-text labels that come from trusts' systems: areas of work, course
 * names, job roles and staff-group labels. Two labels match when their keys are equal.
 *
 * Folding, in order: lower case; `&` and `+` read as "and"; every run of anything but a-z and 0-9
 * (spaces, dashes of every kind, punctuation) is one separator; common abbreviations and US spellings
 * are expanded word by word (MATCH_KEY_WORDS), then common initialisms phrase by phrase
 * (MATCH_KEY_PHRASES, e.g. "a and e" from `A&E`); finally the separators are dropped, so "AIF-01",
 * "AIF 01" and "aif01" agree too.
 *
 * PostgreSQL has the same function, `match_key(text)` (db/migrations/1764300000001), used where whole
 * files are matched set-based; match-key.int-spec.ts checks that both give the same key for every
 * entry of these lists and a corpus of real labels. Changing a list means a new migration for the SQL.
 */
export const MATCH_KEY_WORDS: Readonly<Record<string, string>> = {
  paeds: 'paediatrics',
  paed: 'paediatric',
  peds: 'paediatrics',
  pediatrics: 'paediatrics',
  pediatric: 'paediatric',
  gynae: 'gynaecology',
  gyn: 'gynaecology',
  gynecology: 'gynaecology',
  obs: 'obstetrics',
  orthopedics: 'orthopaedics',
  ortho: 'orthopaedics',
  anesthetics: 'anaesthetics',
  anesthesia: 'anaesthesia',
  hematology: 'haematology',
  oncol: 'oncology',
  dept: 'department',
  depts: 'departments',
  svc: 'services',
  svcs: 'services',
  mgmt: 'management',
  mgt: 'management',
  center: 'centre',
  ctr: 'centre',
  admin: 'administrative',
  mh: 'mental health',
  icu: 'intensive care',
  itu: 'intensive care',
  slt: 'speech and language therapy',
  physio: 'physiotherapy',
};

/** Initialisms that span words once `&` reads as "and": applied after MATCH_KEY_WORDS. */
export const MATCH_KEY_PHRASES: readonly (readonly [string, string])[] = [
  ['a and e', 'accident and emergency'],
  ['o and g', 'obstetrics and gynaecology'],
  ['t and o', 'trauma and orthopaedics'],
  ['s and lt', 'speech and language therapy'],
];

/** The words of a label after case, `&`/`+`, punctuation and abbreviation folding, separated by single spaces. */
export function matchWords(value: string): string {
  const words = value
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => MATCH_KEY_WORDS[w] ?? w)
    .join(' ');
  let padded = ` ${words} `;
  for (const [from, to] of MATCH_KEY_PHRASES) padded = padded.split(` ${from} `).join(` ${to} `);
  return padded.trim();
}

/** The key two labels are compared by (see the file comment). */
export const matchKey = (value: string): string => matchWords(value).replace(/ /g, '');
