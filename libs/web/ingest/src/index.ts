// Imports: upload a staff list or completions file with progress, the row-level error report, and the
// history of every import the user may see.
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const ingestFeature: WebFeature = {
  name: 'ingest',
  routes: [{ path: 'imports', Component: lazyPage(() => import('./lib/ImportsPage'), 'ImportsPage') }],
  nav: [{ to: '/imports', label: 'Imports' }],
};
