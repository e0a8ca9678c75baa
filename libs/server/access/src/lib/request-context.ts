import { ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Caller } from './access.types';

/** What the access layer keeps on a request once the session has been checked. */
export type AccessRequest = Request & {
  aiwrCaller?: Caller | null;
  aiwrCsrfToken?: string;
  /** Set when the session was minted for rendering a report pack (read-only). */
  aiwrSessionPurpose?: string | null;
};

/** The HTTP request and response behind a GraphQL field or a controller route. */
export function httpOf(ctx: ExecutionContext): { req: AccessRequest; res: Response } {
  if (ctx.getType<GqlContextType>() === 'graphql') {
    const gql = GqlExecutionContext.create(ctx).getContext<{ req: AccessRequest; res: Response }>();
    return { req: gql.req, res: gql.res };
  }
  const http = ctx.switchToHttp();
  return { req: http.getRequest<AccessRequest>(), res: http.getResponse<Response>() };
}

/** True for a GraphQL mutation; for HTTP, true for anything that is not a safe method. */
export function isStateChanging(ctx: ExecutionContext): boolean {
  if (ctx.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(ctx).getInfo().operation.operation === 'mutation';
  }
  const method = ctx.switchToHttp().getRequest<Request>().method;
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}
