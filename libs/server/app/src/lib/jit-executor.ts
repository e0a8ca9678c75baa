import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  DocumentNode,
  ExecutionResult,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLSchema,
  Kind,
  TypeInfo,
  execute,
  getNamedType,
  getOperationAST,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type GatewayGraphQLRequestContext = Parameters<GatewayExecutor>[0];
type GatewaySchemaLoadOrUpdateCallback = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/** Compiled operations kept per document; the dashboard sends a few dozen. */
const MAX_OPERATIONS_PER_DOCUMENT = 20;

/**
 * Executes operations with graphql-jit instead of graphql-js. A national breakdown completes thousands of
 * nested measure objects; graphql-js builds a resolve-info object, a path and an argument map for every one
 * of them (most of a cache miss's CPU and garbage), while a compiled operation is plain property reads.
 *
 * Apollo Server 5 has no executor option; its documented way to bring one is the gateway interface: `load`
 * hands Apollo the schema and an executor, and everything else (parsing, validation with the armor limits,
 * the document cache, plugins, error formatting, HTTP) stays Apollo's. Operations are compiled once per
 * parsed document (Apollo keeps one DocumentNode per query text); one graphql-jit cannot compile is run by
 * graphql-js as before. JIT_EXECUTOR=off runs everything with graphql-js.
 */
export class JitExecutor implements GatewayInterface {
  private schema?: GraphQLSchema;
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  enabled = process.env.JIT_EXECUTOR !== 'off';

  /** The schema Nest builds from the resolvers (GraphQLModule's transformSchema hook). */
  readonly useSchema = (schema: GraphQLSchema): GraphQLSchema => {
    if (this.enabled) withoutPropertyResolvers(schema);
    this.schema = schema;
    return schema;
  };

  async load(): Promise<{ executor: GatewayExecutor }> {
    return { executor: this.execute };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    if (!this.schema) throw new Error('JitExecutor: the schema was not built before Apollo started');
    callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
    return () => undefined;
  }

  async stop(): Promise<void> {}

  private readonly execute = async (
    ctx: GatewayGraphQLRequestContext,
  ): Promise<ExecutionResult<Record<string, unknown>>> => {
    const schema = this.schema!;
    const { document, operationName } = ctx;
    const variables = ctx.request.variables ?? {};
    const compiled = this.enabled ? this.compile(schema, document, operationName ?? undefined) : null;
    if (compiled) {
      // Variables are checked by graphql-js first, as its execute() would: a bad variable is refused with
      // graphql-js's message and located on the variable (Apollo answers that as BAD_USER_INPUT, 400).
      const operation = ctx.operation;
      const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
        maxErrors: 50,
      });
      if (checked.errors) return { errors: checked.errors };
      const result = await compiled.query(undefined, ctx.context, variables);
      if (result.errors) result.errors = result.errors.map(asGraphqlJsError);
      return result as ExecutionResult<Record<string, unknown>>;
    }
    return (await execute({
      schema,
      document,
      contextValue: ctx.context,
      variableValues: variables,
      operationName,
    })) as ExecutionResult<Record<string, unknown>>;
  };

  /**
   * Queries only (mutations are few and not where the time goes), and none that passes an input object with
   * a field default: graphql-jit's variable coercion leaves such defaults out (`code: String! = ""` of a
   * grant is reported missing), so those stay with graphql-js.
   */
  private compilable(schema: GraphQLSchema, document: DocumentNode, operationName?: string): boolean {
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation !== 'query') return false;
    const withDefaults = (this.inputsWithDefaults ??= inputTypesWithDefaults(schema));
    for (const v of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
      if (type && withDefaults.has(getNamedType(type).name)) return false;
    }
    let plain = true;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        [Kind.ARGUMENT]: () => {
          const arg = typeInfo.getArgument();
          if (arg && withDefaults.has(getNamedType(arg.type).name)) plain = false;
        },
      }),
    );
    return plain;
  }

  private inputsWithDefaults?: Set<string>;

  private compile(schema: GraphQLSchema, document: DocumentNode, operationName?: string) {
    let byOperation = this.compiled.get(document);
    if (!byOperation) this.compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    if (byOperation.has(key)) return byOperation.get(key)!;
    let result: CompiledQuery | null = null;
    if (!this.compilable(schema, document, operationName)) {
      byOperation.set(key, null);
      return null;
    }
    try {
      const out = compileQuery(schema, document, operationName);
      result = isCompiledQuery(out) ? out : null;
    } catch {
      result = null; // graphql-js answers it (and reports whatever is wrong with it)
    }
    if (byOperation.size < MAX_OPERATIONS_PER_DOCUMENT) byOperation.set(key, result);
    return result;
  }
}

/**
 * Nest gives every field of a code-first object type a resolver that reads the property of the same name
 * (`rootFieldResolver`). To graphql-jit any resolver makes a field a deferred call with its own resolve info
 * and error handling, so a table of measures cost as much compiled as interpreted. Those resolvers are
 * removed where they are exactly a property read (same name, no default value, checked by calling them on
 * two probe objects), which graphql-jit then compiles to `parent.field`. Resolvers of any other kind stay.
 */
export function withoutPropertyResolvers(schema: GraphQLSchema): number {
  let removed = 0;
  const marker = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: unknown) => unknown) | undefined;
      if (!resolve || resolve.name !== 'rootFieldResolver') continue;
      if (resolve({ [field.name]: marker }) !== marker || resolve({}) !== undefined) continue;
      field.resolve = undefined;
      removed++;
    }
  }
  return removed;
}

/**
 * graphql-jit's errors only look like graphql-js's (no `extensions` object unless the thrown error had
 * one), and Apollo's and Nest's error formatting expect the real thing. Rebuilt as graphql-js's
 * `locatedError` builds them: same message, locations, path and original error, so every error a client
 * sees is exactly what it was under graphql-js.
 */
function asGraphqlJsError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions,
  });
  if (e.locations) (error as { locations?: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

/** Input object types with a field default value, directly or in an input object they contain. */
function inputTypesWithDefaults(schema: GraphQLSchema): Set<string> {
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const memo = new Map<string, boolean>();
  const has = (t: GraphQLInputObjectType, seen: Set<string>): boolean => {
    const known = memo.get(t.name);
    if (known !== undefined) return known;
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    const result = Object.values(t.getFields()).some((f) => {
      const inner = getNamedType(f.type);
      return f.defaultValue !== undefined || (isInputObjectType(inner) && has(inner, seen));
    });
    memo.set(t.name, result);
    return result;
  };
  return new Set(inputs.filter((t) => has(t, new Set())).map((t) => t.name));
}
