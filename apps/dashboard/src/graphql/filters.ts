import { graphql } from '../generated';

export const FILTER_OPTIONS = graphql(`
  query FilterOptions($regionCode: String, $icbCode: String) {
    regions {
      code
      name
    }
    icbs(regionCode: $regionCode) {
      code
      name
      regionCode
    }
    organisations(regionCode: $regionCode, icbCode: $icbCode) {
      code
      name
      icbCode
      regionCode
    }
    staffGroups {
      code
      name
    }
    clinicalAreas {
      code
      name
    }
  }
`);
