// npm run import -- staff FILE --as-at 2026-09-30 [--org RJ1] [--dry-run] [--skip-invalid]
// npm run import -- completions FILE [--org RJ1] [--dry-run] [--skip-invalid]
// A thin shell over @aiwr/server-ingest: the system imports for every organisation.
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDataSource } from '@aiwr/db';
import { importProgress, ImportMode, ImportSummary, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';

const USAGE = `usage: npm run import -- staff|primary_care|completions FILE [--as-at YYYY-MM-DD] [--org CODE] [--dry-run] [--skip-invalid]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'as-at': { type: 'string' },
      org: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const [kind, file] = positionals;
  if (
    (kind !== 'staff' && kind !== 'completions' && kind !== 'primary_care') ||
    !file ||
    (values['dry-run'] && values['skip-invalid'])
  ) {
    console.error(USAGE);
    return 2;
  }
  const mode: ImportMode = values['dry-run']
    ? 'validate_only'
    : values['skip-invalid']
      ? 'skip_invalid'
      : 'all_or_nothing';
  const ds = await openDataSource();
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {percentage}% | {rows} rows | {phase}', hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let timer: NodeJS.Timeout | undefined;
  const showBar = !values.quiet && process.stderr.isTTY;
  try {
    const summary = await runImport(ds, {
      kind,
      filePath: path.resolve(file),
      fileName: path.basename(file),
      mode,
      asAt: values['as-at'] ?? null,
      orgCode: values.org ?? null,
      allowedOrgCodes: null,
      recompute,
      onStarted: (id) => {
        if (!showBar) return;
        bar.start(100, 0, { rows: 0, phase: 'reading' });
        timer = setInterval(() => {
          const p = importProgress(id);
          if (p) bar.update(p.percent, { rows: p.rowsProcessed.toLocaleString('en-GB'), phase: p.phase });
        }, 200);
      },
    });
    if (timer) clearInterval(timer);
    if (showBar) {
      bar.update(100, { phase: summary.outcome });
      bar.stop();
    }
    print(summary);
    return summary.outcome === 'succeeded' ||
      summary.outcome === 'duplicate' ||
      (summary.outcome === 'validated' && summary.errorCount === 0)
      ? 0
      : 1;
  } finally {
    if (timer) clearInterval(timer);
    await ds.destroy();
  }
}

function print(s: ImportSummary) {
  const n = (v: number) => v.toLocaleString('en-GB');
  console.log(
    `import ${s.id}: ${s.outcome.toUpperCase()} (${s.kind}, ${s.mode.replace(/_/g, ' ')}, ${s.durationMs} ms)`,
  );
  console.log(`  file ${s.fileName}  sha256 ${s.fileSha256}`);
  if (s.asAt) console.log(`  as at ${s.asAt}`);
  if (s.orgCodes.length)
    console.log(
      `  organisations ${s.orgCodes.length <= 10 ? s.orgCodes.join(', ') : `${s.orgCodes.length}`}`,
    );
  console.log(
    `  rows read ${n(s.rowsRead)}, imported ${n(s.rowsImported)}, skipped by rule ${n(s.rowsSkippedByRule)}, rejected ${n(s.rowsRejected)}`,
  );
  for (const w of s.warnings) console.log(`  warning: ${w}`);
  const skipped = (s.summary.skippedCourses as { course: string; rows: number }[] | undefined) ?? [];
  if (skipped.length)
    console.log(
      `  courses not in the catalogue (skipped): ${skipped
        .slice(0, 10)
        .map((c) => `${c.course} (${c.rows})`)
        .join('; ')}`,
    );
  const unmapped = (s.summary.unmappedAreasOfWork as { value: string; rows: number }[] | undefined) ?? [];
  if (unmapped.length)
    console.log(
      `  areas of work with no clinical area (shown as Unmapped): ${unmapped
        .slice(0, 10)
        .map((u) => `${u.value} (${u.rows})`)
        .join('; ')}`,
    );
  if (typeof s.summary.unmatchedPeople === 'number' && s.summary.unmatchedPeople > 0)
    console.log(
      `  completions for ${n(s.summary.unmatchedPeople)} people in no staff snapshot yet (kept; they count once the person appears)`,
    );
  if (s.errorCount) {
    console.log(`  ${n(s.errorCount)} error(s)${s.errorCount > 20 ? ', first 20' : ''}:`);
    for (const e of s.errors.slice(0, 20))
      console.log(
        `    line ${e.line ?? '-'}  ${e.column ?? ''}  ${e.code}: ${e.message}${e.value !== null ? `  [value: ${e.value}]` : ''}`,
      );
  }
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
