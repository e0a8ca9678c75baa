/**
 * How long a reference-data edit takes end to end (preview, then save with re-evaluation and rollup
 * refresh in one transaction), on whatever workforce DATABASE_URL holds (e.g. `npm run seed:demo`):
 *   npm run bench:mappings [-- --runs 7]
 * Each run maps an area of work found in every trust's current snapshot to one clinical area and back,
 * nationally (every trust re-evaluated) and for one trust (its override), and sets one trust's target.
 * Edits are made by a temporary administrator and undone; the history and audit rows they leave are removed.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CoreModule } from '@aiwr/server-core';
import { AccessModule, Caller } from '@aiwr/server-access';
import {
  MappingsModule,
  MappingsService,
  ReferenceChangeInput,
  ReferenceKindEnum,
} from '@aiwr/server-mappings';

@Module({ imports: [CoreModule, AccessModule, MappingsModule] })
class BenchModule {}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, spread ${s[0].toFixed(0)}-${s[s.length - 1].toFixed(0)} ms (n=${s.length})`;
};

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const db = app.get(DataSource);
  const service = app.get(MappingsService);
  const caller: Caller = {
    userId: randomUUID(),
    email: 'bench@bench.aiwr.local',
    role: 'admin',
    grants: [{ type: 'national', code: '' }],
  };
  try {
    const [facts] = await db.query(`
      with cur as (select distinct on (org_code) org_code, as_at from staff_snapshot order by org_code, as_at desc)
      select (select count(*)::int from cur) as trusts,
             (select count(*)::int from staff_assignment a join cur using (org_code, as_at)) as assignments,
             (select a.area_of_work from staff_assignment a join cur using (org_code, as_at)
              where a.clinical_area_code <> 'unmapped' group by 1 order by count(distinct a.org_code) desc, count(*) desc limit 1) as area,
             (select org_code from cur order by org_code limit 1) as org`);
    const [{ code: original }] = await db.query(
      `select clinical_area_code as code from area_of_work_mapping where org_code is null and area_of_work_key = match_key($1)`,
      [facts.area],
    );
    console.log(
      `[bench] ${facts.trusts} trusts, ${facts.assignments} assignments in current snapshots; area "${facts.area}" (${original}); trust ${facts.org}`,
    );
    const area = (orgCode: string | undefined, code: string): ReferenceChangeInput => ({
      kind: ReferenceKindEnum.AREA_OF_WORK,
      orgCode,
      areaOfWork: facts.area,
      clinicalAreaCode: code,
    });
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const cases: [string, (i: number) => ReferenceChangeInput][] = [
      ['national area mapping', (i) => area(undefined, i % 2 ? original : 'corporate')],
      ['trust area override', (i) => area(facts.org, i % 2 ? original : 'corporate')],
      [
        'trust target',
        (i) => ({
          kind: ReferenceKindEnum.COVERAGE_TARGET,
          orgCode: facts.org,
          layer: 'foundation',
          targetPct: 80 + (i % 2),
        }),
      ],
    ];
    for (const [label, change] of cases) {
      const preview: number[] = [];
      const save: number[] = [];
      // Even number of saves so the data ends as it began.
      for (let i = 0; i < runs * 2; i++) {
        preview.push(await time(() => service.preview(caller, change(i))));
        save.push(await time(() => service.change(caller, change(i), 'benchmark')));
      }
      console.log(`[bench] ${label}: preview ${stats(preview)}; save ${stats(save)}`);
    }
    await service.change(caller, { ...area(facts.org, original), remove: true }, 'benchmark clean-up');
    await service.change(
      caller,
      { kind: ReferenceKindEnum.COVERAGE_TARGET, orgCode: facts.org, layer: 'foundation', remove: true },
      'benchmark clean-up',
    );
    await db.query(`delete from reference_data_change where author = $1`, [caller.email]);
    await db.query(`delete from audit_log where details->>'reason' in ('benchmark', 'benchmark clean-up')`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
