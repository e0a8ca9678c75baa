import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller, Role } from './access.types';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { AccessRequest, httpOf, isStateChanging } from './request-context';
import { SessionService, tokensMatch } from './session.service';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Registered globally: every GraphQL root field and every controller route needs a signed-in session
 * unless marked `@Public()`; mutations and non-GET routes also need the session's CSRF token in the
 * `x-csrf-token` header; `@Roles()` narrows to roles. The caller is attached to the request once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const type = ctx.getType<string>();
    if (type !== 'http' && type !== 'graphql') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const { req } = httpOf(ctx);
    await attachCaller(req, this.sessions);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const caller = req.aiwrCaller;
    if (!caller) throw new UnauthorizedException('Sign in to continue.');
    if (isStateChanging(ctx) && req.aiwrSessionPurpose === 'report_render') {
      throw new ForbiddenException('A report-rendering session is read-only.');
    }
    if (isStateChanging(ctx) && !tokensMatch(req.header(CSRF_HEADER), req.aiwrCsrfToken)) {
      throw new ForbiddenException(
        `Missing or wrong CSRF token: send the ${CSRF_HEADER} header returned by signIn or me.`,
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(caller.role)) {
      throw new ForbiddenException('Your role does not allow this.');
    }
    return true;
  }
}

/**
 * The caller behind the request's session cookie, kept on the request so it is looked up once. Shared
 * by the guard and by anything that must know the caller before the guard runs (the response cache).
 */
export async function attachCaller(req: AccessRequest, sessions: SessionService): Promise<Caller | null> {
  if (req.aiwrCaller !== undefined) return req.aiwrCaller;
  const token: string | undefined = req.cookies?.[sessions.cookieName];
  const session = token ? await sessions.resolve(token) : null;
  req.aiwrCaller = session?.caller ?? null;
  req.aiwrCsrfToken = session?.csrfToken;
  req.aiwrSessionPurpose = session?.purpose ?? null;
  return req.aiwrCaller;
}
