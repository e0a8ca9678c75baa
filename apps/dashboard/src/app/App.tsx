import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { pageRoutes, reportPackRoute } from './routes';
import { AccountMenu, createApolloClient, RequireSignIn, SignInPage } from '../auth';

// Cookie session + x-csrf-token header (apps/dashboard/src/auth, engineer C).
const client = createApolloClient();

export function App() {
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <Routes>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="reports/pack" element={<RequireSignIn>{reportPackRoute}</RequireSignIn>} />
          {/* Every page goes in pageRoutes (routes.tsx): it renders only for a signed-in user. */}
          <Route
            element={
              <RequireSignIn>
                <Layout account={<AccountMenu />} />
              </RequireSignIn>
            }
          >
            {pageRoutes}
          </Route>
        </Routes>
      </BrowserRouter>
    </ApolloProvider>
  );
}
