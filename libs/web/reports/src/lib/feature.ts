import { createElement, lazy, type ComponentType } from 'react';
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';
import type { PackSection } from './sections';

/**
 * Report packs: the subscriptions page, and the pack's print view, which shows other features' pages one
 * after another. Feature libs never import each other, so the shell passes those pages in.
 */
export function reportsFeature(pages: Record<PackSection, ComponentType>): WebFeature {
  const PackView = lazy(() =>
    import('./ReportPackView').then((m) => ({ default: () => createElement(m.ReportPackView, { pages }) })),
  );
  return {
    name: 'reports',
    routes: [
      { path: 'reports', Component: lazyPage(() => import('./SubscriptionsPage'), 'SubscriptionsPage') },
      { path: 'reports/pack', Component: PackView },
    ],
    nav: [{ to: '/reports', label: 'Reports' }],
  };
}
