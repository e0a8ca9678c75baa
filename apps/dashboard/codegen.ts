import type { CodegenConfig } from '@graphql-codegen/cli';

// The dashboard's types come from schema.graphql, which is printed from the API's code-first schema.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'apps/dashboard/src/generated/': {
      documents: ['apps/dashboard/src/**/*.{ts,tsx}', '!apps/dashboard/src/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
    // Each web feature lib keeps its GraphQL documents and their generated types to itself.
    'libs/web/reports/src/generated/': {
      documents: ['libs/web/reports/src/**/*.{ts,tsx}', '!libs/web/reports/src/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};
export default config;
