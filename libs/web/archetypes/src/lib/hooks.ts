// Typed hooks for the archetype rules: the rules in use, the what-if preview and saving a new version.
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { ARCHETYPE_RULES, PREVIEW_RULE_CHANGE, UPDATE_RULE } from './archetypes.graphql';

/** The rules in use, with how many people in the caller's scope each one maps. */
export const useArchetypeRules = () => useQuery(ARCHETYPE_RULES);

/** What a change would move (run on demand, never from the cache: the data may have changed). */
export const usePreviewRuleChange = () => useLazyQuery(PREVIEW_RULE_CHANGE, { fetchPolicy: 'network-only' });

/** Saves a rule as a new version, then reloads the rules (with their new match counts). */
export const useUpdateRule = () => useMutation(UPDATE_RULE, { refetchQueries: [ARCHETYPE_RULES] });
