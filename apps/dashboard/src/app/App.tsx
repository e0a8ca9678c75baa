import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter, Route, Routes } from 'react-router';
import {
  createApolloClient,
  preloadRoute,
  RequireSignIn,
  SiteLayout,
  type FeatureRoute,
} from '@aiwr/web-data-access';
import { AccountMenu } from '@aiwr/web-access';
import { FEATURES, NAV_ITEMS } from './features';
import { NotFoundPage } from './NotFoundPage';

// Cookie session + x-csrf-token header (the client is set up in @aiwr/web-data-access).
const client = createApolloClient();
// The page being opened starts loading (its code and first data) alongside the sign-in check.
preloadRoute(
  FEATURES.flatMap((f) => f.routes),
  client,
  window.location,
);

const routeElements = (routes: FeatureRoute[]) =>
  routes.map(({ path, Component }) =>
    path === undefined ? (
      <Route key="(index)" index Component={Component} />
    ) : (
      <Route key={path} path={path} Component={Component} />
    ),
  );

export function App() {
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <Routes>
          {routeElements(FEATURES.flatMap((f) => f.publicRoutes ?? []))}
          {/* Every feature's routes render only for a signed-in user, inside the layout. */}
          <Route
            element={
              <RequireSignIn>
                <SiteLayout account={<AccountMenu />} navItems={NAV_ITEMS} />
              </RequireSignIn>
            }
          >
            {routeElements(FEATURES.flatMap((f) => f.routes))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ApolloProvider>
  );
}
