import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import crypto from 'node:crypto';
import type { CookieOptions } from 'express';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import type { Caller, Role, ScopeGrant } from './access.types';

/** How long a session lasts from sign-in (absolute; no sliding renewal). */
export const SESSION_HOURS = 8;
/** How long a checked session is trusted in memory before PostgreSQL is asked again. */
const CACHE_MS = 10_000;
const CACHE_MAX = 10_000;

/** What a session may be used for: null for a sign-in; `report_render` for rendering one report pack. */
export type SessionPurpose = 'report_render' | null;
export type ResolvedSession = {
  caller: Caller;
  csrfToken: string;
  expiresAt: Date;
  purpose: SessionPurpose;
};
export type NewSession = { token: string; csrfToken: string; expiresAt: Date };

/**
 * Server-side sessions in `user_session`. The browser holds a random token in an HTTP-only cookie; the
 * table holds only its SHA-256, so a copy of the database cannot be replayed as live sessions. Each
 * session has its own CSRF token, which clients echo in the `x-csrf-token` header on mutations.
 *
 * Checked sessions are cached in memory for a few seconds so a busy dashboard does not cost a database
 * round trip per request; sign-out and user changes drop the cache entry at once in this process.
 */
@Injectable()
export class SessionService {
  private readonly cache = new Map<string, { value: ResolvedSession; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `__Host-` cookies must be Secure, so the prefix is used only where the cookie is Secure. */
  get cookieName(): string {
    return this.config.production ? '__Host-aiwr_session' : 'aiwr_session';
  }

  cookieOptions(expiresAt?: Date): CookieOptions {
    return {
      httpOnly: true,
      secure: this.config.production,
      sameSite: 'lax',
      path: '/',
      ...(expiresAt ? { expires: expiresAt } : {}),
    };
  }

  async create(userId: string): Promise<NewSession> {
    return this.insert(userId, SESSION_HOURS * 3600_000, null);
  }

  /**
   * A session for the report worker to open a recipient's report pack in headless Chromium, so the pack
   * shows exactly what the recipient would see signed in. Read-only (the guard refuses anything
   * state-changing) and short-lived; the worker destroys it as soon as the pack is rendered.
   */
  async createForRendering(userId: string, minutes = 5): Promise<NewSession> {
    return this.insert(userId, minutes * 60_000, 'report_render');
  }

  private async insert(userId: string, lifetimeMs: number, purpose: SessionPurpose): Promise<NewSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + lifetimeMs);
    await this.db.query(`delete from user_session where expires_at < now()`);
    await this.db.query(
      `insert into user_session (id, user_id, csrf_token, expires_at, purpose) values ($1, $2, $3, $4, $5)`,
      [hashToken(token), userId, csrfToken, expiresAt, purpose],
    );
    return { token, csrfToken, expiresAt };
  }

  /** The caller behind a session token, or null if it is unknown, expired or the user is disabled. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const id = hashToken(token);
    const hit = this.cache.get(id);
    const now = Date.now();
    if (hit && hit.until > now && hit.value.expiresAt.getTime() > now) return hit.value;
    this.cache.delete(id);
    const [row] = await this.db.query(
      `select u.id, u.email, u.role, s.csrf_token as "csrfToken", s.expires_at as "expiresAt", s.purpose,
              coalesce((select json_agg(json_build_object('type', sc.scope_type, 'code', sc.scope_code)
                                        order by sc.scope_type, sc.scope_code)
                        from user_scope sc where sc.user_id = u.id), '[]') as grants
       from user_session s join app_user u on u.id = s.user_id
       where s.id = $1 and s.expires_at > now() and u.disabled_at is null`,
      [id],
    );
    if (!row) return null;
    const value: ResolvedSession = {
      caller: {
        userId: row.id,
        email: row.email,
        role: row.role as Role,
        grants: row.grants as ScopeGrant[],
      },
      csrfToken: row.csrfToken,
      expiresAt: new Date(row.expiresAt),
      purpose: row.purpose ?? null,
    };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(id, { value, until: now + CACHE_MS });
    return value;
  }

  async destroy(token: string): Promise<void> {
    const id = hashToken(token);
    this.cache.delete(id);
    await this.db.query(`delete from user_session where id = $1`, [id]);
  }

  /** Ends every session of a user (on disable, and when their role or scopes change). */
  async destroyAllFor(userId: string): Promise<void> {
    for (const [id, entry] of this.cache) if (entry.value.caller.userId === userId) this.cache.delete(id);
    await this.db.query(`delete from user_session where user_id = $1`, [userId]);
  }
}

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two tokens. */
export function tokensMatch(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
