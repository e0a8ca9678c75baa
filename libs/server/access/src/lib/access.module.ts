import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessPolicy } from './access-policy';
import { AuditService } from './audit.service';
import { AuthResolver } from './auth.resolver';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

/**
 * Sign-in, sessions, the global access guard, the access policy and the audit log. Global, so every
 * feature module can inject `AccessPolicy` and `AuditService` without importing this module.
 */
@Global()
@Module({
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AccessPolicy,
    AuditService,
    SessionService,
    SignInService,
    UsersService,
    OidcService,
    AuthResolver,
    UsersResolver,
  ],
  controllers: [OidcController],
  exports: [AccessPolicy, AuditService, UsersService, SessionService],
})
export class AccessModule {}
