// The dashboard's data layer: the Apollo client, the signed-in session, the filters held in the URL,
// the generated GraphQL types, the shared coverage documents and typed hooks, links to the server's
// exports and uploads, and the page furniture bound to them (filter bar, scope line, print notes).
export { graphql } from './generated';
export type * from './generated/graphql';
export { createApolloClient, setCsrfToken } from './lib/apollo-client';
export {
  RequireSignIn,
  useCurrentUser,
  roleLabel,
  scopeLabel,
  type CurrentUser,
} from './lib/session/current-user';
export * from './lib/filters/filters';
export { useFilters } from './lib/filters/useFilters';
export {
  COVERAGE,
  COVERAGE_ROW_FIELDS,
  FILTER_OPTIONS_IN_SCOPE,
  MEASURE_FIELDS,
} from './lib/coverage/coverage.graphql';
export { useCoverage, useCoverageFilter, useFilterOptions } from './lib/coverage/hooks';
export * from './lib/coverage/coverageColumns';
export { exportUrl, type ExportFormat, type ExportKind } from './lib/exports/exportUrl';
export { ExportLinks } from './lib/exports/ExportLinks';
export { uploadWithProgress, type UploadResult } from './lib/exports/upload';
export { FilterBar, LAYERS } from './lib/page/FilterBar';
export { ScopeLine } from './lib/page/ScopeLine';
export { PrintNotes } from './lib/page/PrintNotes';
export { SiteLayout } from './lib/page/SiteLayout';
export {
  lazyPage,
  pageAt,
  preloadRoute,
  type FeatureRoute,
  type NavItem,
  type WebFeature,
} from './lib/routing';
