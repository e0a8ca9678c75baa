/** Which organisations each demo size covers, and how many people each gets. */
export type DemoSize = 'test' | 'demo' | 'national';

export type DemoOrganisation = { code: string; headcount: number; adoption: number };

/** `demo`: a few real trusts in two regions (London, North West), about 20k people. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { code: 'RJ1', headcount: 5500, adoption: 1.15 },
  { code: 'RAL', headcount: 4500, adoption: 0.9 },
  { code: 'RQM', headcount: 2800, adoption: 1.0 },
  { code: 'G6V2S', headcount: 2200, adoption: 0.75 },
  { code: 'R0A', headcount: 3000, adoption: 1.05 },
  { code: 'RBV', headcount: 900, adoption: 1.2 },
  { code: 'RX7', headcount: 1100, adoption: 0.7 },
];

/** `test`: the smallest workforce that still has two London trusts and one North West trust. */
export const TEST_ORGANISATIONS: DemoOrganisation[] = [
  { code: 'RJ1', headcount: 420, adoption: 1.1 },
  { code: 'RQM', headcount: 260, adoption: 0.85 },
  { code: 'R0A', headcount: 320, adoption: 1.0 },
];

/** Mean headcount by trust type for `national` (about 1.5 M people over the 199 open English trusts). */
export const NATIONAL_MEAN_HEADCOUNT: Record<string, number> = {
  acute: 9_600,
  'mental-health': 4_000,
  community: 3_500,
  ambulance: 4_500,
  specialist: 3_400,
};

export const MONTHS_BY_SIZE: Record<DemoSize, number> = { test: 3, demo: 12, national: 12 };

/** Snapshots are month ends counting back from a fixed date, so the data never depends on today's date. */
export const LAST_SNAPSHOT = '2026-10-31';

export function monthEnds(count: number, last = LAST_SNAPSHOT): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - (count - 1 - i), 0));
    return d.toISOString().slice(0, 10);
  });
}
