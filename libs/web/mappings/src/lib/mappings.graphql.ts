import { graphql } from '@aiwr/web-data-access';

export const MAPPINGS_DATA = graphql(`
  query MappingsData($orgCode: String) {
    areaOfWorkMappings(orgCode: $orgCode) {
      orgCode
      areaOfWork
      clinicalAreaCode
      clinicalAreaName
      version
      updatedBy
    }
    courseEquivalences(orgCode: $orgCode) {
      orgCode
      courseName
      moduleCode
      moduleTitle
      version
      updatedBy
    }
    coverageTargets(orgCode: $orgCode) {
      orgCode
      regionCode
      layer
      moduleCode
      effectiveFrom
      targetPct
      amberPct
      version
    }
    referenceDataHistory(orgCode: $orgCode) {
      id
      kind
      orgCode
      regionCode
      subject
      version
      before
      after
      author
      reason
      at
    }
  }
`);

export const MAPPING_SUGGESTIONS = graphql(`
  query MappingSuggestions($kind: ReferenceKind!, $value: String!, $orgCode: String) {
    mappingSuggestions(kind: $kind, value: $value, orgCode: $orgCode) {
      code
      name
      matchedOn
      score
    }
  }
`);

export const PREVIEW_REFERENCE_CHANGE = graphql(`
  query PreviewReferenceChange($change: ReferenceChangeInput!) {
    previewReferenceChange(change: $change) {
      peopleMoved
      completionsCounted
      moves {
        fromCode
        toCode
        people
      }
      organisations {
        orgCode
        orgName
        asAt
        headcount
        peopleMoved
        unmappedBefore
        unmappedAfter
        needsMetBefore
        needsMetAfter
        fullyTrainedBefore
        fullyTrainedAfter
        coveragePct
        targetPctBefore
        targetPctAfter
        ragBefore
        ragAfter
      }
    }
  }
`);

export const CHANGE_REFERENCE_DATA = graphql(`
  mutation ChangeReferenceData($change: ReferenceChangeInput!, $reason: String!) {
    changeReferenceData(change: $change, reason: $reason) {
      kind
      subject
      version
      organisationsReevaluated
    }
  }
`);
