// Typed hook for the organisation hierarchy: the regions, and the open trusts of one region (or all).
import { useQuery } from '@apollo/client/react';
import { ORGANISATIONS_PAGE } from './reference.graphql';

export const useOrganisations = (regionCode: string | undefined) =>
  useQuery(ORGANISATIONS_PAGE, { variables: { regionCode } });
