import { graphql } from '../generated';

// Every coverage row the dashboard shows carries the same measures.
export const COVERAGE_ROW_FIELDS = graphql(`
  fragment CoverageRowFields on CoverageRow {
    asAt
    keys {
      dimension
      code
      label
    }
    headcount {
      value
      suppressed
      rounded
    }
    needed {
      value
      suppressed
      rounded
    }
    met {
      value
      suppressed
      rounded
    }
    unmet {
      value
      suppressed
      rounded
    }
    coveragePct {
      value
      suppressed
      rounded
    }
    foundationMet {
      value
      suppressed
      rounded
    }
    foundationPct {
      value
      suppressed
      rounded
    }
    fullyTrained {
      value
      suppressed
      rounded
    }
    fullyTrainedPct {
      value
      suppressed
      rounded
    }
    archetypeMet {
      value
      suppressed
      rounded
    }
    archetypeCoveragePct {
      value
      suppressed
      rounded
    }
    targetPct
    amberPct
    rag
    disclosureControlled
  }
`);

export const COVERAGE = graphql(`
  query Coverage($filter: CoverageFilter, $groupBy: [CoverageDimension!]) {
    coverage(filter: $filter, groupBy: $groupBy) {
      asAt
      rows {
        ...CoverageRowFields
      }
      total {
        ...CoverageRowFields
      }
    }
  }
`);

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
      value
      suppressed
      rounded
    }
    numerator {
      value
      suppressed
      rounded
    }
    denominator {
      value
      suppressed
      rounded
    }
    percent {
      value
      suppressed
      rounded
    }
    targetPct
    amberPct
    rag
  }
`);

export const FILTER_OPTIONS_IN_SCOPE = graphql(`
  query CoverageFilterOptions($filter: CoverageFilter) {
    coverageFilterOptions(filter: $filter) {
      regions {
        code
        label
      }
      icbs {
        code
        label
      }
      organisations {
        code
        label
      }
      departments {
        code
        label
      }
      staffGroups {
        code
        label
      }
      clinicalAreas {
        code
        label
      }
      payBands {
        code
        label
      }
      archetypes {
        code
        label
      }
    }
    snapshotDates(filter: $filter)
    modules: coverage(filter: $filter, groupBy: [MODULE]) {
      rows {
        keys {
          code
          label
        }
      }
    }
  }
`);

export const DISTRIBUTION = graphql(`
  query Distribution($filter: CoverageFilter, $measure: DistributionMeasure) {
    coverageDistribution(filter: $filter, measure: $measure) {
      asAt
      measure
      nationalRate
      points {
        orgCode
        orgName
        numerator {
          value
          suppressed
          rounded
        }
        denominator {
          value
          suppressed
          rounded
        }
        rate {
          value
          suppressed
          rounded
        }
        lower95
        upper95
        lower998
        upper998
      }
    }
  }
`);

export const COMPARE_ORGANISATION = graphql(`
  query CompareOrganisation($filter: CoverageFilter!, $peerGroup: PeerGroup) {
    compareOrganisations(filter: $filter, peerGroup: $peerGroup) {
      asAt
      organisation
      peerDescription
      comparators {
        level
        code
        label
        organisations
        row {
          ...CoverageRowFields
        }
      }
    }
  }
`);

export const PEOPLE = graphql(`
  query People($filter: CoverageFilter, $first: Int, $after: String) {
    people(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          personKey
          orgCode
          asAt
          archetypes
          fte
          assignmentCount
          modulesNeeded
          modulesMet
          fullyTrained
          assignments {
            staffGroupCode
            clinicalAreaCode
            department
            payBand
          }
        }
      }
    }
  }
`);
