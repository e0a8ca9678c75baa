import { graphql } from '../../generated';

// A figure under disclosure control (its value, and whether it was suppressed or rounded): every
// measure the dashboard shows is selected through this one fragment.
export const MEASURE_FIELDS = graphql(`
  fragment MeasureFields on Measure {
    value
    suppressed
    rounded
  }
`);

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
      ...MeasureFields
    }
    needed {
      ...MeasureFields
    }
    met {
      ...MeasureFields
    }
    unmet {
      ...MeasureFields
    }
    coveragePct {
      ...MeasureFields
    }
    foundationMet {
      ...MeasureFields
    }
    foundationPct {
      ...MeasureFields
    }
    fullyTrained {
      ...MeasureFields
    }
    fullyTrainedPct {
      ...MeasureFields
    }
    archetypeMet {
      ...MeasureFields
    }
    archetypeCoveragePct {
      ...MeasureFields
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
