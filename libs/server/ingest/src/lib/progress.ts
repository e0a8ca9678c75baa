import { ImportProgress } from './import-types';

/**
 * Progress of running imports, kept in memory per import id (the dashboard polls `importProgress`).
 * Finished entries stay for a few minutes so a last poll still sees 100%.
 */
const running = new Map<string, ImportProgress>();
const KEEP_FINISHED_MS = 10 * 60 * 1000;

export function startProgress(importId: string, totalBytes: number): ImportProgress {
  const p: ImportProgress = {
    importId,
    phase: 'reading',
    rowsProcessed: 0,
    bytesRead: 0,
    totalBytes,
    percent: 0,
    done: false,
  };
  running.set(importId, p);
  return p;
}

export function updateProgress(p: ImportProgress, change: Partial<ImportProgress>): void {
  Object.assign(p, change);
  if (p.totalBytes > 0) p.percent = Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 1000) / 10);
}

export function finishProgress(p: ImportProgress, phase: string): void {
  Object.assign(p, { phase, done: true, percent: 100, bytesRead: p.totalBytes });
  setTimeout(() => running.delete(p.importId), KEEP_FINISHED_MS).unref();
}

export function importProgress(importId: string): ImportProgress | null {
  return running.get(importId) ?? null;
}
