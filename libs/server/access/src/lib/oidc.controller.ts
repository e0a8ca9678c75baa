import { Controller, Get, Logger, NotFoundException, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from './decorators';
import { clientAddress } from './auth.resolver';
import { OidcService, OidcSignInError } from './oidc.service';
import type { AccessRequest } from './request-context';
import { SignInService } from './sign-in.service';

const STATE_COOKIE = 'aiwr_oidc_state';

/** Browser redirects for OIDC sign-in: `/api/auth/oidc/login` → identity provider → `/callback`. */
@Public()
@Controller('api/auth/oidc')
export class OidcController {
  private readonly logger = new Logger('OIDC');

  constructor(
    private readonly oidc: OidcService,
    private readonly signIns: SignInService,
  ) {}

  @Get('login')
  async login(@Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('OIDC sign-in is not configured.');
    const { url, state } = await this.oidc.startLogin();
    res.cookie(STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production',
      path: '/api/auth/oidc',
      maxAge: 10 * 60_000,
    });
    res.redirect(302, url);
  }

  @Get('callback')
  async callback(@Req() req: AccessRequest, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('OIDC sign-in is not configured.');
    res.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    try {
      const userId = await this.oidc.finishLogin(query, req.cookies?.[STATE_COOKIE]);
      await this.signIns.startSession(userId, 'oidc', clientAddress(req), res);
      res.redirect(302, '/');
    } catch (e) {
      const known = e instanceof OidcSignInError;
      // Log the kind of failure only: provider errors can echo tokens or claims.
      this.logger.warn(`OIDC sign-in refused: ${known ? e.message : (e as Error).name}`);
      res.redirect(302, `/sign-in?error=${known ? 'oidc-refused' : 'oidc-failed'}`);
    }
  }
}
