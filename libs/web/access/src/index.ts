// Access: the sign-in page (email and password, or the organisation's OIDC sign-in when configured) and
// the header's account menu with sign-out. The session itself (RequireSignIn, useCurrentUser) is in
// @aiwr/web-data-access, because every feature reads it.
import type { WebFeature } from '@aiwr/web-data-access';
import { SignInPage } from './lib/SignInPage';

export { AccountMenu } from './lib/AccountMenu';

export const accessFeature: WebFeature = {
  name: 'access',
  routes: [],
  // Loaded with the shell: it is the first page anyone signed out sees.
  publicRoutes: [{ path: 'sign-in', Component: SignInPage }],
};
