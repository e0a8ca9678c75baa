import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import crypto from 'node:crypto';

const logger = new Logger('HTTP');

/**
 * Replaces Nest's default handler, which logs every unexpected error in full: a database error's message
 * can quote the row values it choked on (a date of birth, an employee number). Controllers' 4xx
 * exceptions are answered as Nest would; anything else becomes a 500 with a reference, and the log gets
 * the reference, the route, the error class and the SQLSTATE, never the text. GraphQL errors pass
 * through untouched to `formatGraphqlError`, which does the same for the GraphQL endpoint.
 */
@Catch()
export class SafeExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const body = exception.getResponse();
      if (!res.headersSent)
        res
          .status(exception.getStatus())
          .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const reference = crypto.randomBytes(4).toString('hex');
    const e = exception as { name?: string; code?: unknown } | null;
    const route = (req.route as { path?: string } | undefined)?.path ?? req.baseUrl ?? '-';
    logger.error(
      `internal error ${reference} at ${req.method} ${route}: ${e?.name ?? 'Error'} ${typeof e?.code === 'string' ? e.code : ''}`,
    );
    if (res.headersSent) res.end();
    else
      res
        .status(500)
        .json({ statusCode: 500, message: `Something went wrong on the server (reference ${reference}).` });
  }
}
