import compression from 'compression';
import type express from 'express';
import zlib from 'node:zlib';

/** Smaller JSON answers gain less than the headers and CPU cost. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * gzip/brotli for large JSON answers (GraphQL, REST). Only JSON: the streamed CSV/XLSX/PDF exports are left
 * as they are so nothing buffers them. Brotli at quality 4 costs about what gzip does per request and still
 * compresses better. Mounted ahead of the response cache, which serves its own compressed copies of a hit
 * (a Content-Encoding already set makes this middleware step aside).
 */
export function jsonCompression(): express.RequestHandler {
  return compression({
    threshold: COMPRESS_THRESHOLD_BYTES,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      return /^application\/(graphql-response\+)?json/.test(type) && compression.filter(req, res);
    },
  });
}
