export * from './lib/disclosure';
export * from './lib/coverage-measures';
