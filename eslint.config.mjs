// Lint and architecture rules. Module boundaries are an error: tags are scope (who runs it) x type (layer).
// Web: app -> feature -> data-access -> ui -> domain, and no web feature imports another (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import globals from 'globals';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'test-artifacts/**',
      'libs/web/data-access/src/generated/**',
      '.bench/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A lib is used through its small public index only, never by reaching into its files.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aiwr/*/**'], message: 'Import the lib through its index (@aiwr/<lib>).' }] },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data',
                'type:data-access',
                'type:ui',
                'type:domain',
              ],
            },
            // Server features may use each other through their public index (Nest modules import modules).
            {
              allSourceTags: ['scope:server', 'type:feature'],
              onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:domain'],
            },
            // Web features never import each other: what two features share belongs in data-access or ui.
            {
              allSourceTags: ['scope:web', 'type:feature'],
              onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:domain'],
            },
            // Web data-access: Apollo client, session, URL filters, generated types, and the page furniture
            // bound to them (filter bar, scope line), which renders with ui components.
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:domain'],
            },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:domain'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['*'] },
            // Server domains, one way: access ← ingest; access ← archetypes ← coverage ← reporting.
            // Writers (ingest, archetype rules and products) reach the recompute, which coverage owns,
            // only through the RECOMPUTE port in @aiwr/server-core; the application wires it.
            {
              sourceTag: 'domain:access',
              notDependOnLibsWithTags: [
                'domain:ingest',
                'domain:archetypes',
                'domain:coverage',
                'domain:reporting',
              ],
            },
            {
              sourceTag: 'domain:ingest',
              notDependOnLibsWithTags: ['domain:archetypes', 'domain:coverage', 'domain:reporting'],
            },
            {
              sourceTag: 'domain:archetypes',
              notDependOnLibsWithTags: ['domain:ingest', 'domain:coverage', 'domain:reporting'],
            },
            { sourceTag: 'domain:coverage', notDependOnLibsWithTags: ['domain:ingest', 'domain:reporting'] },
            { sourceTag: 'domain:reporting', notDependOnLibsWithTags: ['domain:ingest'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may also use the shared test support (tags scope:test / type:test).
    files: ['**/*.spec.{ts,tsx}', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', 'scope:test'] },
            {
              sourceTag: 'scope:server',
              onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:test'],
            },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared', 'scope:test'] },
            { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
