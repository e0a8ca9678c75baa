/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CurrentUser {\n    me {\n      id\n      email\n      displayName\n      role\n      grants {\n        type\n        code\n      }\n      csrfToken\n    }\n  }\n": typeof types.CurrentUserDocument,
    "\n  query SignInOptions {\n    oidcSignInEnabled\n  }\n": typeof types.SignInOptionsDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      id\n      csrfToken\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query FilterOptions($regionCode: String, $icbCode: String) {\n    regions {\n      code\n      name\n    }\n    icbs(regionCode: $regionCode) {\n      code\n      name\n      regionCode\n    }\n    organisations(regionCode: $regionCode, icbCode: $icbCode) {\n      code\n      name\n      icbCode\n      regionCode\n    }\n    staffGroups {\n      code\n      name\n    }\n    clinicalAreas {\n      code\n      name\n    }\n  }\n": typeof types.FilterOptionsDocument,
    "\n  query OrganisationsPage($regionCode: String) {\n    regions {\n      code\n      name\n    }\n    organisations(regionCode: $regionCode) {\n      code\n      name\n      icbCode\n      trustType\n    }\n  }\n": typeof types.OrganisationsPageDocument,
    "\n  query Session {\n    me {\n      id\n      email\n      displayName\n      role\n      csrfToken\n      grants {\n        type\n        code\n      }\n    }\n  }\n": typeof types.SessionDocument,
};
const documents: Documents = {
    "\n  query CurrentUser {\n    me {\n      id\n      email\n      displayName\n      role\n      grants {\n        type\n        code\n      }\n      csrfToken\n    }\n  }\n": types.CurrentUserDocument,
    "\n  query SignInOptions {\n    oidcSignInEnabled\n  }\n": types.SignInOptionsDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      id\n      csrfToken\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query FilterOptions($regionCode: String, $icbCode: String) {\n    regions {\n      code\n      name\n    }\n    icbs(regionCode: $regionCode) {\n      code\n      name\n      regionCode\n    }\n    organisations(regionCode: $regionCode, icbCode: $icbCode) {\n      code\n      name\n      icbCode\n      regionCode\n    }\n    staffGroups {\n      code\n      name\n    }\n    clinicalAreas {\n      code\n      name\n    }\n  }\n": types.FilterOptionsDocument,
    "\n  query OrganisationsPage($regionCode: String) {\n    regions {\n      code\n      name\n    }\n    organisations(regionCode: $regionCode) {\n      code\n      name\n      icbCode\n      trustType\n    }\n  }\n": types.OrganisationsPageDocument,
    "\n  query Session {\n    me {\n      id\n      email\n      displayName\n      role\n      csrfToken\n      grants {\n        type\n        code\n      }\n    }\n  }\n": types.SessionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentUser {\n    me {\n      id\n      email\n      displayName\n      role\n      grants {\n        type\n        code\n      }\n      csrfToken\n    }\n  }\n"): (typeof documents)["\n  query CurrentUser {\n    me {\n      id\n      email\n      displayName\n      role\n      grants {\n        type\n        code\n      }\n      csrfToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInOptions {\n    oidcSignInEnabled\n  }\n"): (typeof documents)["\n  query SignInOptions {\n    oidcSignInEnabled\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      id\n      csrfToken\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      id\n      csrfToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterOptions($regionCode: String, $icbCode: String) {\n    regions {\n      code\n      name\n    }\n    icbs(regionCode: $regionCode) {\n      code\n      name\n      regionCode\n    }\n    organisations(regionCode: $regionCode, icbCode: $icbCode) {\n      code\n      name\n      icbCode\n      regionCode\n    }\n    staffGroups {\n      code\n      name\n    }\n    clinicalAreas {\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query FilterOptions($regionCode: String, $icbCode: String) {\n    regions {\n      code\n      name\n    }\n    icbs(regionCode: $regionCode) {\n      code\n      name\n      regionCode\n    }\n    organisations(regionCode: $regionCode, icbCode: $icbCode) {\n      code\n      name\n      icbCode\n      regionCode\n    }\n    staffGroups {\n      code\n      name\n    }\n    clinicalAreas {\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationsPage($regionCode: String) {\n    regions {\n      code\n      name\n    }\n    organisations(regionCode: $regionCode) {\n      code\n      name\n      icbCode\n      trustType\n    }\n  }\n"): (typeof documents)["\n  query OrganisationsPage($regionCode: String) {\n    regions {\n      code\n      name\n    }\n    organisations(regionCode: $regionCode) {\n      code\n      name\n      icbCode\n      trustType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      id\n      email\n      displayName\n      role\n      csrfToken\n      grants {\n        type\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      id\n      email\n      displayName\n      role\n      csrfToken\n      grants {\n        type\n        code\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;