import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { loadConfig } from '@aiwr/server-core';
import { lockOrganisations, readReferenceYaml } from '@aiwr/db';
import { ImportKind, mapHeaders, columnsFor, HeaderMapping } from './columns';
import { examineFile, FileFacts } from './detect';
import {
  FileRejected,
  ImportErrorEntry,
  ImportMode,
  ImportRequest,
  ImportSummary,
  MAX_VALUE_IN_REPORT,
} from './import-types';
import { CsvLayout, csvRows, progressCounter, readCsvHeader, readXlsx, SourceRow } from './read-file';
import { copyCsvWithPostgres, copyRows, createStage, stageColumn } from './staging';
import {
  buildRows,
  buildValueMaps,
  collectDuplicateAssignments,
  collectRowErrors,
  countValidRows,
  errorReport,
  numberLinesFromRecords,
  StageShape,
} from './set-based-sql';
import { DuplicateRows, swapStaffSnapshot, upsertCompletions, organisationsWithKeptCourses } from './swap';
import { applyTrustAreaOverrides } from './mapping/area-mappings';
import { rebuildEquivalentCompletions } from './mapping/equivalences';
import { finishProgress, startProgress, updateProgress } from './progress';
import {
  closeAbandonedImports,
  createImportRecord,
  findEarlierImport,
  finishImportRecord,
  holdRecordLock,
  lockRepeatsOf,
  Queryable,
} from './import-records';
import {
  collectPcnConflicts,
  createPrimaryCareOrganisations,
  recordPracticePcn,
} from './primary-care/primary-care-sql';

type Outcome = ImportSummary['outcome'];

/**
 * The one import pipeline behind the CLI, the upload endpoint and the GraphQL mutation:
 * examine (format, encoding, SHA-256) → map headers → stage rows with COPY → validate and map
 * set-based in SQL → pseudonymise (HMAC-SHA256 in SQL) → swap into place and recompute, all in one
 * transaction. The import_record row is written outside that transaction, so failed attempts are
 * recorded too.
 */
export async function runImport(ds: DataSource, req: ImportRequest): Promise<ImportSummary> {
  const started = Date.now();
  const mode: ImportMode = req.mode ?? 'all_or_nothing';
  const asAtParam = req.asAt ? normaliseIsoDate(req.asAt) : null;
  const orgParam = req.orgCode ? req.orgCode.trim().toUpperCase() : null;
  const parameters = { asAt: asAtParam, orgCode: orgParam, mode };
  await closeAbandonedImports(ds);

  let facts: FileFacts | null = null;
  let earlyRejection: FileRejected | null = null;
  try {
    facts = await examineFile(req.filePath);
  } catch (e) {
    if (!(e instanceof FileRejected)) throw e;
    earlyRejection = e;
  }
  const sha256 = facts?.sha256 ?? (await sha256Of(req.filePath));

  const queryRunner = ds.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  let id: string | null = null;
  let progress: ReturnType<typeof startProgress> | null = null;
  // Writes the record's final state: inside the import transaction when it commits (data and record
  // land together, so a repeat waiting on the lock below sees "succeeded"), afterwards otherwise.
  const finish = async (
    outcome: Outcome,
    r: Partial<ImportSummary> & { summary?: Record<string, unknown> },
    q: Queryable = ds,
  ) => {
    finishProgress(progress!, outcome);
    return finishImportRecord(q, id!, {
      ...r,
      outcome,
      durationMs: Date.now() - started,
      summary: { parameters, ...(r.summary ?? {}) },
    });
  };
  const rejectFile = (e: FileRejected) => {
    const errors = fileErrors(e);
    return finish('rejected', { errors, errorCount: errors.length });
  };
  try {
    // Room for the staging tables in memory (8 MB by default). Only possible before this connection
    // first uses a temporary table; later imports on the same pooled connection keep the setting.
    await client.query(`set temp_buffers = '256MB'`).catch(() => undefined);
    await queryRunner.startTransaction();
    await client.query(
      // Whole-file aggregates and the sorted insert stay in memory instead of spilling to disk.
      `set local work_mem = '256MB';
       -- A client that dies mid-statement is noticed within a second, not when the statement ends:
       -- the backend stops, rolls back and releases the organisation locks.
       set local client_connection_check_interval = '1s';
       -- A client that hangs (alive, silent) between statements cannot hold the locks for ever.
       set local idle_in_transaction_session_timeout = '2min'`,
    );
    if (!earlyRejection && mode !== 'validate_only') {
      // The repeat check runs under the lock that serialises identical imports, so of two concurrent
      // uploads of one file the second waits and then answers with the first one's record.
      await lockRepeatsOf(client, { kind: req.kind, sha256, asAt: asAtParam, orgCode: orgParam, mode });
      const earlier = await findEarlierImport(ds, {
        kind: req.kind,
        sha256,
        asAt: asAtParam,
        orgCode: orgParam,
        mode,
      });
      if (earlier) {
        await queryRunner.rollbackTransaction();
        return repeatOf(earlier);
      }
    }
    id = randomUUID();
    await holdRecordLock(client, id);
    await createImportRecord(ds, {
      id,
      kind: req.kind,
      mode,
      fileName: req.fileName,
      sha256,
      asAt: asAtParam,
      orgCodes: orgParam ? [orgParam] : [],
      userId: req.userId ?? null,
      parameters,
    });
    progress = startProgress(id, facts?.size ?? 0);
    req.onStarted?.(id);
    // Every other ending is recorded (autocommit, on another connection) while this transaction still
    // holds the record's lock, then rolled back: the record never looks abandoned in between.
    if (earlyRejection) return await rejectFile(earlyRejection);

    const result = await stageValidateAndWrite(queryRunner, client, req, facts!, {
      id,
      mode,
      asAtParam,
      orgParam,
      progress: (change) => updateProgress(progress!, change),
      phase: (name, ms) => req.onPhase?.(name, ms),
    });
    if (!result.commit) return await finish(result.outcome, result.record);
    const summary = await finish(result.outcome, result.record, queryRunner.manager);
    await queryRunner.commitTransaction();
    return summary;
  } catch (e) {
    if (!id) throw e;
    if (e instanceof FileRejected) return await rejectFile(e);
    await finish('failed', {
      errors: [
        {
          line: null,
          column: null,
          value: null,
          code: 'IMPORT_FAILED',
          // Never the error's own text: database messages can quote the row values they choke on.
          message: `The import failed unexpectedly; nothing was changed. (${describeFailure(e)})`,
        },
      ],
      errorCount: 1,
    });
    throw e;
  } finally {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
    await queryRunner.release();
  }
}

/** A repeat records nothing of its own: the caller gets the earlier import's record, marked as a repeat. */
function repeatOf(earlier: ImportSummary): ImportSummary {
  return {
    ...earlier,
    outcome: 'duplicate',
    warnings: [
      `This file was already imported on ${earlier.createdAt} with the same settings (import ${earlier.id}); nothing was changed.`,
    ],
    summary: { ...earlier.summary, duplicateOf: earlier.id },
  };
}

type StageContext = {
  id: string;
  mode: ImportMode;
  asAtParam: string | null;
  orgParam: string | null;
  progress: (change: { phase?: string; bytesRead?: number; rowsProcessed?: number }) => void;
  phase: (name: string, ms: number) => void;
};

type StageResult = {
  commit: boolean;
  outcome: Outcome;
  record: Partial<ImportSummary> & { summary?: Record<string, unknown> };
};

async function stageValidateAndWrite(
  queryRunner: QueryRunner,
  client: PoolClient,
  req: ImportRequest,
  facts: FileFacts,
  ctx: StageContext,
): Promise<StageResult> {
  const warnings: string[] = [];
  let t = Date.now();
  const lap = (name: string) => {
    const now = Date.now();
    ctx.phase(name, now - t);
    t = now;
  };
  const counter = () =>
    progressCounter((bytes, lines) =>
      ctx.progress({ bytesRead: bytes, rowsProcessed: Math.max(0, lines - 1) }),
    );

  // --- read the header and stage the rows -------------------------------------------------------
  let headers: string[];
  let rows: AsyncIterable<SourceRow> | null = null;
  let fastCsv: CsvLayout | null = null;
  // Filled while the worksheet streams (a second sheet is only seen at the end of the first).
  let sheetWarnings: string[] = [];
  if (facts.format === 'xlsx') {
    const sheet = await readXlsx(req.filePath, counter());
    headers = sheet.headers;
    rows = sheet.rows;
    sheetWarnings = sheet.warnings;
  } else {
    const layout = await readCsvHeader(req.filePath, facts, req.fileName);
    headers = layout.headers;
    fastCsv = layout;
    if (facts.encoding === 'windows-1252')
      warnings.push(
        'The file is not UTF-8; it was read as Windows-1252 (the usual encoding of ESR exports).',
      );
  }
  const mapping = mapHeaders(req.kind, headers);
  checkHeader(req.kind, mapping, headers, { asAtParam: ctx.asAtParam, orgParam: ctx.orgParam }, warnings);

  const shape: StageShape = { kind: req.kind, positions: mapping.positions, headerCount: headers.length };
  const drop = new Set(mapping.personal.map((p) => p.position));
  await createStage(client, headers.length);
  ctx.progress({ phase: 'loading' });
  let path = 'careful';
  let rowsRead = 0;
  if (fastCsv) {
    // PostgreSQL may parse the file itself only when nothing must be dropped first and the header is line 1.
    let fast = false;
    if (drop.size === 0 && fastCsv.headerLine === 1) {
      let linesSeen = 0;
      const c = progressCounter((bytes, lines) => {
        linesSeen = lines;
        ctx.progress({ bytesRead: bytes, rowsProcessed: Math.max(0, lines - 1) });
      });
      const copied = await copyCsvWithPostgres(
        client,
        req.filePath,
        fastCsv,
        facts.encoding,
        headers.length,
        c,
      );
      if (copied.ok) {
        fast = true;
        path = 'postgres-copy';
        rowsRead = copied.rows;
        await numberLinesFromRecords(client, shape, linesSeen, rowsRead);
      }
    }
    if (!fast) rows = csvRows(req.filePath, facts, fastCsv, counter());
  }
  if (rows) {
    let n = 0;
    rowsRead = await copyRows(
      client,
      rows,
      headers.length,
      drop,
      () => {
        if (++n % 5000 === 0) ctx.progress({ rowsProcessed: n });
      },
      facts.format === 'csv',
    );
  }
  warnings.push(...sheetWarnings);
  lap('stage');

  // --- validate and map --------------------------------------------------------------------------
  ctx.progress({ phase: 'validating' });
  if (rowsRead === 0) throw new FileRejected('NO_DATA_ROWS', 'The file has a header but no data rows.', null);

  const asAt = req.kind !== 'completions' ? (ctx.asAtParam ?? (await asAtFromColumn(client, mapping))) : null;
  const createdOrganisations =
    req.kind === 'primary_care'
      ? await createPrimaryCareOrganisations(client, shape, { orgParam: ctx.orgParam, asAt: asAt! })
      : [];
  await buildValueMaps(client, shape, payBandAliases());
  lap('validate:values');
  await buildRows(client, shape, { orgParam: ctx.orgParam, allowedOrgs: req.allowedOrgCodes, asAt });
  lap('validate:rows');
  await collectRowErrors(client, req.kind);
  if (req.kind === 'primary_care') await collectPcnConflicts(client);
  // Duplicate (organisation, employee, assignment) rows: a dry run looks for them (one large
  // aggregate); a real import lets the primary key find them during the insert and only then
  // works out which lines they are, so a clean national file does not pay for the search.
  if (req.kind !== 'completions' && ctx.mode === 'validate_only')
    await collectDuplicateAssignments(client, req.kind);
  lap('validate:errors');
  const detail = {
    ...(await valueSummary(client, req.kind)),
    ...(req.kind === 'primary_care' ? { createdOrganisations } : {}),
  };
  const key = req.pseudonymisationKey ?? loadConfig().pseudonymisationKey;

  for (let attempt = 1; ; attempt++) {
    const report = await errorReport(client);
    const counts = await countValidRows(client);
    lap('validate:counts');
    const orgCodes = counts.orgCodes;
    const base = {
      asAt,
      // Until something is written, the record names the known organisations the file mentions, so the
      // people responsible for them can see why it was rejected.
      orgCodes: orgCodes.length ? orgCodes : await organisationsNamed(client),
      rowsRead,
      rowsSkippedByRule: counts.skipped,
      rowsRejected: report.rejectedRows,
      errorCount: report.total,
      errors: report.first,
      warnings,
      summary: { path, ...detail },
    };
    if (ctx.mode === 'validate_only')
      return {
        commit: false,
        outcome: 'validated',
        record: { ...base, rowsImported: 0, summary: { ...base.summary, wouldImport: counts.valid } },
      };
    if (report.total > 0 && ctx.mode === 'all_or_nothing')
      return { commit: false, outcome: 'rejected', record: { ...base, rowsImported: 0 } };
    const keptOrgs = req.kind === 'completions' ? await organisationsWithKeptCourses(client) : [];
    if (counts.valid === 0 && keptOrgs.length === 0)
      return {
        commit: false,
        outcome: report.total > 0 ? 'rejected' : 'succeeded',
        record: {
          ...base,
          rowsImported: 0,
          warnings: [...warnings, 'No rows to import: every row was skipped.'],
        },
      };

    // --- write, in the same transaction -------------------------------------------------------------
    ctx.progress({ phase: 'writing' });
    const writtenOrgs = [...new Set([...orgCodes, ...keptOrgs])].sort();
    await lockOrganisations(client, writtenOrgs);
    let written: Record<string, unknown>;
    if (req.kind !== 'completions') {
      const primaryCare = req.kind === 'primary_care';
      try {
        written = await swapStaffSnapshot(client, {
          importId: ctx.id,
          asAt: asAt!,
          orgCodes,
          key,
          primaryCare,
        });
      } catch (e) {
        if (!(e instanceof DuplicateRows) || attempt > 1) throw e;
        await collectDuplicateAssignments(client, req.kind);
        continue;
      }
      if (primaryCare)
        written.practicePcn = await recordPracticePcn(client, { importId: ctx.id, asAt: asAt! });
      lap('write');
      ctx.progress({ phase: 'recomputing' });
      const snapshots = orgCodes.map((orgCode) => ({ orgCode, asAt: asAt! }));
      // A trust's own area-of-work overrides (the rows were mapped by the national mapping only).
      await applyTrustAreaOverrides(queryRunner.manager, snapshots);
      // What was written goes to the recompute port (derived data, same transaction).
      await req.recompute?.(queryRunner.manager, { snapshots });
    } else {
      written = await upsertCompletions(client, { importId: ctx.id, orgCodes: writtenOrgs, key });
      lap('write');
      ctx.progress({ phase: 'recomputing' });
      // Kept completions of courses outside the catalogue count when an equivalence names them.
      await rebuildEquivalentCompletions(queryRunner.manager, writtenOrgs);
      await req.recompute?.(queryRunner.manager, { completionsOf: writtenOrgs });
    }
    lap('recompute');
    return {
      commit: true,
      outcome: 'succeeded',
      record: { ...base, rowsImported: counts.valid, summary: { ...base.summary, ...written } },
    };
  }
}

function checkHeader(
  kind: ImportKind,
  mapping: HeaderMapping,
  headers: string[],
  params: { asAtParam: string | null; orgParam: string | null },
  warnings: string[],
): void {
  const problems: FileRejected[] = [];
  for (const c of columnsFor(kind)) {
    if (c.required && !mapping.positions.has(c.key))
      problems.push(
        new FileRejected(
          'MISSING_COLUMN',
          `The required column "${c.label}" is missing (accepted names: ${[c.label, ...c.aliases].join(', ')}).`,
          1,
          c.label,
        ),
      );
  }
  if (!mapping.positions.has('org_code') && !params.orgParam)
    problems.push(
      new FileRejected(
        'MISSING_COLUMN',
        'The file has no "Organisation Code" column; add one or choose the organisation when importing.',
        1,
        'Organisation Code',
      ),
    );
  if (kind === 'primary_care' && !mapping.positions.has('fte') && !mapping.positions.has('hours'))
    problems.push(
      new FileRejected(
        'MISSING_COLUMN',
        'The required column "FTE" is missing: give FTE (accepted names: FTE, WTE, Whole Time Equivalent) or "Contracted Hours" (37.5 hours = 1.0 FTE).',
        1,
        'FTE',
      ),
    );
  if (kind !== 'completions' && !mapping.positions.has('as_at_date') && !params.asAtParam)
    problems.push(
      new FileRejected(
        'AS_AT_DATE_MISSING',
        'A staff list needs its as-at date: give it when importing (e.g. --as-at 2026-09-30) or as an "As At Date" column.',
        null,
        null,
      ),
    );
  for (const d of mapping.duplicated)
    problems.push(
      new FileRejected(
        'DUPLICATE_COLUMN',
        `Two columns mean "${d.key}" ("${d.header}" is the second); keep one.`,
        1,
        d.header,
      ),
    );
  if (problems.length) throw new HeaderRejected(problems, headers);
  for (const p of mapping.personal)
    warnings.push(
      `Column "${p.header}" looks like personal data (${p.what}); it was dropped before anything was stored and is never shown.`,
    );
  if (mapping.unknown.length)
    warnings.push(
      `Columns not used (ignored): ${mapping.unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}.`,
    );
}

/** Several header problems reported together. */
export class HeaderRejected extends FileRejected {
  constructor(
    readonly problems: FileRejected[],
    readonly headers: string[],
  ) {
    super(problems[0].code, problems[0].message, problems[0].line, problems[0].column);
  }
}

function fileError(e: FileRejected): ImportErrorEntry {
  return { line: e.line, column: e.column, value: null, code: e.code, message: e.message };
}

export function fileErrors(e: FileRejected): ImportErrorEntry[] {
  return e instanceof HeaderRejected ? e.problems.map(fileError) : [fileError(e)];
}

async function asAtFromColumn(client: PoolClient, mapping: HeaderMapping): Promise<string> {
  const p = mapping.positions.get('as_at_date')!;
  const { rows } = await client.query(
    `select to_char(d, 'YYYY-MM-DD') as d from (select ingest_parse_date(nullif(btrim(${stageColumn(p)}), '')) as d from ingest_stage) x
     where d is not null group by d order by count(*) desc, d limit 1`,
  );
  if (!rows.length)
    throw new FileRejected(
      'AS_AT_DATE_MISSING',
      'The "As At Date" column has no valid date; give the as-at date when importing.',
      null,
      'As At Date',
    );
  return rows[0].d;
}

async function organisationsNamed(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query(
    `select distinct org_found from ingest_row where org_found is not null order by org_found limit 500`,
  );
  return rows.map((r) => r.org_found);
}

/** What the summary tells a trust beyond the counts: unmapped areas of work, courses skipped by name. */
async function valueSummary(client: PoolClient, kind: ImportKind): Promise<Record<string, unknown>> {
  if (kind === 'staff') {
    const { rows } = await client.query(
      `select left(raw, ${MAX_VALUE_IN_REPORT}) as value, rows from ingest_value where col = 'area_of_work' and mapped = 'unmapped' order by rows desc limit 50`,
    );
    return { unmappedAreasOfWork: rows };
  }
  if (kind === 'primary_care') {
    // Counted in the PCN, not in a practice (docs/importing.md): say how many, so the totals add up.
    const { rows } = await client.query(
      `select count(*) filter (where employed_by_pcn_value and org_code is distinct from file_org)::int as n from ingest_row where ok`,
    );
    return { employedByPcn: rows[0].n };
  }
  const { rows } = await client.query(
    `select left(raw, ${MAX_VALUE_IN_REPORT}) as course, rows from ingest_value where col = 'course' and mapped is null order by rows desc limit 100`,
  );
  return { skippedCourses: rows };
}

/** The class and SQLSTATE of an unexpected failure: enough to look it up, nothing from the file. */
function describeFailure(e: unknown): string {
  const err = e as { name?: string; code?: unknown } | null;
  const code = typeof err?.code === 'string' ? ` ${err.code}` : '';
  return `${err?.name ?? 'Error'}${code}`;
}

let payBandAliasCache: unknown = null;
function payBandAliases(): unknown {
  payBandAliasCache ??= readReferenceYaml<{ code: string; aliases?: string[] }[]>('pay-bands.yaml').map(
    (b) => ({
      code: b.code,
      aliases: b.aliases ?? [],
    }),
  );
  return payBandAliasCache;
}

function normaliseIsoDate(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  const d = m ? new Date(`${v.trim()}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v.trim())
    throw new RangeError(`The as-at date must be a date in YYYY-MM-DD form (got "${v.slice(0, 20)}").`);
  return v.trim();
}

async function sha256Of(filePath: string): Promise<string> {
  const crypto = await import('node:crypto');
  const fs = await import('node:fs');
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
