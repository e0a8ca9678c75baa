import type { CodegenConfig } from '@graphql-codegen/cli';

// The dashboard's types come from schema.graphql, which is printed from the API's code-first schema.
// Documents live beside the pages that use them (libs/web/*); the types are generated into the web
// data-access lib, so every feature lib imports `graphql` and the types from @aiwr/web-data-access.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: [
    'libs/web/*/src/**/*.{ts,tsx}',
    'apps/dashboard/src/**/*.{ts,tsx}',
    '!libs/web/data-access/src/generated/**',
    '!**/*.spec.{ts,tsx}',
  ],
  generates: {
    'libs/web/data-access/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};
export default config;
