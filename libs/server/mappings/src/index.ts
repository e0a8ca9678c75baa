export { MappingsModule } from './lib/mappings.module';
export { MappingsService, toReferenceChange } from './lib/mappings.service';
export { recomputeAfterReferenceChange } from './lib/recompute';
export type { RecomputeWork } from './lib/recompute';
export type { ReferenceChange } from './lib/reference-change';
export { ReferenceChangeInput, ReferenceKindEnum } from './lib/mappings.types';
