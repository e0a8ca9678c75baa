import { graphql } from '@aiwr/web-data-access';

export const PLANNING = graphql(`
  query Planning(
    $targetDate: String!
    $filter: CoverageFilter
    $groupBy: [PlanningGroup!]
    $targetPct: Float
    $completionRateFactor: Float
  ) {
    planning(
      targetDate: $targetDate
      filter: $filter
      groupBy: $groupBy
      targetPct: $targetPct
      completionRateFactor: $completionRateFactor
    ) {
      asAt
      targetDate
      windowMonths
      rows {
        keys {
          dimension
          code
          label
        }
        asAt
        organisations
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
        coveragePct {
          value
          suppressed
          rounded
        }
        targetPct
        completionsPerMonth {
          value
          suppressed
          rounded
        }
        churnPerMonthPct
        expiringBeforeTargetDate {
          value
          suppressed
          rounded
        }
        projectedMonth
        reachedAtCurrentRate
        monthsToTargetDate
        placesPerMonth {
          value
          suppressed
          rounded
        }
        extraPlacesPerMonth {
          value
          suppressed
          rounded
        }
        placesTotal {
          value
          suppressed
          rounded
        }
        disclosureControlled
        trajectory {
          month
          coveragePct
          lowPct
          highPct
          withPlacesPct
        }
      }
    }
  }
`);

export const COVERAGE_SPC = graphql(`
  query CoverageSpc($filter: CoverageFilter) {
    coverageSpc(filter: $filter, measure: COVERAGE) {
      mean
      upperLimit
      lowerLimit
      targetPct
      variation
      assurance
      points {
        asAt
        value
        specialCauses
        high
      }
    }
  }
`);
