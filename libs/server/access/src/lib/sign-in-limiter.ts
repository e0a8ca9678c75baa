/**
 * Counts failed sign-ins per (email, client address) and per client address in a sliding window. In memory,
 * so each API process counts on its own and a restart forgets: acceptable for one process; put the
 * counters in PostgreSQL or a shared store before running several instances (docs/security.md).
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly perAccount = 5,
    readonly perAddress = 50,
    readonly windowMs = 15 * 60_000,
  ) {}

  /** Minutes until another attempt is allowed, or 0 when sign-in may be tried now. */
  blockedForMinutes(email: string, ip: string, now = Date.now()): number {
    const waits = [
      this.waitMs(accountKey(email, ip), this.perAccount, now),
      this.waitMs(addressKey(ip), this.perAddress, now),
    ];
    return Math.ceil(Math.max(...waits) / 60_000);
  }

  recordFailure(email: string, ip: string, now = Date.now()): void {
    for (const key of [accountKey(email, ip), addressKey(ip)]) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.failures.set(key, recent);
    }
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(email: string, ip: string): void {
    this.failures.delete(accountKey(email, ip));
  }

  private waitMs(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    return recent.length >= limit ? recent[recent.length - limit] + this.windowMs - now : 0;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}

const accountKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;
const addressKey = (ip: string) => `|${ip}`;
