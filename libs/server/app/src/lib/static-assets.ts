import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import path from 'node:path';

/**
 * Files Vite names by a hash of their content (`assets/index-SKary9Ie.js`, and their .br/.gz copies): such a
 * URL never changes meaning. Files copied into assets/ under their own names (the NHS.UK icons) are not.
 */
const HASHED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+(\.br|\.gz)?$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidated, so a deploy is seen on the next load. */
export const REVALIDATE = 'no-cache';

/**
 * The built dashboard served as a CDN would: the brotli/gzip copies written at build time
 * (apps/dashboard/precompress.mts) chosen by Accept-Encoding, hashed files cached for a year,
 * anything else revalidated. Client-side routes fall back to index.html.
 */
export function dashboardAssets(dir: string): express.RequestHandler[] {
  const files = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', HASHED.test(file) ? IMMUTABLE : REVALIDATE);
      },
    },
  });
  const index = path.join(dir, 'index.html');
  const spaFallback: express.RequestHandler = (req, res, next) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/graphql') ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/health') ||
      req.path.startsWith('/assets/')
    )
      return next();
    res.sendFile(index, { headers: { 'Cache-Control': REVALIDATE } });
  };
  return [files, spaFallback];
}
