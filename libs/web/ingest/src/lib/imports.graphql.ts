import { graphql } from '@aiwr/web-data-access';

export const IMPORT_RECORD_FIELDS = graphql(`
  fragment ImportRecordFields on ImportRecord {
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
`);

export const IMPORT_HISTORY = graphql(`
  query ImportHistory($first: Int!, $after: String) {
    imports(first: $first, after: $after) {
      hasMore
      endCursor
      items {
        ...ImportRecordFields
      }
    }
  }
`);

export const IMPORT_RECORD = graphql(`
  query ImportRecord($id: ID!) {
    importRecord(id: $id) {
      ...ImportRecordFields
    }
  }
`);

export const IMPORT_PROGRESS = graphql(`
  query ImportProgress($id: ID!) {
    importProgress(id: $id) {
      phase
      percent
      rowsProcessed
      done
    }
  }
`);
