import { graphql } from '../generated';

export const CURRENT_USER = graphql(`
  query CurrentUser {
    me {
      id
      email
      displayName
      role
      grants {
        type
        code
      }
      csrfToken
    }
  }
`);

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
