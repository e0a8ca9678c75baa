/**
 * THE AUTHORISATION MATRIX: one entry for every Query and Mutation field in the schema.
 * `authorisation-matrix.int-spec.ts` reads the live schema and fails when a field has no entry here, or
 * an entry names a field that no longer exists. For every field it runs the entry's operation as each
 * role (and signed out) and asserts: roles in `allow` succeed with no errors; every other role gets
 * FORBIDDEN (signed out: UNAUTHENTICATED) and no data; and, for allowed roles, `checkScope` confirms no
 * row outside the caller's scope came back.
 *
 * ADDING A FIELD (whoever adds a GraphQL Query or Mutation field adds its entry in the same commit):
 *
 *   'Query.coverage': {
 *     allow: ['trust_lead', 'planner', 'analyst', 'admin'],
 *     operation: `query($org: String) { coverage(orgCode: $org) { rows { orgCode headcount } } }`,
 *     variables: (ctx) => ({ org: ctx.someVisibleOrg }),             // optional; may be async
 *     checkScope: (data, ctx) => expectOrgsInScope(data.coverage.rows.map((r) => r.orgCode), ctx),
 *   },
 *
 * - `allow`: the roles that may use the field, or 'public' (also signed out; only for sign-in itself).
 * - `operation`: a complete GraphQL document that uses only this field at the top level. It must succeed
 *   for every allowed role of the matrix users below, so pick variables that are valid for all of them
 *   (use `ctx` to pick values in the caller's own scope, and `ctx.asAdmin` to create what a mutation needs).
 * - `checkScope` (for allowed roles): assert nothing outside `ctx.visibleOrgCodes` came back; it may also
 *   run more operations with `ctx.gql` (e.g. ask for an organisation outside the scope and
 *   `expectForbidden`). Or, when the field returns nothing organisation-specific, say why in `unscoped`.
 *   One of the two is required.
 *
 * The matrix users (created by the test; scopes chosen so every role is below national except admin):
 *   trust_lead → organisation RJ1 (London); planner → region Y56 (London); analyst → ICB QOP (Greater
 *   Manchester, North West); admin → national.
 */
import { DataSource } from 'typeorm';
import type { Role, ScopeGrant, VisibleHierarchy } from '@aiwr/server-access';
import { recordedImportFor, storedUploadFor } from './import-matrix-support';
import { ARCHETYPE_MATRIX_ENTRIES } from './archetypes-matrix-support';

export type GqlResult = { data?: any; errors?: { message: string; path?: string[]; extensions?: any }[] };
export type GqlFn = (query: string, variables?: Record<string, unknown>) => Promise<GqlResult>;

export type MatrixContext = {
  role: Role;
  /** Runs GraphQL signed in as this role (session cookie and CSRF header). */
  gql: GqlFn;
  /** Runs GraphQL as a national admin: for creating whatever an operation needs. */
  asAdmin: GqlFn;
  /** Organisations this role may see (null = national), as AccessPolicy resolves them. */
  visibleOrgCodes: string[] | null;
  /** The same scope's organisations, ICBs and regions (null = national). */
  visible: VisibleHierarchy | null;
  /** An organisation inside this role's scope (RJ1 for national roles). */
  someVisibleOrg: string;
  /** An organisation outside this role's scope (R0A for London roles, RJ1 otherwise); null for national. */
  someHiddenOrg: string | null;
  db: DataSource;
  /** A fresh suffix for names that must be unique (emails, codes). */
  unique: () => string;
};

export type MatrixEntry = {
  allow: 'public' | readonly Role[];
  operation: string;
  variables?: (ctx: MatrixContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  checkScope?: (data: any, ctx: MatrixContext) => void | Promise<void>;
  unscoped?: string;
};

export const ALL_ROLES: readonly Role[] = ['trust_lead', 'planner', 'analyst', 'admin'];

/** The users the matrix signs in as (created by the test): every role but admin below national. */
export const MATRIX_USERS: { role: Role; email: string; grants: ScopeGrant[] }[] = [
  {
    role: 'trust_lead',
    email: 'matrix.lead@test.aiwr.local',
    grants: [{ type: 'organisation', code: 'RJ1' }],
  },
  { role: 'planner', email: 'matrix.planner@test.aiwr.local', grants: [{ type: 'region', code: 'Y56' }] },
  { role: 'analyst', email: 'matrix.analyst@test.aiwr.local', grants: [{ type: 'icb', code: 'QOP' }] },
  { role: 'admin', email: 'matrix.admin@test.aiwr.local', grants: [{ type: 'national', code: '' }] },
];
export const MATRIX_PASSWORD = 'matrix-password-2026';

/** Fails unless every code is inside the caller's scope. */
export function expectOrgsInScope(codes: (string | null | undefined)[], ctx: MatrixContext): void {
  if (ctx.visibleOrgCodes === null) return;
  const visible = new Set(ctx.visibleOrgCodes);
  const outside = codes.filter((c) => c && !visible.has(c));
  if (outside.length)
    throw new Error(`${ctx.role} received organisations outside their scope: ${outside.join(', ')}`);
}

/** Fails unless every ICB / region code is inside the caller's scope. */
export function expectHierarchyInScope(
  kind: 'icbCodes' | 'regionCodes',
  codes: string[],
  ctx: MatrixContext,
): void {
  if (ctx.visible === null) return;
  const visible = new Set(ctx.visible[kind]);
  const outside = codes.filter((c) => !visible.has(c));
  if (outside.length)
    throw new Error(`${ctx.role} received ${kind} outside their scope: ${outside.join(', ')}`);
}

/** Fails unless the result is a FORBIDDEN error without data. */
export function expectForbidden(result: GqlResult, what: string): void {
  const codes = (result.errors ?? []).map((e) => e.extensions?.code);
  if (!codes.includes('FORBIDDEN'))
    throw new Error(`${what}: expected FORBIDDEN, got ${JSON.stringify(result)}`);
}

const NATIONAL_REFERENCE = 'national reference list (the same for everyone; no organisation data)';

export const AUTHORISATION_MATRIX: Record<string, MatrixEntry> = {
  // --- access (libs/server/access) ---------------------------------------------------------------
  'Query.me': {
    allow: 'public',
    operation: `{ me { email role } }`,
    unscoped: "the caller's own account (null when signed out)",
  },
  'Query.oidcSignInEnabled': {
    allow: 'public',
    operation: `{ oidcSignInEnabled }`,
    unscoped: 'a configuration flag',
  },
  'Mutation.signIn': {
    allow: 'public',
    operation: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { email } }`,
    variables: () => ({ e: 'matrix.analyst@test.aiwr.local', p: MATRIX_PASSWORD }),
    unscoped: 'returns only the account that signed in',
  },
  'Mutation.signOut': {
    allow: ALL_ROLES,
    operation: `mutation { signOut }`,
    unscoped: "ends the caller's own session",
  },
  'Query.users': {
    allow: ['admin'],
    operation: `{ users { email role grants { type code } } }`,
    unscoped: 'admins are national',
  },
  'Query.auditLog': {
    allow: ['admin'],
    operation: `{ auditLog(first: 5) { nodes { action target } hasNextPage } }`,
    unscoped: 'admins are national',
  },
  'Mutation.createUser': {
    allow: ['admin'],
    operation: `mutation($input: CreateUserInput!) { createUser(input: $input) { email } }`,
    variables: (ctx) => ({
      input: {
        email: `matrix-${ctx.unique()}@test.aiwr.local`,
        displayName: 'Matrix',
        role: 'analyst',
        grants: [{ type: 'national' }],
      },
    }),
    unscoped: 'admins are national',
  },
  'Mutation.updateUserScopes': {
    allow: ['admin'],
    operation: `mutation($id: ID!) { updateUserScopes(userId: $id, grants: [{ type: organisation, code: "RJ1" }]) { email } }`,
    variables: async (ctx) => ({ id: await matrixTargetUser(ctx) }),
    unscoped: 'admins are national',
  },
  'Mutation.disableUser': {
    allow: ['admin'],
    operation: `mutation($id: ID!) { disableUser(userId: $id) { disabledAt } }`,
    variables: async (ctx) => ({ id: await matrixTargetUser(ctx) }),
    unscoped: 'admins are national',
  },

  // --- reference lists (libs/server/reference): filter values, cut to the caller's scope ----------
  'Query.regions': {
    allow: ALL_ROLES,
    operation: `{ regions { code } }`,
    checkScope: (data, ctx) =>
      expectHierarchyInScope(
        'regionCodes',
        data.regions.map((r: any) => r.code),
        ctx,
      ),
  },
  'Query.icbs': {
    allow: ALL_ROLES,
    operation: `{ now: icbs { code regionCode } before: icbs(on: "2026-03-01") { code regionCode } }`,
    checkScope: (data, ctx) => {
      expectHierarchyInScope(
        'icbCodes',
        [...data.now, ...data.before].map((i: any) => i.code),
        ctx,
      );
      expectHierarchyInScope(
        'regionCodes',
        [...data.now, ...data.before].map((i: any) => i.regionCode),
        ctx,
      );
    },
  },
  'Query.organisations': {
    allow: ALL_ROLES,
    operation: `{ organisations { code } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.organisations.map((o: any) => o.code),
        ctx,
      );
      if (ctx.visibleOrgCodes) expect(data.organisations.length).toBeGreaterThan(0);
      // Filtering towards another scope must not reveal it either.
      const north = await ctx.gql(`{ organisations(regionCode: "Y62") { code } }`);
      expectOrgsInScope(
        north.data.organisations.map((o: any) => o.code),
        ctx,
      );
      const london = await ctx.gql(`{ organisations(regionCode: "Y56", openOn: "2020-01-01") { code } }`);
      expectOrgsInScope(
        london.data.organisations.map((o: any) => o.code),
        ctx,
      );
    },
  },
  'Query.staffGroups': {
    allow: ALL_ROLES,
    operation: `{ staffGroups { code } }`,
    unscoped: NATIONAL_REFERENCE,
  },
  'Query.clinicalAreas': {
    allow: ALL_ROLES,
    operation: `{ clinicalAreas { code } }`,
    unscoped: NATIONAL_REFERENCE,
  },

  // --- coverage (libs/server/coverage): every figure scoped by AccessPolicy ----------------------
  'Query.coverage': {
    allow: ALL_ROLES,
    operation: `{ coverage(groupBy: [ORGANISATION]) { rows { keys { dimension code } } total { headcount { value } } } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.coverage.rows.map((r: any) => r.keys[0].code),
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { coverage(filter: $f) { rows { asAt } } }`,
      );
    },
  },
  'Query.coverageOverview': {
    allow: ALL_ROLES,
    operation: `{ coverageOverview { headcount { value { value } } byArchetype { keys { code } } } }`,
    checkScope: (_data, ctx) =>
      expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { coverageOverview(filter: $f) { asAt } }`,
      ),
  },
  'Query.coverageTrend': {
    allow: ALL_ROLES,
    operation: `{ coverageTrend(groupBy: [ORGANISATION]) { asAt rows { keys { code } } } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.coverageTrend.flatMap((p: any) => p.rows.map((r: any) => r.keys[0].code)),
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { coverageTrend(filter: $f) { asAt } }`,
      );
    },
  },
  'Query.compareOrganisations': {
    allow: ALL_ROLES,
    operation: `query($f: CoverageFilter!) { compareOrganisations(filter: $f) { organisation comparators { level code } } }`,
    variables: (ctx) => ({ f: { orgCodes: [ctx.someVisibleOrg] } }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        [
          data.compareOrganisations.organisation,
          ...data.compareOrganisations.comparators
            .filter((c: any) => c.level === 'ORGANISATION')
            .map((c: any) => c.code),
        ],
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter!) { compareOrganisations(filter: $f) { organisation } }`,
      );
    },
  },
  'Query.coverageDistribution': {
    allow: ALL_ROLES,
    operation: `{ coverageDistribution { nationalRate points { orgCode } } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.coverageDistribution.points.map((p: any) => p.orgCode),
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { coverageDistribution(filter: $f) { asAt } }`,
      );
    },
  },
  'Query.snapshotDates': {
    allow: ALL_ROLES,
    operation: `{ snapshotDates }`,
    checkScope: (_data, ctx) =>
      expectCoverageHiddenForbidden(ctx, `query($f: CoverageFilter) { snapshotDates(filter: $f) }`),
  },
  'Query.coverageFilterOptions': {
    allow: ALL_ROLES,
    operation: `{ coverageFilterOptions { organisations { code } icbs { code } regions { code } departments { code } } }`,
    checkScope: async (data, ctx) => {
      const o = data.coverageFilterOptions;
      expectOrgsInScope(
        o.organisations.map((x: any) => x.code),
        ctx,
      );
      expectHierarchyInScope(
        'icbCodes',
        o.icbs.map((x: any) => x.code),
        ctx,
      );
      expectHierarchyInScope(
        'regionCodes',
        o.regions.map((x: any) => x.code),
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { coverageFilterOptions(filter: $f) { departments { code } } }`,
      );
    },
  },
  'Query.people': {
    allow: ['trust_lead', 'admin'],
    operation: `{ people(first: 5) { totalCount edges { node { orgCode personKey } } } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.people.edges.map((e: any) => e.node.orgCode),
        ctx,
      );
      await expectCoverageHiddenForbidden(
        ctx,
        `query($f: CoverageFilter) { people(filter: $f) { totalCount } }`,
      );
    },
  },
  // --- imports (libs/server/ingest): history and records only for organisations in scope ---------
  'Query.imports': {
    allow: ALL_ROLES,
    operation: `{ imports(first: 50) { items { id orgCodes } hasMore } }`,
    checkScope: async (data, ctx) => {
      if (ctx.someHiddenOrg) await recordedImportFor(ctx.db, ctx.someHiddenOrg);
      const again = await ctx.gql(`{ imports(first: 100) { items { orgCodes } } }`);
      expectOrgsInScope(
        again.data.imports.items.flatMap((i: any) => i.orgCodes),
        ctx,
      );
      expectOrgsInScope(
        data.imports.items.flatMap((i: any) => i.orgCodes),
        ctx,
      );
    },
  },
  'Query.importRecord': {
    allow: ALL_ROLES,
    operation: `query($id: ID!) { importRecord(id: $id) { id orgCodes outcome } }`,
    variables: async (ctx) => ({ id: await recordedImportFor(ctx.db, ctx.someVisibleOrg) }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope(data.importRecord.orgCodes, ctx);
      if (!ctx.someHiddenOrg) return;
      const hidden = await ctx.gql(`query($id: ID!) { importRecord(id: $id) { id } }`, {
        id: await recordedImportFor(ctx.db, ctx.someHiddenOrg),
      });
      expect(hidden.data?.importRecord ?? null).toBeNull();
      expect(hidden.errors?.[0]?.message).toMatch(/No such import/);
    },
  },
  'Query.importProgress': {
    allow: ALL_ROLES,
    operation: `query($id: ID!) { importProgress(id: $id) { importId percent } }`,
    variables: async (ctx) => ({ id: await recordedImportFor(ctx.db, ctx.someVisibleOrg) }),
    checkScope: async (_data, ctx) => {
      if (!ctx.someHiddenOrg) return;
      const hidden = await ctx.gql(`query($id: ID!) { importProgress(id: $id) { importId } }`, {
        id: await recordedImportFor(ctx.db, ctx.someHiddenOrg),
      });
      expect(hidden.errors?.[0]?.message).toMatch(/No such import/);
    },
  },
  'Mutation.runImport': {
    allow: ['trust_lead', 'admin'],
    operation: `mutation($input: RunImportInput!) { runImport(input: $input) { outcome orgCodes errorCount } }`,
    variables: async (ctx) => ({
      input: {
        uploadId: await storedUploadFor(
          ctx.db,
          MATRIX_USERS.find((u) => u.role === ctx.role)!.email,
          ctx.someVisibleOrg,
        ),
        kind: 'staff',
        asAt: '2026-09-30',
        mode: 'validate_only',
      },
    }),
    checkScope: async (data, ctx) => {
      expect(data.runImport).toMatchObject({ outcome: 'validated', errorCount: 0 });
      expectOrgsInScope(data.runImport.orgCodes, ctx);
      if (!ctx.someHiddenOrg) return;
      const email = MATRIX_USERS.find((u) => u.role === ctx.role)!.email;
      const hidden = await ctx.gql(
        `mutation($input: RunImportInput!) { runImport(input: $input) { outcome errors { code } } }`,
        {
          input: {
            uploadId: await storedUploadFor(ctx.db, email, ctx.someHiddenOrg),
            kind: 'staff',
            asAt: '2026-09-30',
          },
        },
      );
      // Rows for another organisation are refused row by row, and nothing is written.
      expect(hidden.data?.runImport).toMatchObject({
        outcome: 'rejected',
        errors: [{ code: 'ORGANISATION_OUT_OF_SCOPE' }],
      });
      // Choosing another organisation as the import's parameter is refused outright (AccessPolicy.assertMayImportFor).
      expectForbidden(
        await ctx.gql(`mutation($input: RunImportInput!) { runImport(input: $input) { outcome } }`, {
          input: {
            uploadId: await storedUploadFor(ctx.db, email, ctx.someHiddenOrg),
            kind: 'staff',
            asAt: '2026-09-30',
            orgCode: ctx.someHiddenOrg,
          },
        }),
        `${ctx.role} importing for ${ctx.someHiddenOrg}`,
      );
    },
  },
  // --- archetypes (libs/server/archetypes): rules, explain, preview, AI products, data quality --
  ...ARCHETYPE_MATRIX_ENTRIES,
};

/**
 * Coverage fields: asking for an organisation, an ICB or a region outside the caller's scope is refused
 * (AccessPolicy.assertOrgsVisible / assertAreasVisible), and the same field for one inside it is not.
 */
async function expectCoverageHiddenForbidden(ctx: MatrixContext, operation: string): Promise<void> {
  if (!ctx.someHiddenOrg || !ctx.visible) return;
  expectForbidden(
    await ctx.gql(operation, { f: { orgCodes: [ctx.someHiddenOrg] } }),
    `${ctx.role} asking for ${ctx.someHiddenOrg}`,
  );
  const hiddenIcb = ['QOP', 'QKK'].find((c) => !ctx.visible!.icbCodes.includes(c))!;
  const hiddenRegion = ['Y62', 'Y56'].find((c) => !ctx.visible!.regionCodes.includes(c))!;
  // With a visible organisation too, for the fields that need one (compareOrganisations).
  const orgCodes = [ctx.someVisibleOrg];
  expectForbidden(
    await ctx.gql(operation, { f: { orgCodes, icbCodes: [hiddenIcb] } }),
    `${ctx.role} asking for ICB ${hiddenIcb}`,
  );
  expectForbidden(
    await ctx.gql(operation, { f: { orgCodes, regionCodes: [hiddenRegion] } }),
    `${ctx.role} asking for region ${hiddenRegion}`,
  );
  const own = await ctx.gql(operation, {
    f: {
      orgCodes,
      icbCodes: ctx.visible.icbCodes.slice(0, 1),
      regionCodes: ctx.visible.regionCodes.slice(0, 1),
    },
  });
  expect(own.errors).toBeUndefined();
}

/** A throwaway user for the admin mutations to act on. */
async function matrixTargetUser(ctx: MatrixContext): Promise<string> {
  const created = await ctx.asAdmin(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email: `target-${ctx.unique()}@test.aiwr.local`,
        displayName: 'Target',
        role: 'trust_lead',
        grants: [{ type: 'organisation', code: 'R0A' }],
      },
    },
  );
  if (!created.data) throw new Error(`could not create a target user: ${JSON.stringify(created.errors)}`);
  return created.data.createUser.id;
}
