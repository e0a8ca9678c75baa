// Typed hooks for the Mappings page: the lists and history in scope, suggestions for a value, and the
// preview and save of one change.
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import type { ReferenceKind } from '@aiwr/web-data-access';
import {
  CHANGE_REFERENCE_DATA,
  MAPPINGS_DATA,
  MAPPING_SUGGESTIONS,
  PREVIEW_REFERENCE_CHANGE,
} from './mappings.graphql';

export const useMappingsData = (orgCode: string) =>
  useQuery(MAPPINGS_DATA, { variables: { orgCode: orgCode.trim() || null } });

export const useMappingSuggestions = (kind: ReferenceKind, value: string, orgCode: string) =>
  useQuery(MAPPING_SUGGESTIONS, {
    variables: { kind, value, orgCode: orgCode.trim() || null },
    skip: kind === 'COVERAGE_TARGET' || value.trim().length < 2,
  });

/** What-if of a change: always fetched afresh (it depends on data that other people change). */
export const usePreviewReferenceChange = () =>
  useLazyQuery(PREVIEW_REFERENCE_CHANGE, { fetchPolicy: 'no-cache' });

export const useChangeReferenceData = () =>
  useMutation(CHANGE_REFERENCE_DATA, { refetchQueries: [MAPPINGS_DATA] });
