/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** weekly (Mondays), monthly (the 1st), or after_import (after each import of the recipient's organisations). */
export type ReportCadence =
  | 'after_import'
  | 'monthly'
  | 'weekly';

export type ReportFiltersInput = {
  archetype?: string | null | undefined;
  asAt?: string | null | undefined;
  clinicalArea?: string | null | undefined;
  department?: string | null | undefined;
  icb?: string | null | undefined;
  layer?: string | null | undefined;
  module?: string | null | undefined;
  org?: string | null | undefined;
  payBand?: string | null | undefined;
  region?: string | null | undefined;
  staffGroup?: string | null | undefined;
};

/** A page of the report pack: overview, matrix (coverage matrix), compare or data_quality. */
export type ReportSection =
  | 'compare'
  | 'data_quality'
  | 'matrix'
  | 'overview';

export type ReportSubscriptionInput = {
  cadence: ReportCadence;
  filters?: ReportFiltersInput | null | undefined;
  sections: Array<ReportSection>;
  /** Shown as the email subject. */
  title: string;
};

export type ReportSubscriptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportSubscriptionsQuery = { reportSubscriptions: Array<{ id: string, title: string, sections: Array<ReportSection>, cadence: ReportCadence, createdBy: string, createdAt: string, cancelledAt: string | null, receiving: boolean, canManage: boolean, filters: { asAt: string | null, region: string | null, icb: string | null, org: string | null, department: string | null, staffGroup: string | null, clinicalArea: string | null, archetype: string | null, payBand: string | null, module: string | null, layer: string | null }, recipients: Array<{ email: string, displayName: string, subscribed: boolean }> }>, reportDeliveries: Array<{ id: string, subscriptionTitle: string, recipient: string, period: string, status: string, attempts: number, scope: string | null, lastError: string | null, deliveredAs: string | null, createdAt: string, sentAt: string | null, files: Array<{ kind: string, url: string, expiresAt: string }> }> };

export type SubscribeToReportMutationVariables = Exact<{
  input: ReportSubscriptionInput;
}>;


export type SubscribeToReportMutation = { subscribeToReport: { id: string } };

export type UnsubscribeFromReportMutationVariables = Exact<{
  id: string | number;
}>;


export type UnsubscribeFromReportMutation = { unsubscribeFromReport: { id: string, receiving: boolean } };

export type CancelReportSubscriptionMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelReportSubscriptionMutation = { cancelReportSubscription: { id: string, cancelledAt: string | null } };

export type SendReportNowMutationVariables = Exact<{
  id: string | number;
}>;


export type SendReportNowMutation = { sendReportNow: number };


export const ReportSubscriptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportSubscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportSubscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sections"}},{"kind":"Field","name":{"kind":"Name","value":"cadence"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"receiving"}},{"kind":"Field","name":{"kind":"Name","value":"canManage"}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"icb"}},{"kind":"Field","name":{"kind":"Name","value":"org"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"staffGroup"}},{"kind":"Field","name":{"kind":"Name","value":"clinicalArea"}},{"kind":"Field","name":{"kind":"Name","value":"archetype"}},{"kind":"Field","name":{"kind":"Name","value":"payBand"}},{"kind":"Field","name":{"kind":"Name","value":"module"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recipients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"subscribed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionTitle"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAs"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReportSubscriptionsQuery, ReportSubscriptionsQueryVariables>;
export const SubscribeToReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubscribeToReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscribeToReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubscribeToReportMutation, SubscribeToReportMutationVariables>;
export const UnsubscribeFromReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnsubscribeFromReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unsubscribeFromReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receiving"}}]}}]}}]} as unknown as DocumentNode<UnsubscribeFromReportMutation, UnsubscribeFromReportMutationVariables>;
export const CancelReportSubscriptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelReportSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelReportSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]}}]} as unknown as DocumentNode<CancelReportSubscriptionMutation, CancelReportSubscriptionMutationVariables>;
export const SendReportNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendReportNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendReportNow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<SendReportNowMutation, SendReportNowMutationVariables>;