import { graphql } from '@aiwr/web-data-access';

export const SIGN_IN_OPTIONS = graphql(`
  query SignInOptions {
    oidcSignInEnabled
  }
`);

export const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      id
      csrfToken
    }
  }
`);

export const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);
