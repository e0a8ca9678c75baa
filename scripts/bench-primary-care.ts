// npm run bench:primary-care [-- --region Y56 | --icb QKK] [--runs 5]
//
// What general practice costs: the primary-care staff list import (validation, PCN and practice links,
// pseudonymisation, archetypes, needs and rollups with the job-role grouping sets, in one transaction)
// for every open practice of a region (or of one ICB), one month-end list per run, and the coverage queries the dashboard
// sends for it (drill-down below an ICB, a PCN's practices, the job-role matrix), cache bypassed. Real
// practice codes from db/reference; PCNs of five practices (made-up U8 codes); about 25 staff a practice
// and two PCN-employed staff a PCN. Prints p50, p95 and spread; asserts nothing. A fresh embedded
// database in .bench-primary-care (see package.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrateAndSeedReference, openDataSource, readReferenceCsv } from '@aiwr/db';
import { runImport } from '@aiwr/server-ingest';
import { CoverageService, recompute } from '@aiwr/server-coverage';
import { SeededRandom } from '@aiwr/server-demo-data';
import { argValue, NATIONAL_VIEWER, printTimings } from './bench-support';

const ROLES: [string, string, number][] = [
  ['GP', 'GP Partner/Provider', 3],
  ['GP', 'Salaried GP', 2],
  ['Nurses', 'Practice Nurse', 3],
  ['Nurses', 'Advanced Nurse Practitioner', 1],
  ['Direct Patient Care', 'Healthcare Assistant', 2],
  ['Admin/Non-Clinical', 'Practice Manager', 1],
  ['Admin/Non-Clinical', 'Receptionist', 8],
  ['Admin/Non-Clinical', 'Medical Secretary', 2],
  ['Admin/Non-Clinical', 'Other Admin/Non-Clinical', 3],
];

function writeFile(file: string, practices: string[], seed: number): number {
  const rnd = new SeededRandom(`bench-primary-care:${seed}`);
  const lines = ['Staff ID,Practice Code,PCN Code,Staff Group,Job Role,FTE,Contracted Hours,Employed By PCN'];
  practices.forEach((code, i) => {
    const pcn = `U8${String(Math.floor(i / 5)).padStart(4, '0')}`;
    let n = 0;
    for (const [group, role, count] of ROLES)
      for (let k = rnd.int(Math.max(1, count - 1), count + 1); k > 0; k--) {
        const hours = rnd.chance(0.3);
        const fte = rnd.chance(0.5) ? 1 : Math.round((0.3 + rnd.next() * 0.6) * 100) / 100;
        lines.push(
          `${code}-${++n},${code},${pcn},${group},${role},${hours ? '' : fte},${hours ? Math.round(fte * 37.5 * 4) / 4 : ''},`,
        );
      }
    if (i % 5 === 0)
      for (const role of ['Pharmacist', 'Social Prescribing Link Worker'])
        lines.push(`${pcn}-${role.length}-${i},${code},${pcn},Direct Patient Care,${role},1,,Y`);
  });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return lines.length - 1;
}

async function main() {
  const region = argValue('region', 'Y56');
  // An ICB's practices (2026 footprint), else the region's.
  const icbOnly = argValue('icb', '');
  const runs = Number(argValue('runs', '5'));
  await migrateAndSeedReference(process.env.DATABASE_URL!);
  const db: DataSource = await openDataSource(process.env.DATABASE_URL!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-bench-pc-'));
  try {
    const practices: string[] = icbOnly
      ? (
          await db.query(
            `select code from organisation where kind = 'practice' and icb_code = $1 and close_date is null order by code`,
            [icbOnly],
          )
        ).map((r: { code: string }) => r.code)
      : readReferenceCsv('ods-gp-practices-2024-05.csv')
          .filter((r) => r.status === 'A' && r.region_ods_code_2024 === region && !r.close_date)
          .map((r) => r.practice_code);
    const ms: number[] = [];
    const phases = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const asAt = new Date(Date.UTC(2026, 10 - i, 0)).toISOString().slice(0, 10);
      const file = path.join(dir, `primary-care-${asAt}.csv`);
      const rows = writeFile(file, practices, i);
      const t = performance.now();
      const r = await runImport(db, {
        kind: 'primary_care',
        filePath: file,
        fileName: path.basename(file),
        asAt,
        allowedOrgCodes: null,
        recompute,
        onPhase: (phase, took) => phases.set(phase, [...(phases.get(phase) ?? []), took]),
      });
      ms.push(performance.now() - t);
      if (r.outcome !== 'succeeded')
        throw new Error(`import ${asAt}: ${r.outcome} ${JSON.stringify(r.errors.slice(0, 3))}`);
      if (i === 0)
        console.log(
          `${practices.length} practices of ${icbOnly || region}, ${Math.ceil(practices.length / 5)} PCNs, ${rows.toLocaleString('en-GB')} rows a list`,
        );
    }
    printTimings('primary-care import, one month-end list (recompute included)', ms);
    for (const [phase, list] of phases) printTimings(`  phase ${phase}`, list);

    const coverage = new CoverageService(db);
    const [{ icb }] = await db.query(
      `select icb_code as icb from organisation where kind = 'practice' and region_code = $1 and close_date is null
       group by 1 order by count(*) desc limit 1`,
      [region],
    );
    const [{ pcn }] = await db.query(`select pcn_code as pcn from practice_pcn order by pcn_code limit 1`);
    const queries: [string, () => Promise<unknown>][] = [
      [
        'drill-down below an ICB (by PROVIDER)',
        () => coverage.coverage(NATIONAL_VIEWER, { icbCodes: [icb] }, ['PROVIDER']),
      ],
      [
        "a PCN's practices (by ORGANISATION)",
        () => coverage.coverage(NATIONAL_VIEWER, { pcnCodes: [pcn] }, ['ORGANISATION']),
      ],
      [
        'job-role matrix, general practice of the region',
        () =>
          coverage.coverage(NATIONAL_VIEWER, { regionCodes: [region], settings: ['general_practice'] }, [
            'JOB_ROLE',
            'STAFF_GROUP',
          ]),
      ],
    ];
    for (const [label, run] of queries) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Uncached: keep only the catalogue (loaded once per data version in the API too).
        const entries: Map<string, unknown> = (coverage.cache as any).entries;
        for (const k of [...entries.keys()]) if (k !== 'catalog') entries.delete(k);
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      printTimings(`query: ${label}`, times);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
