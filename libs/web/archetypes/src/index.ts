// Archetypes: who holds each archetype and why (the rules, by people matched), and for administrators
// the rule editor with its what-if preview.
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const archetypesFeature: WebFeature = {
  name: 'archetypes',
  routes: [
    { path: 'archetypes', Component: lazyPage(() => import('./lib/ArchetypesPage'), 'ArchetypesPage') },
  ],
  nav: [{ to: '/archetypes', label: 'Archetypes' }],
};
