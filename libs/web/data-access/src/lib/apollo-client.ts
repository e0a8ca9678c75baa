import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The session's CSRF token, kept in memory only (never in storage): `signIn` and `me` return it, and
 * every request carries it in `x-csrf-token`, which the API requires on mutations.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const csrfLink = new ApolloLink((operation, forward) => {
  if (csrfToken) {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, 'x-csrf-token': csrfToken },
    }));
  }
  return forward(operation);
});

/** The dashboard's Apollo client: same-origin cookie session plus the CSRF header. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([csrfLink, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache(),
  });
}
