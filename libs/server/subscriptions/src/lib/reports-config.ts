/** How report packs are sent, from the environment (docs/deploying.md "Report packs by email"). */
export type ReportsConfig = {
  /** Whether this process runs the queue's workers and schedule: REPORTS_WORKER=on/off; by default when SMTP_URL is set. */
  worker: boolean;
  /** nodemailer transport URL, e.g. smtp://user:pass@mail.example.nhs.uk:587; unset = no mail is sent. */
  smtpUrl?: string;
  from: string;
  /** Base of the links in emails (the dashboard as users reach it); defaults to this process. */
  publicUrl?: string;
  /** Where this process's Chromium opens the print view; defaults to this process on loopback. */
  renderUrl?: string;
  chromiumPath: string;
  /** A pack larger than this (PDF + XLSX) is linked, not attached. */
  attachMaxBytes: number;
  linkDays: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** When the planner looks for due packs (cron, UTC). */
  planCron: string;
};

export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');

const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));

export function loadReportsConfig(env: NodeJS.ProcessEnv = process.env): ReportsConfig {
  return {
    worker: env.REPORTS_WORKER ? env.REPORTS_WORKER !== 'off' : Boolean(env.SMTP_URL),
    smtpUrl: env.SMTP_URL || undefined,
    from: env.REPORTS_FROM ?? 'AI Workforce Readiness <reports@aiwr.invalid>',
    publicUrl: env.PUBLIC_URL || undefined,
    renderUrl: env.REPORTS_RENDER_URL || undefined,
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    attachMaxBytes: num(env.REPORTS_ATTACH_MAX_BYTES, 5_000_000),
    linkDays: num(env.REPORTS_LINK_DAYS, 14),
    retryLimit: num(env.REPORTS_RETRY_LIMIT, 4),
    retryDelaySeconds: num(env.REPORTS_RETRY_DELAY_SECONDS, 60),
    planCron: env.REPORTS_PLAN_CRON ?? '*/5 * * * *',
  };
}
