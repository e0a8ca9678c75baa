import { graphql } from '../../generated';

// Who is signed in: every page's scope line and access checks read it, and it carries the CSRF token.
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
