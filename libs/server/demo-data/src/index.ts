export { generateDemoFiles, organisationsFor, STAFF_HEADER, COMPLETION_HEADER } from './lib/demo-files';
export type { DemoFiles } from './lib/demo-files';
export { monthEnds, LAST_SNAPSHOT, MONTHS_BY_SIZE } from './lib/demo-sizes';
export type { DemoSize } from './lib/demo-sizes';
export { SeededRandom } from './lib/random';
export { seedDemo } from './lib/seed-demo';
export type { SeedDemoOptions } from './lib/seed-demo';
export { generatePrimaryCareFiles, PRIMARY_CARE_HEADER } from './lib/generate-primary-care';
