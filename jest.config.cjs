// Three suites: unit (no I/O), integration (real PostgreSQL, started once in globalSetup), browser
// (real Chromium against the real API). See docs/testing.md.
const { pathsToModuleNameMapper } = require('./scripts/jest-paths.cjs');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
  // pg-boss and two of its dependencies ship only ES modules; SWC turns them into CommonJS for jest
  // (Node 20's jest runtime cannot require ES modules; the API's @swc-node/register already compiles them).
  transformIgnorePatterns: ['/node_modules/(?!(pg-boss|serialize-error|non-error|rrule-temporal)/)'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,db,tests}/**/*.spec.{ts,tsx}'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,db,tests}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tests/support/db-global-setup.mjs',
      globalTeardown: '<rootDir>/tests/support/db-global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tests/support/app-global-setup.mjs',
      globalTeardown: '<rootDir>/tests/support/app-global-teardown.mjs',
    },
  ],
};
