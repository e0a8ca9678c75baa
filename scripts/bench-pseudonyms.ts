// npm run bench:pseudonyms [-- --rows 1500000 --runs 7]
//
// What keying the assignment number costs the import's write: the same set-based SELECT the import runs
// per assignment (person key from organisation and employee number, then the assignment key from the
// person key and assignment number) against the person key alone, over generated rows, in the database
// the command is pointed at. Prints p50, p95 and spread over the runs; asserts nothing.
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { percentile } from './bench-support';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1500000' }, runs: { type: 'string', default: '7' } },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);

const PERSON_ONLY = `select count(distinct person_key) from (
  select pseudonym_person_key('RJ1', (10000000 + i)::text, $2) as person_key from generate_series(1, $1) i) x`;
const WITH_ASSIGNMENT = `select count(distinct a) from (
  select pseudonym_assignment_key(pseudonym_person_key('RJ1', (10000000 + i)::text, $2), (10000000 + i)::text || '-1', $2) as a
  from generate_series(1, $1) i) x`;

async function time(client: Client, sql: string): Promise<number> {
  const started = performance.now();
  await client.query(sql, [ROWS, 'bench-only-key']);
  return performance.now() - started;
}

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`set max_parallel_workers_per_gather = 0`); // one core, as the import's insert runs
    const results: Record<string, number[]> = { 'person key only': [], 'person + assignment key': [] };
    for (let run = 0; run < RUNS; run++) {
      results['person key only'].push(await time(client, PERSON_ONLY));
      results['person + assignment key'].push(await time(client, WITH_ASSIGNMENT));
    }
    console.log(`${ROWS.toLocaleString('en-GB')} rows, ${RUNS} runs each (ms):`);
    for (const [label, ms] of Object.entries(results)) {
      const sorted = [...ms].sort((a, b) => a - b);
      console.log(
        `  ${label.padEnd(24)} p50 ${percentile(sorted, 50).toFixed(0)}  p95 ${percentile(sorted, 95).toFixed(0)}  ` +
          `spread ${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)}`,
      );
    }
    const p50 = (ms: number[]) =>
      percentile(
        [...ms].sort((a, b) => a - b),
        50,
      );
    const extra = p50(results['person + assignment key']) - p50(results['person key only']);
    console.log(`  assignment key adds ${((extra * 1000) / ROWS).toFixed(2)} µs per row (p50 difference)`);
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
