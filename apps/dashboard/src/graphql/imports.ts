import { graphql } from '../generated';

export const IMPORT_HISTORY = graphql(`
  query ImportHistory($first: Int!, $after: String) {
    imports(first: $first, after: $after) {
      hasMore
      endCursor
      items {
        id
        createdAt
        kind
        mode
        fileName
        orgCodes
        asAt
        outcome
        rowsRead
        rowsImported
        rowsSkippedByRule
        rowsRejected
        errorCount
        durationMs
        warnings
        errors {
          line
          column
          value
          code
          message
        }
      }
    }
  }
`);
