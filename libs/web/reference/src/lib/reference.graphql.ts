import { graphql } from '@aiwr/web-data-access';

export const ORGANISATIONS_PAGE = graphql(`
  query OrganisationsPage($regionCode: String) {
    regions {
      code
      name
    }
    organisations(regionCode: $regionCode) {
      code
      name
      icbCode
      trustType
    }
  }
`);
