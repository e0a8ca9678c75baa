import type { Recompute } from '@aiwr/server-core';
import type { ImportKind } from './columns';

export type ImportMode = 'all_or_nothing' | 'validate_only' | 'skip_invalid';
export type ImportOutcome =
  | 'running'
  | 'succeeded'
  | 'validated'
  | 'rejected'
  | 'failed'
  | 'duplicate'
  /** its process or connection ended before it finished; nothing it did was kept */
  | 'abandoned';

/** One entry of the error report. `value` is cut to 80 characters and never holds personal data. */
export type ImportErrorEntry = {
  /** physical line (header = line 1) or, for XLSX, the sheet row; null for whole-file errors */
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
};

export type ImportRequest = {
  kind: ImportKind;
  filePath: string;
  /** the name the trust gave the file (recorded, never trusted for the format) */
  fileName: string;
  mode?: ImportMode;
  /** staff: the as-at date when the file has no As At Date column (YYYY-MM-DD) */
  asAt?: string | null;
  /** the organisation when the file has no Organisation Code column */
  orgCode?: string | null;
  /** organisations the caller may import for; null = all (system, admin) */
  allowedOrgCodes: string[] | null;
  /** app_user id, null for the CLI/system */
  userId?: string | null;
  /** defaults to loadConfig().pseudonymisationKey */
  pseudonymisationKey?: string;
  /** lets the caller follow progress (the id is known before the work starts) */
  onStarted?: (importId: string) => void;
  /**
   * The port through which the import reports what it wrote, so archetypes, needs and rollups are
   * recomputed in the import transaction (@aiwr/server-coverage `recompute`, wired by the caller).
   * null only in the benchmark that times the pipeline without the recompute.
   */
  recompute: Recompute | null;
  /** the national benchmark measures phases; nothing else needs this */
  onPhase?: (phase: string, ms: number) => void;
};

export type ImportSummary = {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  outcome: ImportOutcome;
  fileName: string;
  fileSha256: string;
  orgCodes: string[];
  asAt: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsSkippedByRule: number;
  rowsRejected: number;
  errorCount: number;
  errors: ImportErrorEntry[];
  warnings: string[];
  summary: Record<string, unknown>;
  durationMs: number;
  createdBy: string | null;
  createdAt: string;
};

export type ImportProgress = {
  importId: string;
  phase: string;
  rowsProcessed: number;
  bytesRead: number;
  totalBytes: number;
  percent: number;
  done: boolean;
};

/** A problem with the file as a whole: nothing can be read from it. */
export class FileRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
  }
}

export const MAX_ERRORS_KEPT = 1000;
export const MAX_VALUE_IN_REPORT = 80;
/** Longest cell accepted; anything longer is almost certainly a broken export, not a job title. */
export const MAX_CELL_LENGTH = 1000;
export const MAX_EMPLOYEE_NUMBER_LENGTH = 64;
