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
    "\n  query MappingsData($orgCode: String) {\n    areaOfWorkMappings(orgCode: $orgCode) {\n      orgCode\n      areaOfWork\n      clinicalAreaCode\n      clinicalAreaName\n      version\n      updatedBy\n    }\n    courseEquivalences(orgCode: $orgCode) {\n      orgCode\n      courseName\n      moduleCode\n      moduleTitle\n      version\n      updatedBy\n    }\n    coverageTargets(orgCode: $orgCode) {\n      orgCode\n      regionCode\n      layer\n      moduleCode\n      effectiveFrom\n      targetPct\n      amberPct\n      version\n    }\n    referenceDataHistory(orgCode: $orgCode) {\n      id\n      kind\n      orgCode\n      regionCode\n      subject\n      version\n      before\n      after\n      author\n      reason\n      at\n    }\n  }\n": typeof types.MappingsDataDocument,
    "\n  query MappingSuggestions($kind: ReferenceKind!, $value: String!, $orgCode: String) {\n    mappingSuggestions(kind: $kind, value: $value, orgCode: $orgCode) {\n      code\n      name\n      matchedOn\n      score\n    }\n  }\n": typeof types.MappingSuggestionsDocument,
    "\n  query PreviewReferenceChange($change: ReferenceChangeInput!) {\n    previewReferenceChange(change: $change) {\n      peopleMoved\n      completionsCounted\n      moves {\n        fromCode\n        toCode\n        people\n      }\n      organisations {\n        orgCode\n        orgName\n        asAt\n        headcount\n        peopleMoved\n        unmappedBefore\n        unmappedAfter\n        needsMetBefore\n        needsMetAfter\n        fullyTrainedBefore\n        fullyTrainedAfter\n        coveragePct\n        targetPctBefore\n        targetPctAfter\n        ragBefore\n        ragAfter\n      }\n    }\n  }\n": typeof types.PreviewReferenceChangeDocument,
    "\n  mutation ChangeReferenceData($change: ReferenceChangeInput!, $reason: String!) {\n    changeReferenceData(change: $change, reason: $reason) {\n      kind\n      subject\n      version\n      organisationsReevaluated\n    }\n  }\n": typeof types.ChangeReferenceDataDocument,
};
const documents: Documents = {
    "\n  query MappingsData($orgCode: String) {\n    areaOfWorkMappings(orgCode: $orgCode) {\n      orgCode\n      areaOfWork\n      clinicalAreaCode\n      clinicalAreaName\n      version\n      updatedBy\n    }\n    courseEquivalences(orgCode: $orgCode) {\n      orgCode\n      courseName\n      moduleCode\n      moduleTitle\n      version\n      updatedBy\n    }\n    coverageTargets(orgCode: $orgCode) {\n      orgCode\n      regionCode\n      layer\n      moduleCode\n      effectiveFrom\n      targetPct\n      amberPct\n      version\n    }\n    referenceDataHistory(orgCode: $orgCode) {\n      id\n      kind\n      orgCode\n      regionCode\n      subject\n      version\n      before\n      after\n      author\n      reason\n      at\n    }\n  }\n": types.MappingsDataDocument,
    "\n  query MappingSuggestions($kind: ReferenceKind!, $value: String!, $orgCode: String) {\n    mappingSuggestions(kind: $kind, value: $value, orgCode: $orgCode) {\n      code\n      name\n      matchedOn\n      score\n    }\n  }\n": types.MappingSuggestionsDocument,
    "\n  query PreviewReferenceChange($change: ReferenceChangeInput!) {\n    previewReferenceChange(change: $change) {\n      peopleMoved\n      completionsCounted\n      moves {\n        fromCode\n        toCode\n        people\n      }\n      organisations {\n        orgCode\n        orgName\n        asAt\n        headcount\n        peopleMoved\n        unmappedBefore\n        unmappedAfter\n        needsMetBefore\n        needsMetAfter\n        fullyTrainedBefore\n        fullyTrainedAfter\n        coveragePct\n        targetPctBefore\n        targetPctAfter\n        ragBefore\n        ragAfter\n      }\n    }\n  }\n": types.PreviewReferenceChangeDocument,
    "\n  mutation ChangeReferenceData($change: ReferenceChangeInput!, $reason: String!) {\n    changeReferenceData(change: $change, reason: $reason) {\n      kind\n      subject\n      version\n      organisationsReevaluated\n    }\n  }\n": types.ChangeReferenceDataDocument,
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
export function graphql(source: "\n  query MappingsData($orgCode: String) {\n    areaOfWorkMappings(orgCode: $orgCode) {\n      orgCode\n      areaOfWork\n      clinicalAreaCode\n      clinicalAreaName\n      version\n      updatedBy\n    }\n    courseEquivalences(orgCode: $orgCode) {\n      orgCode\n      courseName\n      moduleCode\n      moduleTitle\n      version\n      updatedBy\n    }\n    coverageTargets(orgCode: $orgCode) {\n      orgCode\n      regionCode\n      layer\n      moduleCode\n      effectiveFrom\n      targetPct\n      amberPct\n      version\n    }\n    referenceDataHistory(orgCode: $orgCode) {\n      id\n      kind\n      orgCode\n      regionCode\n      subject\n      version\n      before\n      after\n      author\n      reason\n      at\n    }\n  }\n"): (typeof documents)["\n  query MappingsData($orgCode: String) {\n    areaOfWorkMappings(orgCode: $orgCode) {\n      orgCode\n      areaOfWork\n      clinicalAreaCode\n      clinicalAreaName\n      version\n      updatedBy\n    }\n    courseEquivalences(orgCode: $orgCode) {\n      orgCode\n      courseName\n      moduleCode\n      moduleTitle\n      version\n      updatedBy\n    }\n    coverageTargets(orgCode: $orgCode) {\n      orgCode\n      regionCode\n      layer\n      moduleCode\n      effectiveFrom\n      targetPct\n      amberPct\n      version\n    }\n    referenceDataHistory(orgCode: $orgCode) {\n      id\n      kind\n      orgCode\n      regionCode\n      subject\n      version\n      before\n      after\n      author\n      reason\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingSuggestions($kind: ReferenceKind!, $value: String!, $orgCode: String) {\n    mappingSuggestions(kind: $kind, value: $value, orgCode: $orgCode) {\n      code\n      name\n      matchedOn\n      score\n    }\n  }\n"): (typeof documents)["\n  query MappingSuggestions($kind: ReferenceKind!, $value: String!, $orgCode: String) {\n    mappingSuggestions(kind: $kind, value: $value, orgCode: $orgCode) {\n      code\n      name\n      matchedOn\n      score\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewReferenceChange($change: ReferenceChangeInput!) {\n    previewReferenceChange(change: $change) {\n      peopleMoved\n      completionsCounted\n      moves {\n        fromCode\n        toCode\n        people\n      }\n      organisations {\n        orgCode\n        orgName\n        asAt\n        headcount\n        peopleMoved\n        unmappedBefore\n        unmappedAfter\n        needsMetBefore\n        needsMetAfter\n        fullyTrainedBefore\n        fullyTrainedAfter\n        coveragePct\n        targetPctBefore\n        targetPctAfter\n        ragBefore\n        ragAfter\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewReferenceChange($change: ReferenceChangeInput!) {\n    previewReferenceChange(change: $change) {\n      peopleMoved\n      completionsCounted\n      moves {\n        fromCode\n        toCode\n        people\n      }\n      organisations {\n        orgCode\n        orgName\n        asAt\n        headcount\n        peopleMoved\n        unmappedBefore\n        unmappedAfter\n        needsMetBefore\n        needsMetAfter\n        fullyTrainedBefore\n        fullyTrainedAfter\n        coveragePct\n        targetPctBefore\n        targetPctAfter\n        ragBefore\n        ragAfter\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeReferenceData($change: ReferenceChangeInput!, $reason: String!) {\n    changeReferenceData(change: $change, reason: $reason) {\n      kind\n      subject\n      version\n      organisationsReevaluated\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeReferenceData($change: ReferenceChangeInput!, $reason: String!) {\n    changeReferenceData(change: $change, reason: $reason) {\n      kind\n      subject\n      version\n      organisationsReevaluated\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;