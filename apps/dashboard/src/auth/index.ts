// Sign-in for the dashboard: the Apollo client (cookie session + CSRF header), the sign-in page,
// RequireSignIn around every page, useCurrentUser(), and the header's account/sign-out menu.
export { createApolloClient, setCsrfToken } from './apollo-client';
export { RequireSignIn, useCurrentUser, roleLabel, scopeLabel } from './current-user';
export type { CurrentUser } from './current-user';
export { SignInPage } from './SignInPage';
export { AccountMenu } from './AccountMenu';
