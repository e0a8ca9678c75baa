import type { CodegenConfig } from '@graphql-codegen/cli';

// The dashboard's types come from schema.graphql, which is printed from the API's code-first schema.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['apps/dashboard/src/**/*.{ts,tsx}', '!apps/dashboard/src/generated/**'],
  generates: {
    'apps/dashboard/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};
export default config;
