import { HttpException, Logger } from '@nestjs/common';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import crypto from 'node:crypto';

/** Limits every operation must meet before it runs (graphql-armor validation rules). */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 2000,
  maxDirectives: 30,
};

/** Error codes whose messages were written for the client and may be shown as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/** Codes for the HTTP exceptions Nest does not map itself (it maps 400, 401, 403 and 422). */
const HTTP_STATUS_CODES: Record<number, string> = {
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
};

const logger = new Logger('GraphQL');

/**
 * Options for `GraphQLModule.forRoot` that harden the endpoint: depth, cost, alias, token and directive
 * limits; no batched requests; introspection and the landing page off in production (field suggestions
 * too, so a production schema cannot be guessed); errors without stack traces or internal detail; the
 * Express request and response in the context (the session cookie is set from resolvers).
 */
export function graphqlHardening(
  production = process.env.NODE_ENV === 'production',
): Partial<ApolloDriverConfig> {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    introspection: !production,
    playground: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins.map(refusalsAsClientErrors), requestLog()],
    formatError: formatGraphqlError,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}

/**
 * What a client sees of an error: the message and code for errors meant for clients (validation,
 * sign-in, access, bad input, and messages our own code throws); for database and programming errors
 * only a reference, with the detail in the server log. Extensions other than `code` are dropped.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const clientFacing =
    CLIENT_CODES.has(code) ||
    (original instanceof HttpException && original.getStatus() < 500) ||
    (original instanceof Error && !isInternalError(original));
  const status = original instanceof HttpException ? original.getStatus() : undefined;
  if (clientFacing) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: (status && HTTP_STATUS_CODES[status]) || code },
    };
  }
  const reference = crypto.randomBytes(4).toString('hex');
  // Name and database error code only: messages from drivers can quote row values.
  const e = original as { name?: string; code?: string };
  logger.error(
    `internal error ${reference} at ${formatted.path?.join('.') ?? '-'}: ${e?.name} ${e?.code ?? ''}`,
  );
  return {
    message: `Something went wrong on the server (reference ${reference}).`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Database driver errors and JavaScript runtime errors: never meant for a client. */
function isInternalError(e: Error): boolean {
  const pgLike = typeof (e as { code?: unknown }).code === 'string' && 'severity' in e;
  return (
    pgLike ||
    e.name === 'QueryFailedError' ||
    e.name === 'EntityNotFoundError' ||
    e instanceof TypeError ||
    e instanceof ReferenceError ||
    e instanceof RangeError ||
    e instanceof SyntaxError
  );
}

/** A document refused by a limit while it was parsed: the client's fault, answered 400. */
class LimitRefusal extends GraphQLError {
  constructor(message: string) {
    super(message.replace(/^Syntax Error: /, 'The query was refused: '), {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  }
}

/**
 * graphql-armor counts tokens while parsing, in a plugin hook. Apollo Server turns anything thrown there
 * into HTTP 500 unless an `unexpectedErrorProcessingRequest` hook throws first, whose error it then answers
 * with that error's `http.status`. So a document over the token limit gets 400 with the limit's message,
 * like one over the depth or cost limit.
 */
function refusalsAsClientErrors(plugin: ApolloServerPlugin): ApolloServerPlugin {
  if (!plugin.requestDidStart) return plugin;
  const start = plugin.requestDidStart.bind(plugin);
  return {
    ...plugin,
    // Replaces armor's own, which answers any unexpected error as a failed validation.
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof LimitRefusal) throw error;
    },
    async requestDidStart(ctx) {
      const listener = await start(ctx);
      const parsing = listener?.parsingDidStart?.bind(listener);
      if (!listener || !parsing) return listener;
      return {
        ...listener,
        async parsingDidStart(c) {
          try {
            return await parsing(c);
          } catch (e) {
            throw e instanceof GraphQLError ? new LimitRefusal(e.message) : e;
          }
        },
      };
    },
  };
}

/**
 * Optional request log (AIWR_LOG_REQUESTS=1): operation name, duration and error codes. Never variables,
 * query text, user or address, so the log holds no personal data.
 */
function requestLog(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      // Read per request: the GraphQL module's options are built when the module is first imported.
      if (process.env.AIWR_LOG_REQUESTS !== '1') return;
      const started = performance.now();
      return {
        async willSendResponse(ctx) {
          const codes = (ctx.errors ?? []).map((e) => e.extensions?.code ?? 'ERROR');
          logger.log(
            `${ctx.operation?.operation ?? '?'} ${ctx.operationName ?? '(anonymous)'} ` +
              `${(performance.now() - started).toFixed(1)} ms${codes.length ? ` errors=${codes.join(',')}` : ''}`,
          );
        },
      };
    },
  };
}
