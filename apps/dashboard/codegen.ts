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
    // Feature libs carry their own documents and typed client (libs/web/<feature>/src/lib/generated).
    'libs/web/mappings/src/lib/generated/': {
      documents: ['libs/web/mappings/src/**/*.{ts,tsx}', '!libs/web/mappings/src/lib/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};
export default config;
