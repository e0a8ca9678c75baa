import { Injectable } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import zlib from 'node:zlib';
import { AccessRequest, attachCaller, describeGrants, SessionService } from '@aiwr/server-access';
import { CoverageService } from '../coverage.service';

/**
 * Root fields whose answer depends only on the caller's role and scope grants and on the rollups: the
 * aggregate coverage queries. Person-level queries (audited per call) and anything about the caller
 * themselves are never cached.
 */
export const SCOPE_CACHEABLE_FIELDS = new Set([
  'coverageOverview',
  'coverage',
  'coverageTrend',
  'compareOrganisations',
  'coverageDistribution',
  'coverageFilterOptions',
  'snapshotDates',
  '__typename',
]);

/** Parsed-and-classified query texts kept (the dashboard sends a few dozen). */
const MAX_OPERATIONS = 2000;
/**
 * Stored answers are bounded by their size rather than their number: a national dashboard's users ask a
 * few thousand different questions (scopes x pages x filters x dates; 3,400 in bench:load's mixed traffic),
 * which a count of 2,000 evicted round and round. RESPONSE_CACHE_MB sets the budget (compressed copies count).
 */
const MAX_BYTES = Number(process.env.RESPONSE_CACHE_MB ?? 256) * 1024 * 1024;
const MAX_BODY_BYTES = 1 << 20;
const MAX_QUERY_CHARS = 20_000;
/** The same safety net as the rollup cache: nothing is served for longer, even if a notification were lost. */
const MAX_AGE_MS = 60_000;

/** Answers below this are sent as they are (as the compression middleware in front does for misses). */
const COMPRESS_MIN_BYTES = 1024;

/** A stored answer, with its compressed copies made on the first hit that asks for them. */
type Entry = {
  at: number;
  version: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  pending?: { br?: Promise<Buffer>; gzip?: Promise<Buffer> };
};
type Operation = { kind: 'cacheable' | 'mutation' | 'other' };

/**
 * Whole-response cache for the aggregate coverage queries, in front of Apollo. A dashboard's many users
 * of one scope ask the same few questions; answering a repeat from memory skips parsing, validation,
 * the resolvers and serialisation. The key is the caller's role and grants (all the access policy looks
 * at) plus the exact request, so a response is only ever replayed to a caller the policy treats
 * identically. Entries are tied to the rollup cache's data version, which moves when a committed import
 * or rule change refreshes rollups (PostgreSQL NOTIFY) and on any mutation in this process; only error-free
 * 200 responses are stored. Signed-out callers always go through to the guard.
 */
@Injectable()
export class ScopedResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly operations = new Map<string, Operation>();
  private readonly inFlight = new Map<string, ((shared: Buffer | null) => void)[]>();
  private localVersion = 0;
  private bytes = 0;
  /** Answers served from memory vs computed, for the load benchmark's cache-hit share. */
  readonly stats = { hits: 0, misses: 0, shared: 0 };
  /** Off with RESPONSE_CACHE=off (and whenever the rollup cache is off or not yet listening). */
  enabled = process.env.RESPONSE_CACHE !== 'off';

  constructor(
    private readonly sessions: SessionService,
    private readonly coverage: CoverageService,
  ) {}

  /**
   * Express middleware for POST /graphql, mounted ahead of the body parser so a hit costs one read of
   * the raw body and one map look-up. On a miss the parsed body is left on the request for Apollo.
   */
  readonly handler = (req: AccessRequest, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !req.is('application/json')) return next();
    readBody(req, (error, raw) => {
      if (error) return void res.status(error.status).json({ errors: [{ message: error.message }] });
      this.serve(req, res, next, raw).catch(next);
    });
  };

  private async serve(req: AccessRequest, res: Response, next: NextFunction, raw: string): Promise<void> {
    // A repeat is recognised from the raw body and the caller alone, before any parsing.
    const version = this.enabled ? this.version() : '';
    const caller = version ? await attachCaller(req, this.sessions) : null;
    const key = caller ? `${caller.role}|${describeGrants(caller.grants)}|${raw}` : undefined;
    const hit = key ? this.entries.get(key) : undefined;
    if (hit && hit.version === version && Date.now() - hit.at < MAX_AGE_MS) {
      this.stats.hits++;
      return replyHit(req, res, hit, (copy) => this.entries.get(key!) === hit && (this.bytes += copy));
    }

    let body: { query?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      return void res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.' }] });
    }
    req.body = body;
    if (typeof body?.query !== 'string') return next();
    const op = this.classify(body.query, body.operationName);
    if (op.kind === 'mutation') {
      res.once('finish', () => this.invalidate());
      return next();
    }
    if (op.kind !== 'cacheable' || !key) return next();
    // One computation per key at a time: identical requests arriving meanwhile share its response.
    const waiting = this.inFlight.get(key);
    if (waiting) {
      this.stats.shared++;
      return void waiting.push((shared) => (shared ? reply(res, shared) : next()));
    }
    this.stats.misses++;
    this.inFlight.set(key, []);
    res.once('close', () => this.settle(key, null));
    this.captureInto(req, res, key, version);
    next();
  }

  private settle(key: string, body: Buffer | null): void {
    const waiting = this.inFlight.get(key);
    this.inFlight.delete(key);
    for (const resume of waiting ?? []) resume(body);
  }

  /** Drops every stored response (a mutation in this process may have changed what a query returns). */
  invalidate(): void {
    this.localVersion++;
    this.entries.clear();
    this.bytes = 0;
  }

  /** The data version responses are valid for; '' while nothing may be cached. */
  private version(): string {
    const rollups = this.coverage.cache.dataVersion;
    return rollups === 0 ? '' : `${rollups}.${this.localVersion}`;
  }

  /**
   * Keeps the response Apollo writes, if it is a complete, error-free 200 for the same data version. A kept
   * answer is compressed once, off the event loop, and that copy both goes to this caller and stays with
   * the entry for later hits (the compression middleware then steps aside: Content-Encoding is set).
   */
  private captureInto(req: AccessRequest, res: Response, key: string, version: string): void {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    (res as unknown as { end: (...args: unknown[]) => Response | void }).end = (...args: unknown[]) => {
      const chunk = args[0];
      let entry: Entry | null = null;
      if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        if (body.length <= MAX_BODY_BYTES && !hasErrors(body) && this.version() === version) {
          entry = { at: Date.now(), version, body };
          this.store(key, entry);
        }
      }
      const encoding = entry && entry.body.length >= COMPRESS_MIN_BYTES ? acceptedEncoding(req) : null;
      if (!entry || !encoding) {
        const result = end(...args);
        this.settle(key, entry?.body ?? null);
        return result;
      }
      const kept = entry;
      const stored = (copy: number) => this.entries.get(key) === kept && (this.bytes += copy);
      compressed(kept, encoding, stored).then(
        (out) => {
          res.setHeader('Vary', 'Accept-Encoding');
          res.setHeader('Content-Encoding', encoding);
          res.setHeader('Content-Length', out.length);
          end(out);
          this.settle(key, kept.body);
        },
        () => {
          end(...args);
          this.settle(key, kept.body);
        },
      );
    };
  }

  /** Keeps an entry, dropping the oldest ones while the stored bytes exceed the budget. */
  private store(key: string, entry: Entry): void {
    const previous = this.entries.get(key);
    if (previous) this.forget(key, previous);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= MAX_BYTES || oldest === key) break;
      this.forget(oldest, e);
    }
  }

  private forget(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length + (entry.br?.length ?? 0) + (entry.gzip?.length ?? 0);
  }

  private classify(query: string, operationName: unknown): Operation {
    const known = this.operations.get(`${String(operationName ?? '')}|${query}`);
    if (known) return known;
    const op = classifyOperation(query, operationName);
    if (this.operations.size >= MAX_OPERATIONS) this.operations.clear();
    this.operations.set(`${String(operationName ?? '')}|${query}`, op);
    return op;
  }
}

type Encoding = 'br' | 'gzip';
const acceptedEncoding = (req: AccessRequest): Encoding | null => {
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  return encoding === 'br' || encoding === 'gzip' ? encoding : null;
};
const COMPRESS: Record<Encoding, (body: Buffer, done: (error: Error | null, out: Buffer) => void) => void> = {
  br: (body, done) =>
    zlib.brotliCompress(
      body,
      {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      },
      done,
    ),
  gzip: (body, done) => zlib.gzip(body, { level: 6 }, done),
};

/**
 * The entry's copy in `encoding`, made once per entry and encoding (however many hits ask meanwhile) on
 * libuv's thread pool: compressing a large answer synchronously stalled every other request behind it,
 * which is what the load benchmark's p99 was made of.
 */
function compressed(entry: Entry, encoding: Encoding, stored: (bytes: number) => void): Promise<Buffer> {
  const pending = (entry.pending ??= {});
  return (pending[encoding] ??= new Promise<Buffer>((resolve, reject) =>
    COMPRESS[encoding](entry.body, (error, out) => {
      if (error) return reject(error);
      entry[encoding] = out;
      stored(out.length);
      resolve(out);
    }),
  ));
}

/**
 * A hit compressed as the compression middleware would compress a miss, but once per entry and encoding
 * rather than on every request: the setting of Content-Encoding makes that middleware pass the body through.
 */
function replyHit(req: AccessRequest, res: Response, entry: Entry, stored: (bytes: number) => void): void {
  if (entry.body.length < COMPRESS_MIN_BYTES) return reply(res, entry.body);
  res.setHeader('Vary', 'Accept-Encoding');
  const encoding = acceptedEncoding(req);
  if (!encoding) return reply(res, entry.body);
  const send = (body: Buffer) => {
    res.setHeader('Content-Encoding', encoding);
    reply(res, body);
  };
  const ready = entry[encoding];
  if (ready) return send(ready);
  compressed(entry, encoding, stored).then(send, () => {
    res.removeHeader('Vary');
    reply(res, entry.body);
  });
}

function reply(res: Response, body: Buffer): void {
  res.status(200).setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-aiwr-cache', 'hit');
  res.end(body);
}

function hasErrors(body: Buffer): boolean {
  // Apollo writes `"errors"` only for a response with errors; a data value cannot contain it unescaped.
  return body.includes('"errors"');
}

/** Whether a request is a plain query of cacheable root fields, a mutation, or anything else. */
export function classifyOperation(query: string, operationName: unknown): Operation {
  if (query.length > MAX_QUERY_CHARS) return { kind: 'other' };
  let doc;
  try {
    doc = parse(query, { noLocation: true, maxTokens: 2000 });
  } catch {
    return { kind: 'other' }; // Apollo will answer with the parse error
  }
  // Fragments are allowed (every dashboard query uses them): what is cached is decided by the root fields.
  if (
    doc.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)
  )
    return { kind: 'other' };
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const op =
    typeof operationName === 'string' && operationName
      ? ops.find((o) => o.name?.value === operationName)
      : ops.length === 1
        ? ops[0]
        : undefined;
  if (!op) return { kind: 'other' };
  if (op.operation === 'mutation') return { kind: 'mutation' };
  if (op.operation !== 'query') return { kind: 'other' };
  const cacheable = op.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && SCOPE_CACHEABLE_FIELDS.has(s.name.value),
  );
  return { kind: cacheable ? 'cacheable' : 'other' };
}

/** Same limit as the JSON body parser behind it (Nest's default). */
const MAX_REQUEST_BYTES = 100 * 1024;

function readBody(
  req: AccessRequest,
  done: (error: { status: number; message: string } | null, raw: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES && !failed) {
      failed = true;
      done({ status: 413, message: 'The request body is too large.' }, '');
    }
    if (!failed) chunks.push(chunk);
  });
  req.on('end', () => {
    if (!failed) done(null, Buffer.concat(chunks).toString('utf8'));
  });
  req.on('error', () => {
    if (!failed) {
      failed = true;
      done({ status: 400, message: 'The request body could not be read.' }, '');
    }
  });
}
