import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type * as OpenIdClient from 'openid-client';
import { AuditService } from './audit.service';

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };

/** OIDC is on when all four settings are present (Entra ID and NHS CIS2 are OIDC providers). */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URI) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: OIDC_REDIRECT_URI,
  };
}

type Pending = { codeVerifier: string; nonce: string; until: number };
const PENDING_MS = 10 * 60_000;

export class OidcSignInError extends Error {}

/**
 * Authorisation-code flow with PKCE, state and nonce through `openid-client` 6. The user must already
 * exist (an admin creates them): the `sub` claim finds them, or on first sign-in a verified `email`
 * claim matching an account not yet linked to any subject. Anyone else is refused.
 *
 * `openid-client` is ESM-only, so it is loaded on first use, not when the module is imported.
 * Pending logins (PKCE verifier and nonce, keyed by state) live in memory for ten minutes.
 */
@Injectable()
export class OidcService {
  private readonly settings = oidcSettings();
  private configuration?: Promise<{ lib: typeof OpenIdClient; config: OpenIdClient.Configuration }>;
  private readonly pending = new Map<string, Pending>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** The identity provider's authorisation URL, and the state to bind to the browser. */
  async startLogin(): Promise<{ url: string; state: string }> {
    const { lib, config } = await this.client();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const state = lib.randomState();
    const nonce = lib.randomNonce();
    this.prunePending();
    this.pending.set(state, { codeVerifier, nonce, until: Date.now() + PENDING_MS });
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: this.settings!.redirectUri,
      scope: 'openid email profile',
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** Validates the callback and returns the `app_user` id it signs in. */
  async finishLogin(query: string, stateFromCookie: string | undefined): Promise<string> {
    const { lib, config } = await this.client();
    const callbackUrl = new URL(this.settings!.redirectUri);
    callbackUrl.search = query;
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (!pending || pending.until < Date.now() || state !== stateFromCookie) {
      throw new OidcSignInError('The sign-in took too long or did not start here. Try again.');
    }
    const tokens = await lib.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new OidcSignInError('The identity provider sent no ID token.');
    return this.userFor(claims.sub, claims.email_verified === false ? undefined : (claims.email as string));
  }

  private async userFor(subject: string, email: string | undefined): Promise<string> {
    const [bySubject] = await this.db.query(
      `select id, disabled_at as "disabledAt" from app_user where oidc_subject = $1`,
      [subject],
    );
    let user = bySubject;
    if (!user && email) {
      // TypeORM returns [rows, affectedCount] for an UPDATE on PostgreSQL.
      const [linked] = await this.db.query(
        `update app_user set oidc_subject = $1 where lower(email) = lower($2) and oidc_subject is null
         returning id, disabled_at as "disabledAt"`,
        [subject, email],
      );
      user = linked[0];
      if (user) await this.audit.record(null, 'user.link_oidc', email.toLowerCase(), {});
    }
    if (!user || user.disabledAt) {
      await this.audit.record(null, 'sign_in.failed', email?.toLowerCase() ?? 'oidc', {
        method: 'oidc',
        reason: user ? 'disabled' : 'not_provisioned',
      });
      throw new OidcSignInError('Your account is not set up for this service. Ask an administrator.');
    }
    return user.id;
  }

  private client() {
    this.configuration ??= (async () => {
      const lib = await import('openid-client');
      const s = this.settings!;
      const issuer = new URL(s.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const config = await lib.discovery(issuer, s.clientId, s.clientSecret, undefined, {
        // Plain HTTP only for an identity provider on this machine (tests, local development).
        execute: loopback && issuer.protocol === 'http:' ? [lib.allowInsecureRequests] : [],
      });
      return { lib, config };
    })();
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }

  private prunePending(): void {
    const now = Date.now();
    for (const [state, p] of this.pending) if (p.until < now) this.pending.delete(state);
  }
}
