import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { AuditService } from './audit.service';
import type { Caller } from './access.types';
import { verifyPassword } from './passwords';
import { NewSession, SessionService } from './session.service';
import { SignInLimiter } from './sign-in-limiter';

const WRONG = 'The email address or password is not right.';

/** Password and OIDC sign-in both end here: a session, its cookie, and an audit entry. */
@Injectable()
export class SignInService {
  readonly limiter = new SignInLimiter();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async withPassword(email: string, password: string, ip: string, res: Response): Promise<NewSession> {
    const key = email.trim().toLowerCase();
    const wait = this.limiter.blockedForMinutes(key, ip);
    if (wait > 0) {
      await this.audit.record(null, 'sign_in.blocked', key, { ip });
      throw new HttpException(
        `Too many failed sign-in attempts. Wait ${wait} minute${wait === 1 ? '' : 's'} and try again.`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const [user] = await this.db.query(
      `select id, password_hash as "passwordHash", disabled_at as "disabledAt" from app_user where lower(email) = $1`,
      [key],
    );
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    if (!passwordOk || user.disabledAt) {
      this.limiter.recordFailure(key, ip);
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
      await this.audit.record(null, 'sign_in.failed', key, { method: 'password', reason, ip });
      throw new UnauthorizedException(WRONG);
    }
    this.limiter.recordSuccess(key, ip);
    return this.startSession(user.id, 'password', ip, res);
  }

  /** Opens a session for a user already identified (password checked, or OIDC tokens validated). */
  async startSession(userId: string, method: string, ip: string, res: Response): Promise<NewSession> {
    const session = await this.sessions.create(userId);
    res.cookie(this.sessions.cookieName, session.token, this.sessions.cookieOptions(session.expiresAt));
    const resolved = await this.sessions.resolve(session.token);
    await this.audit.record(resolved?.caller ?? null, 'sign_in', resolved?.caller.email ?? userId, {
      method,
      ip,
    });
    return session;
  }

  async signOut(caller: Caller, token: string | undefined, res: Response): Promise<void> {
    if (token) await this.sessions.destroy(token);
    res.clearCookie(this.sessions.cookieName, this.sessions.cookieOptions());
    await this.audit.record(caller, 'sign_out', caller.email);
  }
}
