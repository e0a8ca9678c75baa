// Reference pages: how every figure is calculated (with the accessibility statement), and the NHS
// regions and trusts the figures roll up through. Linked from the footer, not the header.
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const referenceFeature: WebFeature = {
  name: 'reference',
  routes: [
    { path: 'about', Component: lazyPage(() => import('./lib/AboutPage'), 'AboutPage') },
    {
      path: 'organisations',
      Component: lazyPage(() => import('./lib/OrganisationsPage'), 'OrganisationsPage'),
    },
  ],
};
