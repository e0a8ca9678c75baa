import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './access.types';
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
    await this.attachCaller(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const caller = req.aiwrCaller;
    if (!caller) throw new UnauthorizedException('Sign in to continue.');
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

  /** Resolves the session cookie once per HTTP request (a GraphQL request runs the guard per root field). */
  private async attachCaller(req: AccessRequest): Promise<void> {
    if (req.aiwrCaller !== undefined) return;
    const token: string | undefined = req.cookies?.[this.sessions.cookieName];
    const session = token ? await this.sessions.resolve(token) : null;
    req.aiwrCaller = session?.caller ?? null;
    req.aiwrCsrfToken = session?.csrfToken;
  }
}
