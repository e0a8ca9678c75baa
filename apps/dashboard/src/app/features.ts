// The web feature libs the dashboard is made of, in header navigation order. A new feature lib exports a
// WebFeature from its index (routes with lazily loaded pages, nav entries) and is added here.
import { pageAt, type WebFeature } from '@aiwr/web-data-access';
import { accessFeature } from '@aiwr/web-access';
import { coverageFeature } from '@aiwr/web-coverage';
import { archetypesFeature } from '@aiwr/web-archetypes';
import { ingestFeature } from '@aiwr/web-ingest';
import { qualityFeature } from '@aiwr/web-quality';
import { planningFeature } from '@aiwr/web-planning';
import { referenceFeature } from '@aiwr/web-reference';
import { reportsFeature } from '@aiwr/web-reports';
import { mappingsFeature } from '@aiwr/web-mappings';

// The report pack prints these pages as its sections (libs/web/reports).
const reports = reportsFeature({
  overview: pageAt(coverageFeature, undefined),
  matrix: pageAt(coverageFeature, 'coverage'),
  compare: pageAt(coverageFeature, 'compare'),
  planning: pageAt(planningFeature, 'planning'),
  data_quality: pageAt(qualityFeature, 'data-quality'),
});

export const FEATURES: WebFeature[] = [
  coverageFeature,
  planningFeature,
  archetypesFeature,
  ingestFeature,
  qualityFeature,
  reports,
  mappingsFeature,
  referenceFeature,
  accessFeature,
];

export const NAV_ITEMS = FEATURES.flatMap((f) => f.nav ?? []);
