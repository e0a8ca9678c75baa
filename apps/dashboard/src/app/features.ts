// The web feature libs the dashboard is made of, in header navigation order. A new feature lib exports a
// WebFeature from its index (routes with lazily loaded pages, nav entries) and is added here.
import type { WebFeature } from '@aiwr/web-data-access';
import { accessFeature } from '@aiwr/web-access';
import { coverageFeature } from '@aiwr/web-coverage';
import { archetypesFeature } from '@aiwr/web-archetypes';
import { ingestFeature } from '@aiwr/web-ingest';
import { qualityFeature } from '@aiwr/web-quality';
import { referenceFeature } from '@aiwr/web-reference';

export const FEATURES: WebFeature[] = [
  coverageFeature,
  archetypesFeature,
  ingestFeature,
  qualityFeature,
  referenceFeature,
  accessFeature,
];

export const NAV_ITEMS = FEATURES.flatMap((f) => f.nav ?? []);
