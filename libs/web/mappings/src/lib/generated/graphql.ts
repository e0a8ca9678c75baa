/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One edit. AREA_OF_WORK: areaOfWork + clinicalAreaCode; COURSE_EQUIVALENCE: courseName + moduleCode; COVERAGE_TARGET: layer or moduleCode (or neither, for all) + targetPct/amberPct + effectiveFrom. orgCode (a trust) or regionCode (targets only) narrows the scope; neither is national. remove deletes the row of that scope. */
export type ReferenceChangeInput = {
  /** default: the target itself */
  amberPct?: number | null | undefined;
  areaOfWork?: string | null | undefined;
  clinicalAreaCode?: string | null | undefined;
  courseName?: string | null | undefined;
  /** YYYY-MM-DD; targets only; default today */
  effectiveFrom?: string | null | undefined;
  kind: ReferenceKind;
  layer?: string | null | undefined;
  moduleCode?: string | null | undefined;
  orgCode?: string | null | undefined;
  regionCode?: string | null | undefined;
  remove?: boolean | null | undefined;
  targetPct?: number | null | undefined;
};

/** Reference data a trust or an administrator can fix in the product. */
export type ReferenceKind =
  | 'AREA_OF_WORK'
  | 'COURSE_EQUIVALENCE'
  | 'COVERAGE_TARGET';

export type MappingsDataQueryVariables = Exact<{
  orgCode?: string | null | undefined;
}>;


export type MappingsDataQuery = { areaOfWorkMappings: Array<{ orgCode: string | null, areaOfWork: string, clinicalAreaCode: string, clinicalAreaName: string, version: number, updatedBy: string | null }>, courseEquivalences: Array<{ orgCode: string | null, courseName: string, moduleCode: string, moduleTitle: string, version: number, updatedBy: string }>, coverageTargets: Array<{ orgCode: string | null, regionCode: string | null, layer: string | null, moduleCode: string | null, effectiveFrom: string, targetPct: number, amberPct: number, version: number }>, referenceDataHistory: Array<{ id: string, kind: ReferenceKind, orgCode: string | null, regionCode: string | null, subject: string, version: number, before: string | null, after: string | null, author: string, reason: string, at: string }> };

export type MappingSuggestionsQueryVariables = Exact<{
  kind: ReferenceKind;
  value: string;
  orgCode?: string | null | undefined;
}>;


export type MappingSuggestionsQuery = { mappingSuggestions: Array<{ code: string, name: string, matchedOn: string, score: number }> };

export type PreviewReferenceChangeQueryVariables = Exact<{
  change: ReferenceChangeInput;
}>;


export type PreviewReferenceChangeQuery = { previewReferenceChange: { peopleMoved: number, completionsCounted: number, moves: Array<{ fromCode: string, toCode: string, people: number }>, organisations: Array<{ orgCode: string, orgName: string, asAt: string, headcount: number, peopleMoved: number, unmappedBefore: number, unmappedAfter: number, needsMetBefore: number, needsMetAfter: number, fullyTrainedBefore: number, fullyTrainedAfter: number, coveragePct: number | null, targetPctBefore: number | null, targetPctAfter: number | null, ragBefore: string | null, ragAfter: string | null }> } };

export type ChangeReferenceDataMutationVariables = Exact<{
  change: ReferenceChangeInput;
  reason: string;
}>;


export type ChangeReferenceDataMutation = { changeReferenceData: { kind: ReferenceKind, subject: string, version: number, organisationsReevaluated: number } };


export const MappingsDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MappingsData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areaOfWorkMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgCode"}},{"kind":"Field","name":{"kind":"Name","value":"areaOfWork"}},{"kind":"Field","name":{"kind":"Name","value":"clinicalAreaCode"}},{"kind":"Field","name":{"kind":"Name","value":"clinicalAreaName"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"courseEquivalences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgCode"}},{"kind":"Field","name":{"kind":"Name","value":"courseName"}},{"kind":"Field","name":{"kind":"Name","value":"moduleCode"}},{"kind":"Field","name":{"kind":"Name","value":"moduleTitle"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageTargets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgCode"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"moduleCode"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"targetPct"}},{"kind":"Field","name":{"kind":"Name","value":"amberPct"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referenceDataHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"orgCode"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<MappingsDataQuery, MappingsDataQueryVariables>;
export const MappingSuggestionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MappingSuggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferenceKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mappingSuggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}},{"kind":"Argument","name":{"kind":"Name","value":"orgCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orgCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"matchedOn"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]} as unknown as DocumentNode<MappingSuggestionsQuery, MappingSuggestionsQueryVariables>;
export const PreviewReferenceChangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewReferenceChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"change"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferenceChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewReferenceChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"change"},"value":{"kind":"Variable","name":{"kind":"Name","value":"change"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"peopleMoved"}},{"kind":"Field","name":{"kind":"Name","value":"completionsCounted"}},{"kind":"Field","name":{"kind":"Name","value":"moves"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromCode"}},{"kind":"Field","name":{"kind":"Name","value":"toCode"}},{"kind":"Field","name":{"kind":"Name","value":"people"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgCode"}},{"kind":"Field","name":{"kind":"Name","value":"orgName"}},{"kind":"Field","name":{"kind":"Name","value":"asAt"}},{"kind":"Field","name":{"kind":"Name","value":"headcount"}},{"kind":"Field","name":{"kind":"Name","value":"peopleMoved"}},{"kind":"Field","name":{"kind":"Name","value":"unmappedBefore"}},{"kind":"Field","name":{"kind":"Name","value":"unmappedAfter"}},{"kind":"Field","name":{"kind":"Name","value":"needsMetBefore"}},{"kind":"Field","name":{"kind":"Name","value":"needsMetAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fullyTrainedBefore"}},{"kind":"Field","name":{"kind":"Name","value":"fullyTrainedAfter"}},{"kind":"Field","name":{"kind":"Name","value":"coveragePct"}},{"kind":"Field","name":{"kind":"Name","value":"targetPctBefore"}},{"kind":"Field","name":{"kind":"Name","value":"targetPctAfter"}},{"kind":"Field","name":{"kind":"Name","value":"ragBefore"}},{"kind":"Field","name":{"kind":"Name","value":"ragAfter"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewReferenceChangeQuery, PreviewReferenceChangeQueryVariables>;
export const ChangeReferenceDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeReferenceData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"change"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferenceChangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeReferenceData"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"change"},"value":{"kind":"Variable","name":{"kind":"Name","value":"change"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"organisationsReevaluated"}}]}}]}}]} as unknown as DocumentNode<ChangeReferenceDataMutation, ChangeReferenceDataMutationVariables>;