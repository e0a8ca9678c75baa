/**
 * Authorisation-matrix entries for the archetypes fields (libs/server/archetypes), spread into
 * AUTHORISATION_MATRIX. Helpers from authorisation-matrix.ts are only used inside callbacks, so the
 * two files can import each other.
 */
import { evaluateSnapshot, insertTestSnapshot } from '@aiwr/server-archetypes';
import type { Role } from '@aiwr/server-access';
import {
  expectForbidden,
  expectOrgsInScope,
  type MatrixContext,
  type MatrixEntry,
} from './authorisation-matrix';

const EVERYONE: readonly Role[] = ['trust_lead', 'planner', 'analyst', 'admin'];
const RULE_DEFINITIONS = 'archetype rule definitions are national reference data, the same for every role';

/** A rule that maps nobody, so creating it in the shared test database changes no one's archetypes. */
const inertRule = (ctx: MatrixContext) => ({
  ruleId: `matrix-${ctx.unique()}`.toLowerCase().slice(0, 60),
  description: 'Authorisation matrix test rule',
  archetypes: ['user'],
  when: { titleKeywords: ['matrix test keyword that no title has'] },
  source: 'tests/integration/archetypes-matrix-support.ts',
});

async function createdRuleId(ctx: MatrixContext): Promise<string> {
  const rule = inertRule(ctx);
  const r = await ctx.asAdmin(
    `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "matrix fixture") { snapshotsReevaluated } }`,
    { r: rule },
  );
  if (r.errors) throw new Error(`could not create a matrix rule: ${JSON.stringify(r.errors)}`);
  return rule.ruleId;
}

// personArchetypes needs a person in a snapshot of the trust lead's trust: created on first use with an
// as-at date long before any other suite's, and removed again after the admin case (the last allowed role).
const PERSON = { org: 'RJ1', key: 'matrix-person', asAt: '1999-12-31' };
let personFixtureRemoved = false;
async function personFixture(ctx: MatrixContext) {
  if (!personFixtureRemoved) {
    const [exists] = await ctx.db.query(`select 1 from staff_snapshot where org_code = $1 and as_at = $2`, [
      PERSON.org,
      PERSON.asAt,
    ]);
    if (!exists)
      await ctx.db.transaction(async (m) => {
        await insertTestSnapshot(m, PERSON.org, PERSON.asAt, [
          {
            personKey: PERSON.key,
            assignments: [['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5']],
          },
        ]);
        await evaluateSnapshot(m, PERSON.org, PERSON.asAt);
      });
  }
  return PERSON;
}

export const ARCHETYPE_MATRIX_ENTRIES: Record<string, MatrixEntry> = {
  'Query.archetypeRules': {
    allow: EVERYONE,
    operation: `{ archetypeRules { ruleId version matchCount matchCountSuppressed } }`,
    unscoped: `${RULE_DEFINITIONS}; match counts are computed only over the caller's visible organisations (archetypes-rules.int-spec.ts checks a trust lead's counts)`,
  },
  'Query.archetypeRuleHistory': {
    allow: EVERYONE,
    operation: `{ archetypeRuleHistory(ruleId: "driver-digital-leaders") { version author reason } }`,
    unscoped: RULE_DEFINITIONS,
  },
  'Query.previewArchetypeRuleChange': {
    allow: ['admin'],
    operation: `query($c: ArchetypeRuleChangeInput!) { previewArchetypeRuleChange(change: $c) { organisations { orgCode } peopleGainingAny } }`,
    variables: (ctx) => ({
      c: { kind: 'RETIRE', ruleId: 'user-clinical-admin', orgCodes: [ctx.someVisibleOrg] },
    }),
    unscoped: 'administrators only, who are national',
  },
  'Mutation.createArchetypeRule': {
    allow: ['admin'],
    operation: `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "matrix create") { rules { ruleId version } } }`,
    variables: (ctx) => ({ r: inertRule(ctx) }),
    unscoped: 'administrators only (national); rules are national reference data',
  },
  'Mutation.updateArchetypeRule': {
    allow: ['admin'],
    operation: `mutation($r: ArchetypeRuleInput!) { updateArchetypeRule(rule: $r, reason: "matrix update") { rules { version } } }`,
    variables: async (ctx) => ({
      r: { ...inertRule(ctx), ruleId: await createdRuleId(ctx), description: 'Updated' },
    }),
    unscoped: 'administrators only (national); rules are national reference data',
  },
  'Mutation.retireArchetypeRule': {
    allow: ['admin'],
    operation: `mutation($id: String!) { retireArchetypeRule(ruleId: $id, reason: "matrix retire") { rules { retired } } }`,
    variables: async (ctx) => ({ id: await createdRuleId(ctx) }),
    unscoped: 'administrators only (national); rules are national reference data',
  },
  'Mutation.reorderArchetypeRules': {
    allow: ['admin'],
    operation: `mutation($order: [String!]!) { reorderArchetypeRules(order: $order, reason: "matrix reorder, same order") { snapshotsReevaluated } }`,
    variables: async (ctx) => {
      const rules = await ctx.asAdmin(`{ archetypeRules { ruleId } }`);
      return { order: rules.data.archetypeRules.map((r: any) => r.ruleId) };
    },
    unscoped: 'administrators only (national); rules are national reference data',
  },
  'Query.personArchetypes': {
    allow: ['trust_lead', 'admin'],
    operation: `query($org: String!, $key: String!, $asAt: String) { personArchetypes(orgCode: $org, personKey: $key, asAt: $asAt) { orgCode archetypes { archetype } } }`,
    variables: personFixture,
    checkScope: async (data, ctx) => {
      expectOrgsInScope([data.personArchetypes.orgCode], ctx);
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(
            `{ personArchetypes(orgCode: "${ctx.someHiddenOrg}", personKey: "${PERSON.key}") { orgCode } }`,
          ),
          `${ctx.role} explaining a person of ${ctx.someHiddenOrg}`,
        );
      if (ctx.role === 'admin') {
        await ctx.db.query(`delete from staff_snapshot where org_code = $1 and as_at = $2`, [
          PERSON.org,
          PERSON.asAt,
        ]);
        personFixtureRemoved = true;
      }
    },
  },
  'Query.aiProducts': {
    allow: EVERYONE,
    operation: `query($org: String!) { aiProducts(orgCode: $org) { orgCode productCode } }`,
    variables: (ctx) => ({ org: ctx.someVisibleOrg }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.aiProducts.map((p: any) => p.orgCode),
        ctx,
      );
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(`{ aiProducts(orgCode: "${ctx.someHiddenOrg}") { productCode } }`),
          `${ctx.role} listing ${ctx.someHiddenOrg}'s products`,
        );
    },
  },
  'Mutation.registerAiProduct': {
    allow: ['trust_lead', 'admin'],
    operation: `mutation($i: RegisterAiProductInput!) { registerAiProduct(input: $i) { orgCode productCode } }`,
    variables: (ctx) => ({ i: matrixProduct(ctx, ctx.someVisibleOrg) }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope([data.registerAiProduct.orgCode], ctx);
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(
            `mutation($i: RegisterAiProductInput!) { registerAiProduct(input: $i) { productCode } }`,
            { i: matrixProduct(ctx, ctx.someHiddenOrg) },
          ),
          `${ctx.role} registering a product for ${ctx.someHiddenOrg}`,
        );
    },
  },
  'Query.dataQuality': {
    allow: ['trust_lead', 'admin'],
    operation: `{ dataQuality { orgCode headcount peopleWithoutArchetype } }`,
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.dataQuality.map((d: any) => d.orgCode),
        ctx,
      );
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(`{ dataQuality(orgCode: "${ctx.someHiddenOrg}") { orgCode } }`),
          `${ctx.role} asking for ${ctx.someHiddenOrg}'s data quality`,
        );
    },
  },
};

/** A product whose audience is a department no one works in, so it adds no needs to shared test data. */
const matrixProduct = (ctx: MatrixContext, orgCode: string) => ({
  orgCode,
  productCode: `M${ctx
    .unique()
    .replace(/[^0-9]/g, '')
    .slice(-10)}`,
  name: 'Matrix test product',
  liveFrom: '2026-01-01',
  audience: [{ department: 'Authorisation matrix test department' }],
});
