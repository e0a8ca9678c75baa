// The overview's query, apart from the other coverage documents: the shell fetches it at startup when the
// overview is the page being opened (see the route's prefetch in the index), so it is in the first chunk.
import { graphql } from '@aiwr/web-data-access';

export const OVERVIEW = graphql(`
  query Overview($filter: CoverageFilter) {
    coverageOverview(filter: $filter) {
      asAt
      headcount {
        ...CardFields
      }
      foundationCoverage {
        ...CardFields
      }
      fullyTrained {
        ...CardFields
      }
      unmetPlaces {
        ...CardFields
      }
      byArchetype {
        ...CoverageRowFields
      }
    }
    coverageTrend(filter: $filter) {
      asAt
      rows {
        ...CoverageRowFields
      }
    }
  }
`);

export const CARD_FIELDS = graphql(`
  fragment CardFields on CoverageCard {
    title
    value {
      ...MeasureFields
    }
    numerator {
      ...MeasureFields
    }
    denominator {
      ...MeasureFields
    }
    percent {
      ...MeasureFields
    }
    targetPct
    amberPct
    rag
  }
`);
