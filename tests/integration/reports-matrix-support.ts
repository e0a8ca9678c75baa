/**
 * Authorisation-matrix entries for report subscriptions (libs/server/subscriptions). The deeper pairs
 * (another user's subscription, group recipients outside a filter, downloads, unsubscribe links) are in
 * report-packs.int-spec.ts.
 */
import type { Role } from '@aiwr/server-access';
import {
  expectForbidden,
  expectOrgsInScope,
  type MatrixContext,
  type MatrixEntry,
} from './authorisation-matrix';

// Helpers from authorisation-matrix.ts are used only inside callbacks: the two files import each other.
const EVERYONE: readonly Role[] = ['trust_lead', 'planner', 'analyst', 'admin'];

const input = (ctx: MatrixContext, org: string | null) => ({
  title: `Matrix pack ${ctx.unique()}`,
  sections: ['overview'],
  cadence: 'monthly',
  filters: org ? { org } : {},
});

/** A subscription of the caller's own (the matrix runs mutations on something the caller may change). */
async function ownSubscription(ctx: MatrixContext): Promise<string> {
  const res = await ctx.gql(
    `mutation($input: ReportSubscriptionInput!) { subscribeToReport(input: $input) { id } }`,
    { input: input(ctx, ctx.someVisibleOrg) },
  );
  if (res.errors) throw new Error(`creating a subscription as ${ctx.role}: ${JSON.stringify(res.errors)}`);
  return res.data.subscribeToReport.id;
}

/** A subscription filtered on a place outside the caller's scope is refused. */
async function refusesHiddenOrg(ctx: MatrixContext, operation: string, extra: Record<string, unknown> = {}) {
  if (!ctx.someHiddenOrg) return;
  expectForbidden(
    await ctx.gql(operation, { ...extra, input: input(ctx, ctx.someHiddenOrg) }),
    `${ctx.role} hidden org`,
  );
}

const SUBSCRIBE = `mutation($input: ReportSubscriptionInput!) { subscribeToReport(input: $input) { id filters { org } } }`;
const UPDATE = `mutation($id: ID!, $input: ReportSubscriptionInput!) { updateReportSubscription(id: $id, input: $input) { filters { org } } }`;

export const REPORT_MATRIX_ENTRIES: Record<string, MatrixEntry> = {
  'Query.reportSubscriptions': {
    allow: EVERYONE,
    operation: `{ reportSubscriptions { id filters { org } recipients { email } } }`,
    checkScope: (data, ctx) =>
      expectOrgsInScope(
        data.reportSubscriptions.map((s: any) => s.filters.org),
        ctx,
      ),
  },
  'Query.reportDeliveries': {
    allow: EVERYONE,
    operation: `{ reportDeliveries { recipient scope status } }`,
    unscoped: "the caller's own sends and those of subscriptions they set up: status rows, no figures",
  },
  'Mutation.subscribeToReport': {
    allow: EVERYONE,
    operation: SUBSCRIBE,
    variables: (ctx) => ({ input: input(ctx, ctx.someVisibleOrg) }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope([data.subscribeToReport.filters.org], ctx);
      await refusesHiddenOrg(ctx, SUBSCRIBE);
    },
  },
  'Mutation.subscribeGroupToReport': {
    allow: ['admin'],
    operation: `mutation($input: ReportSubscriptionInput!, $emails: [String!]!) {
      subscribeGroupToReport(input: $input, recipientEmails: $emails) { id } }`,
    variables: (ctx) => ({ input: input(ctx, 'RJ1'), emails: ['matrix.lead@test.aiwr.local'] }),
    unscoped: 'admins are national; each recipient must see the filtered place (report-packs.int-spec.ts)',
  },
  'Mutation.updateReportSubscription': {
    allow: EVERYONE,
    operation: UPDATE,
    variables: async (ctx) => ({ id: await ownSubscription(ctx), input: input(ctx, ctx.someVisibleOrg) }),
    checkScope: async (data, ctx) => {
      expectOrgsInScope([data.updateReportSubscription.filters.org], ctx);
      await refusesHiddenOrg(ctx, UPDATE, { id: await ownSubscription(ctx) });
    },
  },
  'Mutation.cancelReportSubscription': {
    allow: EVERYONE,
    operation: `mutation($id: ID!) { cancelReportSubscription(id: $id) { cancelledAt } }`,
    variables: async (ctx) => ({ id: await ownSubscription(ctx) }),
    unscoped: "only the caller's own subscriptions (anyone else's: NOT_FOUND, report-packs.int-spec.ts)",
  },
  'Mutation.unsubscribeFromReport': {
    allow: EVERYONE,
    operation: `mutation($id: ID!) { unsubscribeFromReport(id: $id) { receiving } }`,
    variables: async (ctx) => ({ id: await ownSubscription(ctx) }),
    unscoped: "ends the caller's own receipt of a pack",
  },
  'Mutation.sendReportNow': {
    allow: EVERYONE,
    operation: `mutation($id: ID!) { sendReportNow(id: $id) }`,
    variables: async (ctx) => ({ id: await ownSubscription(ctx) }),
    unscoped: "queues the caller's own pack, computed in each recipient's scope when sent",
  },
};
