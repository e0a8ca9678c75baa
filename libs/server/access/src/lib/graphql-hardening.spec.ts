import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { formatGraphqlError, GRAPHQL_LIMITS, graphqlHardening } from './graphql-hardening';

const schema = buildSchema(`
  type Node { id: ID!, name: String, child: Node, children(first: Int): [Node!]! }
  type Query { node: Node, nodes(first: Int): [Node!]! }
`);

const errorsOf = (query: string) =>
  validate(schema, parse(query), graphqlHardening(false).validationRules as any).map((e) => e.message);

describe('GraphQL hardening', () => {
  it('turns introspection, the landing page and batching off in production', () => {
    const prod = graphqlHardening(true);
    expect(prod).toMatchObject({
      introspection: false,
      playground: false,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
    });
    expect(graphqlHardening(false).introspection).toBe(true);
  });

  it(`rejects queries deeper than ${GRAPHQL_LIMITS.maxDepth}`, () => {
    const deep = (n: number) => `{ node ${'{ child '.repeat(n)}{ id }${' }'.repeat(n)} }`;
    expect(errorsOf(deep(7))).toEqual([]);
    expect(errorsOf(deep(12)).join()).toMatch(/depth limit/i);
  });

  it(`rejects more than ${GRAPHQL_LIMITS.maxAliases} aliases`, () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    expect(errorsOf(aliases(GRAPHQL_LIMITS.maxAliases))).toEqual([]);
    expect(errorsOf(aliases(GRAPHQL_LIMITS.maxAliases + 1)).join()).toMatch(/aliases limit/i);
  });

  it('counts page sizes into the cost, so a huge page of nested lists is refused', () => {
    expect(errorsOf(`{ nodes(first: 10) { id children(first: 10) { id name } } }`)).toEqual([]);
    expect(errorsOf(`{ nodes(first: 100) { id children(first: 100) { id name } } }`).join()).toMatch(
      /cost limit/i,
    );
  });

  it('keeps messages meant for clients, with only the error code', () => {
    const refused = new GraphQLError('Your role does not allow this.', {
      originalError: new ForbiddenException('Your role does not allow this.'),
      extensions: { code: 'FORBIDDEN', originalError: { statusCode: 403 }, stacktrace: ['at x'] },
    });
    expect(formatGraphqlError({ message: refused.message, extensions: refused.extensions }, refused)).toEqual(
      {
        message: 'Your role does not allow this.',
        extensions: { code: 'FORBIDDEN' },
      },
    );
    const bad = new GraphQLError('That is not a date.', { originalError: new BadRequestException('x') });
    expect(
      formatGraphqlError({ message: bad.message, extensions: { code: 'BAD_REQUEST' } }, bad).message,
    ).toBe('That is not a date.');
  });

  it('replaces database and programming errors with a reference, never their text', () => {
    const dbError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      code: '23505',
      detail: 'Key (email)=(someone@nhs.net) already exists.',
      severity: 'ERROR',
    });
    for (const original of [dbError, new TypeError("Cannot read properties of undefined (reading 'x')")]) {
      const err = new GraphQLError(original.message, { originalError: original, path: ['users'] });
      const out = formatGraphqlError(
        {
          message: err.message,
          path: ['users'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at'] },
        },
        err,
      );
      expect(out.message).toMatch(/^Something went wrong on the server \(reference [0-9a-f]{8}\)\.$/);
      expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(out)).not.toMatch(/someone|duplicate|undefined/);
    }
  });
});
