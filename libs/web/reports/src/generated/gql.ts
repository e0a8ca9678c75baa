/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ReportSubscriptions {\n    reportSubscriptions {\n      id\n      title\n      sections\n      cadence\n      createdBy\n      createdAt\n      cancelledAt\n      receiving\n      canManage\n      filters {\n        asAt\n        region\n        icb\n        org\n        department\n        staffGroup\n        clinicalArea\n        archetype\n        payBand\n        module\n        layer\n      }\n      recipients {\n        email\n        displayName\n        subscribed\n      }\n    }\n    reportDeliveries(first: 20) {\n      id\n      subscriptionTitle\n      recipient\n      period\n      status\n      attempts\n      scope\n      lastError\n      deliveredAs\n      createdAt\n      sentAt\n      files {\n        kind\n        url\n        expiresAt\n      }\n    }\n  }\n": typeof types.ReportSubscriptionsDocument,
    "\n  mutation SubscribeToReport($input: ReportSubscriptionInput!) {\n    subscribeToReport(input: $input) {\n      id\n    }\n  }\n": typeof types.SubscribeToReportDocument,
    "\n  mutation UnsubscribeFromReport($id: ID!) {\n    unsubscribeFromReport(id: $id) {\n      id\n      receiving\n    }\n  }\n": typeof types.UnsubscribeFromReportDocument,
    "\n  mutation CancelReportSubscription($id: ID!) {\n    cancelReportSubscription(id: $id) {\n      id\n      cancelledAt\n    }\n  }\n": typeof types.CancelReportSubscriptionDocument,
    "\n  mutation SendReportNow($id: ID!) {\n    sendReportNow(id: $id)\n  }\n": typeof types.SendReportNowDocument,
};
const documents: Documents = {
    "\n  query ReportSubscriptions {\n    reportSubscriptions {\n      id\n      title\n      sections\n      cadence\n      createdBy\n      createdAt\n      cancelledAt\n      receiving\n      canManage\n      filters {\n        asAt\n        region\n        icb\n        org\n        department\n        staffGroup\n        clinicalArea\n        archetype\n        payBand\n        module\n        layer\n      }\n      recipients {\n        email\n        displayName\n        subscribed\n      }\n    }\n    reportDeliveries(first: 20) {\n      id\n      subscriptionTitle\n      recipient\n      period\n      status\n      attempts\n      scope\n      lastError\n      deliveredAs\n      createdAt\n      sentAt\n      files {\n        kind\n        url\n        expiresAt\n      }\n    }\n  }\n": types.ReportSubscriptionsDocument,
    "\n  mutation SubscribeToReport($input: ReportSubscriptionInput!) {\n    subscribeToReport(input: $input) {\n      id\n    }\n  }\n": types.SubscribeToReportDocument,
    "\n  mutation UnsubscribeFromReport($id: ID!) {\n    unsubscribeFromReport(id: $id) {\n      id\n      receiving\n    }\n  }\n": types.UnsubscribeFromReportDocument,
    "\n  mutation CancelReportSubscription($id: ID!) {\n    cancelReportSubscription(id: $id) {\n      id\n      cancelledAt\n    }\n  }\n": types.CancelReportSubscriptionDocument,
    "\n  mutation SendReportNow($id: ID!) {\n    sendReportNow(id: $id)\n  }\n": types.SendReportNowDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportSubscriptions {\n    reportSubscriptions {\n      id\n      title\n      sections\n      cadence\n      createdBy\n      createdAt\n      cancelledAt\n      receiving\n      canManage\n      filters {\n        asAt\n        region\n        icb\n        org\n        department\n        staffGroup\n        clinicalArea\n        archetype\n        payBand\n        module\n        layer\n      }\n      recipients {\n        email\n        displayName\n        subscribed\n      }\n    }\n    reportDeliveries(first: 20) {\n      id\n      subscriptionTitle\n      recipient\n      period\n      status\n      attempts\n      scope\n      lastError\n      deliveredAs\n      createdAt\n      sentAt\n      files {\n        kind\n        url\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportSubscriptions {\n    reportSubscriptions {\n      id\n      title\n      sections\n      cadence\n      createdBy\n      createdAt\n      cancelledAt\n      receiving\n      canManage\n      filters {\n        asAt\n        region\n        icb\n        org\n        department\n        staffGroup\n        clinicalArea\n        archetype\n        payBand\n        module\n        layer\n      }\n      recipients {\n        email\n        displayName\n        subscribed\n      }\n    }\n    reportDeliveries(first: 20) {\n      id\n      subscriptionTitle\n      recipient\n      period\n      status\n      attempts\n      scope\n      lastError\n      deliveredAs\n      createdAt\n      sentAt\n      files {\n        kind\n        url\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscribeToReport($input: ReportSubscriptionInput!) {\n    subscribeToReport(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubscribeToReport($input: ReportSubscriptionInput!) {\n    subscribeToReport(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnsubscribeFromReport($id: ID!) {\n    unsubscribeFromReport(id: $id) {\n      id\n      receiving\n    }\n  }\n"): (typeof documents)["\n  mutation UnsubscribeFromReport($id: ID!) {\n    unsubscribeFromReport(id: $id) {\n      id\n      receiving\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelReportSubscription($id: ID!) {\n    cancelReportSubscription(id: $id) {\n      id\n      cancelledAt\n    }\n  }\n"): (typeof documents)["\n  mutation CancelReportSubscription($id: ID!) {\n    cancelReportSubscription(id: $id) {\n      id\n      cancelledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendReportNow($id: ID!) {\n    sendReportNow(id: $id)\n  }\n"): (typeof documents)["\n  mutation SendReportNow($id: ID!) {\n    sendReportNow(id: $id)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;