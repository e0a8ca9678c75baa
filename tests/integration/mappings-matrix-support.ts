/**
 * Authorisation-matrix entries for mappings, course equivalences and targets (libs/server/mappings),
 * spread into AUTHORISATION_MATRIX. Reads: everyone, national rows plus the organisations in scope.
 * Preview and change: trust leads for their own trust, administrators for any scope
 * (AccessPolicy.assertCanEditReference). The change made is an override of an area-of-work value no
 * one has, so no figure in the shared test database moves.
 */
import type { Role } from '@aiwr/server-access';
import {
  expectForbidden,
  expectOrgsInScope,
  type MatrixContext,
  type MatrixEntry,
} from './authorisation-matrix';

const EVERYONE: readonly Role[] = ['trust_lead', 'planner', 'analyst', 'admin'];

/** A list field with an orgCode argument: rows in scope, and another organisation's rows refused. */
const listEntry = (field: string, selection: string): MatrixEntry => ({
  allow: EVERYONE,
  operation: `query($org: String) { ${field}(orgCode: $org) { orgCode ${selection} } }`,
  variables: (ctx) => ({ org: ctx.someVisibleOrg }),
  checkScope: async (data, ctx) => {
    expectOrgsInScope(
      data[field].map((r: { orgCode: string | null }) => r.orgCode),
      ctx,
    );
    const all = await ctx.gql(`{ ${field} { orgCode } }`);
    expectOrgsInScope(
      all.data[field].map((r: { orgCode: string | null }) => r.orgCode),
      ctx,
    );
    if (ctx.someHiddenOrg)
      expectForbidden(
        await ctx.gql(`query($org: String) { ${field}(orgCode: $org) { orgCode } }`, {
          org: ctx.someHiddenOrg,
        }),
        `${field} for an organisation outside the scope`,
      );
  },
});

const inertArea = (ctx: MatrixContext, org: string | null) => ({
  kind: 'AREA_OF_WORK',
  orgCode: org,
  areaOfWork: `Matrix area ${ctx.unique()}`,
  clinicalAreaCode: 'medicine',
});

export const MAPPINGS_MATRIX_ENTRIES: Record<string, MatrixEntry> = {
  'Query.areaOfWorkMappings': listEntry('areaOfWorkMappings', 'areaOfWork clinicalAreaCode'),
  'Query.courseEquivalences': listEntry('courseEquivalences', 'courseName moduleCode'),
  'Query.coverageTargets': listEntry('coverageTargets', 'targetPct effectiveFrom'),
  'Query.referenceDataHistory': listEntry('referenceDataHistory', 'subject version'),
  'Query.unmatchedCourses': listEntry('unmatchedCourses', 'courseName completions'),
  'Query.mappingSuggestions': {
    allow: EVERYONE,
    operation: `query($org: String) { mappingSuggestions(kind: AREA_OF_WORK, value: "A&E", orgCode: $org) { code score } }`,
    variables: (ctx) => ({ org: ctx.someVisibleOrg }),
    checkScope: async (_data, ctx) => {
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(
            `query($org: String) { mappingSuggestions(kind: AREA_OF_WORK, value: "A&E", orgCode: $org) { code } }`,
            {
              org: ctx.someHiddenOrg,
            },
          ),
          "suggestions from another organisation's overrides",
        );
    },
  },
  'Query.previewReferenceChange': {
    allow: ['trust_lead', 'admin'],
    operation: `query($c: ReferenceChangeInput!) { previewReferenceChange(change: $c) { organisations { orgCode } peopleMoved } }`,
    variables: (ctx) => ({ c: inertArea(ctx, ctx.someVisibleOrg) }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope(
        data.previewReferenceChange.organisations.map((o: { orgCode: string }) => o.orgCode),
        ctx,
      );
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(
            `query($c: ReferenceChangeInput!) { previewReferenceChange(change: $c) { peopleMoved } }`,
            {
              c: inertArea(ctx, ctx.someHiddenOrg),
            },
          ),
          "a preview of another trust's mapping",
        );
    },
  },
  'Mutation.changeReferenceData': {
    allow: ['trust_lead', 'admin'],
    operation: `mutation($c: ReferenceChangeInput!) { changeReferenceData(change: $c, reason: "matrix") { version } }`,
    variables: (ctx) => ({ c: inertArea(ctx, ctx.someVisibleOrg) }),
    checkScope: async (_data, ctx) => {
      if (ctx.someHiddenOrg)
        expectForbidden(
          await ctx.gql(
            `mutation($c: ReferenceChangeInput!) { changeReferenceData(change: $c, reason: "matrix") { version } }`,
            {
              c: inertArea(ctx, ctx.someHiddenOrg),
            },
          ),
          "a change to another trust's mapping",
        );
    },
  },
};
