import { GraphQLObjectType } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccessPolicy, Caller, Role, UsersService } from '@aiwr/server-access';
import { startTestApp, TestApp } from '../support/test-app';
import { signIn, SignedIn } from '../support/auth';
import {
  ALL_ROLES,
  AUTHORISATION_MATRIX,
  GqlFn,
  MATRIX_PASSWORD,
  MATRIX_USERS,
  MatrixContext,
  MatrixEntry,
} from './authorisation-matrix';

function rootFields(t: TestApp): string[] {
  const schema = t.app.get(GraphQLSchemaHost).schema;
  const fields = (type: GraphQLObjectType | null | undefined, kind: string) =>
    Object.keys(type?.getFields() ?? {}).map((f) => `${kind}.${f}`);
  return [...fields(schema.getQueryType(), 'Query'), ...fields(schema.getMutationType(), 'Mutation')].sort();
}

describe('authorisation matrix: every Query and Mutation field, for every role', () => {
  let t: TestApp;
  let counter = 0;
  const contexts = new Map<Role, MatrixContext>();
  const sessionOf = (role: Role) =>
    signIn(t, MATRIX_USERS.find((u) => u.role === role)!.email, MATRIX_PASSWORD);
  const runner =
    (s: SignedIn): GqlFn =>
    (q, v) =>
      t.gql(q, v, s.headers);

  beforeAll(async () => {
    t = await startTestApp();
    const users = t.app.get(UsersService);
    const policy = t.app.get(AccessPolicy);
    for (const u of MATRIX_USERS) {
      await users.create(null, { ...u, displayName: `Matrix ${u.role}`, password: MATRIX_PASSWORD });
    }
    const admin = runner(await sessionOf('admin'));
    for (const u of MATRIX_USERS) {
      const probe: Caller = { userId: '', email: u.email, role: u.role, grants: u.grants };
      const visible = await policy.visibleHierarchy(probe);
      const visibleOrgCodes = visible?.orgCodes ?? null;
      contexts.set(u.role, {
        role: u.role,
        gql: runner(await sessionOf(u.role)),
        asAdmin: admin,
        visible,
        visibleOrgCodes,
        someVisibleOrg: visibleOrgCodes?.includes('RJ1') || !visibleOrgCodes ? 'RJ1' : visibleOrgCodes[0],
        someHiddenOrg: visibleOrgCodes === null ? null : visibleOrgCodes.includes('R0A') ? 'RJ1' : 'R0A',
        db: t.app.get(DataSource),
        unique: () => `${u.role.replace('_', '-')}-${Date.now()}-${++counter}`,
      });
    }
  });
  afterAll(() => t.close());

  it('has exactly one entry for every Query and Mutation field in the live schema', () => {
    const fields = rootFields(t);
    const missing = fields.filter((f) => !(f in AUTHORISATION_MATRIX));
    const stale = Object.keys(AUTHORISATION_MATRIX).filter((f) => !fields.includes(f));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('says for every entry how scope is checked, or why it needs no check', () => {
    const unexplained = Object.entries(AUTHORISATION_MATRIX)
      .filter(([, e]) => !e.checkScope && !e.unscoped)
      .map(([f]) => f);
    expect(unexplained).toEqual([]);
  });

  const cases = Object.entries(AUTHORISATION_MATRIX).flatMap(([field, entry]) =>
    [...ALL_ROLES, 'signed out' as const].map((who) => [field, who, entry] as const),
  );

  it.each(cases)('%s as %s', async (field, who, entry: MatrixEntry) => {
    const name = field.split('.')[1];
    const allowed = entry.allow === 'public' || (who !== 'signed out' && entry.allow.includes(who));
    const ctx = contexts.get(who === 'signed out' ? 'admin' : who)!;
    const variables = entry.variables ? await entry.variables(ctx) : undefined;
    // Mutations get a fresh session so one that ends or changes it cannot affect the next case.
    const run: GqlFn =
      who === 'signed out'
        ? (q, v) => t.gql(q, v)
        : field.startsWith('Mutation.')
          ? runner(await sessionOf(who))
          : ctx.gql;
    const result = await run(entry.operation, variables);

    if (allowed) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeDefined();
      if (who !== 'signed out' && entry.checkScope) await entry.checkScope(result.data, ctx);
    } else {
      const expected = who === 'signed out' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(result.errors?.map((e) => e.extensions?.code)).toContain(expected);
      expect(result.data?.[name] ?? null).toBeNull();
    }
  });
});
