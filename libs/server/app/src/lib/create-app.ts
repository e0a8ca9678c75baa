import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import cookieParser from 'cookie-parser';
import { SafeExceptionFilter, securityHeaders } from '@aiwr/server-access';
import { ScopedResponseCache } from '@aiwr/server-coverage';
import fs from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';

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
  app.useGlobalFilters(new SafeExceptionFilter()); // errors are logged without their text (may quote row values)
  app.use(securityHeaders()); // helmet + CSP (libs/server/access)
  app.use(cookieParser()); // the session cookie read by the access guard
  // Repeat aggregate queries answered from memory, ahead of the body parser and Apollo (libs/server/coverage).
  app.use('/graphql', app.get(ScopedResponseCache).handler);
  const dir = opts.dashboardDir;
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes: anything that is not the API falls back to the single-page app.
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (
        req.method !== 'GET' ||
        req.path.startsWith('/graphql') ||
        req.path.startsWith('/api') ||
        req.path.startsWith('/health')
      )
        return next();
      res.sendFile(path.join(dir, 'index.html'));
    });
  }
  return app;
}
