import { graphql } from '@aiwr/web-data-access';

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
          ...MeasureFields
        }
        denominator {
          ...MeasureFields
        }
        rate {
          ...MeasureFields
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
