import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, RECOMPUTE, Recompute } from '@aiwr/server-core';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { ImportMode, ImportSummary } from '../import-types';
import { ImportKind } from '../columns';
import { runImport } from '../pipeline';
import { closeAbandonedImports, getImportRecord, listImports } from '../import-records';
import { importProgress } from '../progress';
import { discardUpload, StoredUpload } from './uploads';

export type ImportParameters = {
  kind: string;
  asAt?: string | null;
  orgCode?: string | null;
  mode?: string | null;
};

const MODES: Record<string, ImportMode> = {
  all_or_nothing: 'all_or_nothing',
  validate_only: 'validate_only',
  dry_run: 'validate_only',
  skip_invalid: 'skip_invalid',
};

/** What the HTTP endpoint and the GraphQL resolver share; who may import what and see which record is the AccessPolicy's. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    @Inject(RECOMPUTE) private readonly recompute: Recompute,
  ) {}

  /** Imports left `running` by a process that is gone are stored as `abandoned` when the API starts. */
  async onApplicationBootstrap(): Promise<void> {
    await closeAbandonedImports(this.db).catch((e) => {
      // 42P01: no import_record table, i.e. an unmigrated database (schema:print starts the app on one).
      if (e?.driverError?.code !== '42P01' && e?.code !== '42P01') throw e;
    });
  }

  /**
   * Runs the pipeline on a stored upload. With `wait` false it returns as soon as the import record
   * exists (poll `importProgress` / `importRecord`); the upload is removed when the import ends.
   */
  async run(caller: Caller, upload: StoredUpload, p: ImportParameters, wait = true): Promise<ImportSummary> {
    const kind = this.kind(p.kind);
    const mode = MODES[(p.mode ?? 'all_or_nothing').toLowerCase().replace(/[\s-]/g, '_')];
    if (!mode) throw new BadRequestException('mode must be all_or_nothing, validate_only or skip_invalid.');
    if (p.asAt && !/^\d{4}-\d{2}-\d{2}$/.test(p.asAt))
      throw new BadRequestException('asAt must be YYYY-MM-DD.');
    const allowedOrgCodes = await this.access.importableOrgCodes(caller);
    const orgCode = p.orgCode?.trim().toUpperCase() || null;
    if (orgCode) await this.access.assertMayImportFor(caller, orgCode);
    let started: (id: string) => void = () => undefined;
    const startedId = new Promise<string>((resolve) => (started = resolve));
    const finished = runImport(this.db, {
      kind,
      filePath: upload.path,
      fileName: upload.fileName,
      mode,
      asAt: p.asAt || null,
      orgCode,
      allowedOrgCodes,
      userId: caller.userId,
      recompute: this.recompute,
      onStarted: started,
    })
      .then(async (summary) => {
        await this.audit.record(caller, 'import.run', summary.id, {
          kind,
          mode,
          outcome: summary.outcome,
          orgCodes: summary.orgCodes,
          rows: summary.rowsRead,
        });
        return summary;
      })
      .finally(() => discardUpload(upload));
    if (wait) return finished;
    finished.catch(() => undefined); // recorded as outcome 'failed' on the import record
    // A repeat ends without starting a record of its own: answer with what the pipeline said (the
    // earlier record marked as a repeat), not with the earlier record as stored.
    const first = await Promise.race([
      startedId.then((id) => ({ id })),
      finished.then((summary) => ({ summary })),
    ]);
    if ('summary' in first) return first.summary;
    return (await getImportRecord(this.db, first.id))!;
  }

  /** An import record the caller may see: all its organisations in scope, or one they ran themselves. */
  async visibleRecord(caller: Caller, id: string): Promise<ImportSummary> {
    const record = await getImportRecord(this.db, id);
    if (!record || !(await this.access.canSeeImport(caller, record)))
      throw new NotFoundException('No such import.');
    return record;
  }

  async history(caller: Caller, first: number, after?: string | null) {
    return listImports(this.db, { first, after, visibility: await this.access.importVisibility(caller) });
  }

  async progress(caller: Caller, id: string) {
    await this.visibleRecord(caller, id);
    return importProgress(id);
  }

  private kind(kind: string): ImportKind {
    if (kind !== 'staff' && kind !== 'completions')
      throw new BadRequestException('kind must be staff or completions.');
    return kind;
  }
}
