// Data quality: what the imports could not place (people with no archetype, unmapped areas of work,
// completions matching no one), per trust snapshot.
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const qualityFeature: WebFeature = {
  name: 'quality',
  routes: [
    { path: 'data-quality', Component: lazyPage(() => import('./lib/DataQualityPage'), 'DataQualityPage') },
  ],
  nav: [{ to: '/data-quality', label: 'Data quality' }],
};
