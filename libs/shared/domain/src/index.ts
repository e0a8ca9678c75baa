export * from './lib/disclosure';
export * from './lib/coverage-measures';
export * from './lib/planning';
export * from './lib/spc';
export * from './lib/match-key';
export * from './lib/archetype-rules';
