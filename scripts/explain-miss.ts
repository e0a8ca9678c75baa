/**
 * `npm run explain:miss`: PostgreSQL's side of a cache miss. Starts the API on the bench database (prepared by
 * bench:queries; nothing generated or migrated), turns the rollup cache off, and answers the slowest dashboard
 * questions through the real services as a national viewer, printing EXPLAIN (ANALYZE, BUFFERS) of every SQL
 * statement they send (each statement is then run again as itself, so the answers are unchanged) and the
 * median execution time of --n repeats. Options: --n 20, --only <part of a question's name> (e.g. department),
 * --plans no.
 */
import './bench-production';
import { DataSource } from 'typeorm';
import { ComparisonService, CoverageService } from '@aiwr/server-coverage';
import { NATIONAL_VIEWER, argValue, percentile, startBenchApp } from './bench-support';
import { DepartmentSample, departmentSample } from './bench-queries';

type Question = [string, (c: CoverageService, k: ComparisonService) => Promise<unknown>];

/** Department questions (answered from person rows, query/department-rows.ts), for one sampled department. */
const departmentQuestions = (d: DepartmentSample): Question[] => [
  [
    `department: ${d.orgCode} by department`,
    (c) => c.coverage(NATIONAL_VIEWER, { orgCodes: [d.orgCode] }, ['DEPARTMENT']),
  ],
  [
    `department: overview of one department of ${d.orgCode}`,
    (c) => c.overview(NATIONAL_VIEWER, { orgCodes: [d.orgCode], departments: [d.department] }),
  ],
  [
    'department: overview of one department, national',
    (c) => c.overview(NATIONAL_VIEWER, { departments: [d.department] }),
  ],
];

const QUESTIONS: Question[] = [
  ['coverage by organisation', (c) => c.coverage(NATIONAL_VIEWER, {}, ['ORGANISATION'])],
  ['coverage by ICB x archetype', (c) => c.coverage(NATIONAL_VIEWER, {}, ['ICB', 'ARCHETYPE'])],
  ['trend', (c) => c.trend(NATIONAL_VIEWER, {}, [])],
  ['funnel distribution', (_c, k) => k.distribution(NATIONAL_VIEWER, {}, 'FOUNDATION')],
];

async function main() {
  const n = Number(argValue('n', '20'));
  const only = argValue('only', '');
  const plans = argValue('plans', 'yes') !== 'no';
  const app = await startBenchApp();
  try {
    const coverage = app.app.get(CoverageService);
    const comparison = app.app.get(ComparisonService);
    coverage.cache.enabled = false;
    const db = coverage.db;
    await coverage.catalog(); // loaded once and kept (reference facts): not part of a miss
    const seen: { sql: string; params: unknown[] }[] = [];
    // Statements are recorded wherever they are sent: DataSource.query, or pg's pool under it.
    const pool = (db.driver as unknown as { master: { query: (...a: unknown[]) => unknown } }).master;
    const poolQuery = pool.query.bind(pool);
    pool.query = (sql: unknown, params?: unknown) => {
      if (typeof sql === 'string') seen.push({ sql, params: (params as unknown[]) ?? [] });
      return poolQuery(sql, params);
    };
    const recording = new Proxy(db, {
      get: (target, prop, receiver) =>
        prop === 'query'
          ? (sql: string, params: unknown[] = []) => {
              seen.push({ sql, params });
              return target.query(sql, params);
            }
          : Reflect.get(target, prop, receiver),
    }) as DataSource;
    (coverage as unknown as { db: DataSource }).db = recording;
    const [{ latest }] = await db.query(`select max(as_at)::text as latest from staff_snapshot`);
    const sample = await departmentSample(db, latest);
    const questions = [...QUESTIONS, ...(sample ? departmentQuestions(sample) : [])];
    for (const [name, ask] of questions.filter(([q]) => q.includes(only))) {
      seen.length = 0;
      await ask(coverage, comparison);
      const statements = [...seen];
      console.log(`\n=== ${name}: ${statements.length} statement(s)`);
      for (const { sql, params } of statements) {
        const ms: number[] = [];
        let plan: string[] = [];
        for (let i = 0; i < n; i++) {
          const rows: { 'QUERY PLAN': string }[] = await db.query(
            `explain (analyze, buffers) ${sql}`,
            params,
          );
          plan = rows.map((r) => r['QUERY PLAN']);
          const exec = plan.find((l) => l.startsWith('Execution Time'));
          ms.push(Number(exec?.match(/[\d.]+/)?.[0] ?? NaN));
        }
        ms.sort((a, b) => a - b);
        console.log(
          `\n${sql.replace(/\s+/g, ' ').slice(0, 160)}...\n  execution p50 ${percentile(ms, 50).toFixed(2)} ms, ` +
            `p95 ${percentile(ms, 95).toFixed(2)} ms over ${n}`,
        );
        if (plans) console.log(plan.map((l) => `  ${l}`).join('\n'));
      }
    }
  } finally {
    await app.app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
