import { UnauthorizedException } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Response } from 'express';
import { CurrentUserType } from './access.graphql-types';
import type { Caller } from './access.types';
import { CurrentCaller, Public } from './decorators';
import type { AccessRequest } from './request-context';
import { OidcService } from './oidc.service';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { UsersService } from './users.service';

type HttpContext = { req: AccessRequest; res: Response };

@Resolver()
export class AuthResolver {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly oidc: OidcService,
  ) {}

  @Public()
  @Mutation(() => CurrentUserType, {
    description: 'Signs in with email and password; sets the session cookie and returns the CSRF token.',
  })
  async signIn(
    @Args('email') email: string,
    @Args('password') password: string,
    @Context() { req, res }: HttpContext,
  ): Promise<CurrentUserType> {
    const session = await this.signIns.withPassword(email, password, clientAddress(req), res);
    const user = await this.currentUser(session.token);
    if (!user) throw new UnauthorizedException('The session could not be started. Try again.');
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends the session and clears its cookie.' })
  async signOut(@CurrentCaller() caller: Caller, @Context() { req, res }: HttpContext): Promise<boolean> {
    await this.signIns.signOut(caller, req.cookies?.[this.sessions.cookieName], res);
    return true;
  }

  @Public()
  @Query(() => CurrentUserType, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Context() { req }: HttpContext): Promise<CurrentUserType | null> {
    const token: string | undefined = req.cookies?.[this.sessions.cookieName];
    return token ? this.currentUser(token) : null;
  }

  @Public()
  @Query(() => Boolean, {
    description: 'Whether "sign in with your organisation account" (OIDC) is offered.',
  })
  oidcSignInEnabled(): boolean {
    return this.oidc.enabled;
  }

  private async currentUser(token: string): Promise<CurrentUserType | null> {
    const session = await this.sessions.resolve(token);
    if (!session) return null;
    const user = await this.users.get(session.caller.userId);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      grants: user.grants,
      csrfToken: session.csrfToken,
      sessionExpiresAt: session.expiresAt.toISOString(),
    };
  }
}

/** The client address Express reports (set `trust proxy` when behind a reverse proxy). */
export function clientAddress(req: AccessRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
