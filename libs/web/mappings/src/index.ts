// Mappings, course equivalences and coverage targets: the administration page with preview and history.
// The data-quality page links here (/mappings?kind=area|course&org=CODE&value=TEXT).
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const mappingsFeature: WebFeature = {
  name: 'mappings',
  routes: [{ path: 'mappings', Component: lazyPage(() => import('./lib/MappingsPage'), 'MappingsPage') }],
  nav: [{ to: '/mappings', label: 'Mappings' }],
};
