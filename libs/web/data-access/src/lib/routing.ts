// How a web feature lib plugs into the dashboard shell: it exports a WebFeature from its index (its
// routes, each page loaded lazily, and its header navigation entries); the shell lists the features.
import { createElement, useEffect, useState, type ComponentType } from 'react';
import type { ApolloClient } from '@apollo/client';
import { ErrorState, LoadingState } from '@aiwr/web-ui';

export interface NavItem {
  to: string;
  label: string;
  /** Active only on this exact path (the overview at "/"), not on the paths below it. */
  end?: boolean;
}

export interface FeatureRoute {
  /** Relative to the site root; leave out for the index route ("/"). */
  path?: string;
  Component: ComponentType & { preload?: () => Promise<unknown> };
  /**
   * Starts the query the page shows first, for the URL's search parameters, when the page is the one
   * being opened (preloadRoute); the page's own query then finds it in flight or in the cache.
   */
  prefetch?: (client: ApolloClient, params: URLSearchParams) => Promise<unknown>;
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
 * shell: `lazyPage(() => import('./lib/OverviewPage'), 'OverviewPage')`. `preload()` starts loading it
 * ahead (preloadRoute); a page loaded before it is first rendered renders at once.
 * The loading is state, not Suspense: React reveals a suspended tree no sooner than 300 ms after its
 * fallback appeared, which held back every first page that arrived after the sign-in check.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType & { preload: () => Promise<unknown> } {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () => {
    loading ??= load().then((m) => (loaded = m[name]));
    // A failed load (e.g. a chunk gone after a new release) is tried again on the next visit.
    loading.catch(() => (loading = undefined));
    return loading;
  };
  function Page() {
    const [, setReady] = useState(false);
    const [error, setError] = useState<Error>();
    useEffect(() => {
      if (!loaded) preload().then(() => setReady(true), setError);
    }, []);
    if (loaded) return createElement(loaded);
    if (error) return createElement(ErrorState, { title: 'This page could not be loaded', error });
    return createElement(LoadingState, { what: 'the page' });
  }
  return Object.assign(Page, { preload });
}

/**
 * Starts loading the page at `location` (its code, and the data it shows first) while the shell checks
 * the sign-in, instead of after it: on a first visit that takes two round trips off the first chart.
 */
export function preloadRoute(
  routes: FeatureRoute[],
  client: ApolloClient,
  location: { pathname: string; search: string },
) {
  const path = location.pathname.replace(/^\/+|\/+$/g, '');
  const route = routes.find((r) => (r.path ?? '') === path);
  if (!route) return;
  // Failures are left to the page, which asks again and shows them (signed out: the sign-in page).
  route.Component.preload?.().catch(() => undefined);
  route.prefetch?.(client, new URLSearchParams(location.search)).catch(() => undefined);
}

/** A feature's page by its route (undefined: the index page), for pages one feature shows inside another. */
export function pageAt(feature: WebFeature, path: string | undefined) {
  const route = feature.routes.find((r) => r.path === path);
  if (!route) throw new Error(`no page at ${path ?? '/'} in ${feature.name}`);
  return route.Component;
}
