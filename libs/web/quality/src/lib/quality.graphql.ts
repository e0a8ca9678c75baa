import { graphql } from '@aiwr/web-data-access';

export const DATA_QUALITY = graphql(`
  query DataQuality($asAt: String, $orgCode: String) {
    dataQuality(asAt: $asAt, orgCode: $orgCode) {
      orgCode
      orgName
      asAt
      headcount
      peopleWithoutArchetype
      unmatchedCompletions
      unmatchedCompletionPeople
      unmappedRoles {
        staffGroupCode
        jobRole
        people
      }
      unmappedAreasOfWork {
        areaOfWork
        people
        assignments
      }
    }
  }
`);
