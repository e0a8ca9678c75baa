// Coverage: the overview, the clinical area × staff group matrix, the drill-down along the NHS hierarchy
// (down to pseudonymised people) and the comparison of trusts and regions.
import { lazyPage, parseFilters, toCoverageFilter, type WebFeature } from '@aiwr/web-data-access';
import { OVERVIEW } from './lib/overview/overview.graphql';

export const coverageFeature: WebFeature = {
  name: 'coverage',
  routes: [
    {
      Component: lazyPage(() => import('./lib/overview/OverviewPage'), 'OverviewPage'),
      // The same variables as useOverview, so the page's query is this one.
      prefetch: (client, params) =>
        client.query({ query: OVERVIEW, variables: { filter: toCoverageFilter(parseFilters(params)) } }),
    },
    {
      path: 'coverage',
      Component: lazyPage(() => import('./lib/matrix/CoverageMatrixPage'), 'CoverageMatrixPage'),
    },
    {
      path: 'drill-down',
      Component: lazyPage(() => import('./lib/drill-down/DrillDownPage'), 'DrillDownPage'),
    },
    { path: 'compare', Component: lazyPage(() => import('./lib/compare/ComparePage'), 'ComparePage') },
  ],
  nav: [
    { to: '/', label: 'Overview', end: true },
    { to: '/coverage', label: 'Coverage matrix' },
    { to: '/drill-down', label: 'Drill-down' },
    { to: '/compare', label: 'Compare' },
  ],
};
