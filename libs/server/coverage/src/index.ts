export { refreshCoverage, refreshRollups, ROLLUPS_CHANNEL } from './lib/rollups/refresh-rollups';
export { ensureDepartmentRows, writeDepartmentRows } from './lib/rollups/department-rollups';
export type { CoverageTarget } from './lib/rollups/refresh-rollups';
export { CoverageService } from './lib/coverage.service';
export { ComparisonService, sizeBand, MIN_COMPARATOR_ORGANISATIONS } from './lib/comparison.service';
export type { PeerGroup, DistributionMeasure } from './lib/comparison.service';
export type { CoverageResult, CoverageResultRow } from './lib/coverage.service';
export type { CoverageViewer } from './lib/coverage-viewer';
export { viewerFor } from './lib/coverage-viewer';
export type { CoverageFilter, CoverageDimension } from './lib/query/coverage-filter';
export { CoverageModule } from './lib/coverage.module';
export { PeopleService } from './lib/people/people.service';
export { COVERAGE_DIMENSIONS } from './lib/query/coverage-filter';
export { ScopedResponseCache, classifyOperation } from './lib/graphql/scoped-response-cache';
export {
  CoverageFilterInput,
  CoverageKeyType,
  CoverageDimensionEnum,
  MeasureType,
  GeographyBasisEnum,
} from './lib/graphql/coverage.types';
export type { GeographyBasis } from './lib/query/coverage-catalog';
export { CoverageCatalog } from './lib/query/coverage-catalog';
export { recompute, RecomputeModule } from './lib/recompute/recompute';
