// How a web feature lib plugs into the dashboard shell: it exports a WebFeature from its index (its
// routes, each page loaded lazily, and its header navigation entries); the shell lists the features.
import { lazy, type ComponentType } from 'react';

export interface NavItem {
  to: string;
  label: string;
  /** Active only on this exact path (the overview at "/"), not on the paths below it. */
  end?: boolean;
}

export interface FeatureRoute {
  /** Relative to the site root; leave out for the index route ("/"). */
  path?: string;
  Component: ComponentType;
}

export interface WebFeature {
  name: string;
  /** Pages for signed-in users, rendered inside the layout. */
  routes: FeatureRoute[];
  /** Pages outside the layout that need no sign-in (only the sign-in page today). */
  publicRoutes?: FeatureRoute[];
  /** Header navigation entries, in the order they appear. */
  nav?: NavItem[];
}

/**
 * A page loaded on first visit to its route (its own chunk), so the first page load carries only the
 * shell: `lazyPage(() => import('./lib/OverviewPage'), 'OverviewPage')`.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  return lazy<ComponentType>(() => load().then((m) => ({ default: m[name] })));
}
