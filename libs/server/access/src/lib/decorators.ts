import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './access.types';
import { httpOf } from './request-context';

export const PUBLIC_KEY = 'aiwr:public';
export const ROLES_KEY = 'aiwr:roles';

/** Lets a resolver or route run without a signed-in session (sign-in itself, health, OIDC callback). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Restricts a resolver or route to these roles (on top of sign-in, which the global guard always requires). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in `Caller` (GraphQL resolvers and HTTP controllers); null only on `@Public()` handlers. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext) => httpOf(ctx).req.aiwrCaller ?? null,
);
