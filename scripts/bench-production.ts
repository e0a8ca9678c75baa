/**
 * The API benchmarks run the API as it is deployed (docs/deploying.md): NODE_ENV=production, which also
 * selects graphql-js's production type checks. Imported first, before anything loads graphql.
 */
process.env.NODE_ENV ??= 'production';
