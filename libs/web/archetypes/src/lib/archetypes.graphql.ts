import { graphql } from '@aiwr/web-data-access';

export const RULE_FIELDS = graphql(`
  fragment RuleFields on ArchetypeRule {
    ruleId
    version
    position
    description
    archetypes
    exclude
    source
    reason
    author
    validFrom
    matchCount
    matchCountSuppressed
    when {
      staffGroups
      jobRoles
      occupationCodePrefixes
      areasOfWork
      clinicalAreas
      titleKeywords
      payBands
    }
  }
`);

export const ARCHETYPE_RULES = graphql(`
  query ArchetypeRules {
    archetypeRules {
      ...RuleFields
    }
  }
`);

export const PREVIEW_RULE_CHANGE = graphql(`
  query PreviewRuleChange($change: ArchetypeRuleChangeInput!) {
    previewArchetypeRuleChange(change: $change) {
      peopleGainingAny
      peopleLosingAny
      organisations {
        orgCode
        orgName
        asAt
        headcount
        fullyTrainedBefore
        fullyTrainedAfter
        fullyTrainedPctBefore
        fullyTrainedPctAfter
        archetypes {
          archetype
          holdersBefore
          holdersAfter
          gained
          lost
          coveragePctBefore
          coveragePctAfter
        }
      }
    }
  }
`);

export const UPDATE_RULE = graphql(`
  mutation UpdateArchetypeRule($rule: ArchetypeRuleInput!, $reason: String!) {
    updateArchetypeRule(rule: $rule, reason: $reason) {
      snapshotsReevaluated
      rules {
        ...RuleFields
      }
    }
  }
`);
