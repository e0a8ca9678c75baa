import { Client } from 'pg';
import { ROLLUPS_CHANNEL } from '../rollups/refresh-rollups';

const MAX_ENTRIES = 2000;
/** Safety net: even if a notification were lost, nothing is served from cache for longer than this. */
const MAX_AGE_MS = 60_000;

/**
 * A small per-process cache of rollup reads, keyed by the query and the data version. The version moves
 * when PostgreSQL delivers `NOTIFY coverage_rollups` (sent by refreshRollups, delivered only when the
 * import commits), so a committed import empties the cache for every reader process.
 */
export class RollupCache {
  private version = 0;
  private readonly entries = new Map<string, { at: number; version: number; value: Promise<unknown> }>();
  private listener?: Client;
  private closed = false;
  enabled = process.env.COVERAGE_CACHE !== 'off';

  constructor(private readonly databaseUrl?: string) {}

  /** Starts listening for committed rollup refreshes (without it, the cache stays off). */
  async listen(): Promise<void> {
    if (!this.databaseUrl || this.closed) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', () => this.invalidate());
    client.on('error', () => this.reconnectSoon());
    client.on('end', () => this.reconnectSoon());
    await client.connect();
    await client.query(`listen ${ROLLUPS_CHANNEL}`);
    this.listener = client;
    this.invalidate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }

  /** Moves whenever cached figures may be stale; 0 until listening (nothing may be cached then). */
  get dataVersion(): number {
    return this.listener && this.enabled ? this.version : 0;
  }

  invalidate(): void {
    this.version++;
    this.entries.clear();
  }

  /**
   * The current value for `key`, computing (once, even under concurrency) when absent or stale. `always`
   * caches even when rollup caching is switched off (small reference facts, not rollup reads).
   */
  get<T>(key: string, compute: () => Promise<T>, always = false): Promise<T> {
    if (!(this.enabled || always) || !this.listener) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === this.version && now - hit.at < MAX_AGE_MS) return hit.value as Promise<T>;
    const version = this.version;
    const value = compute();
    this.entries.set(key, { at: now, version, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  private reconnecting = false;
  private reconnectSoon() {
    if (this.closed || this.reconnecting) return;
    this.reconnecting = true;
    this.listener = undefined;
    this.invalidate();
    setTimeout(() => {
      this.reconnecting = false;
      void this.listen().catch(() => this.reconnectSoon());
    }, 1000).unref();
  }
}
