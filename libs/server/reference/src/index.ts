export { ReferenceModule } from './lib/reference.module';
export { ReferenceService } from './lib/reference.service';
export type { OrganisationFilter } from './lib/reference.service';
export * from './lib/reference.types';
