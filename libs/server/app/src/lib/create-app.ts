import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { SafeExceptionFilter, securityHeaders } from '@aiwr/server-access';
import { ScopedResponseCache } from '@aiwr/server-coverage';
import fs from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';
import { jsonCompression } from './response-compression';
import { dashboardAssets } from './static-assets';

/** Builds the HTTP application: GraphQL, REST endpoints and (when built) the dashboard's static files. */
export async function createApp(
  opts: { dashboardDir?: string; logger?: boolean | LoggerService } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger:
      opts.logger === false
        ? false
        : opts.logger === true || !opts.logger
          ? ['error', 'warn', 'log']
          : opts.logger,
  });
  app.disable('x-powered-by');
  // No ETag on API answers: Express would hash every body (a SHA-1 over each large GraphQL answer) for a
  // header no client revalidates a POST with. Static assets keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.useGlobalFilters(new SafeExceptionFilter()); // errors are logged without their text (may quote row values)
  app.use(securityHeaders()); // helmet + CSP (libs/server/access)
  app.use(cookieParser()); // the session cookie read by the access guard
  app.use(jsonCompression()); // large JSON answers; ahead of the response cache, which wraps res.end
  // Repeat aggregate queries answered from memory, ahead of the body parser and Apollo (libs/server/coverage).
  app.use('/graphql', app.get(ScopedResponseCache).handler);
  const dir = opts.dashboardDir;
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) app.use(...dashboardAssets(dir));
  return app;
}
