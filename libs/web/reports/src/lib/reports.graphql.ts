import { graphql } from '@aiwr/web-data-access';

export const REPORT_SUBSCRIPTIONS = graphql(`
  query ReportSubscriptions {
    reportSubscriptions {
      id
      title
      sections
      cadence
      createdBy
      createdAt
      cancelledAt
      receiving
      canManage
      filters {
        asAt
        region
        icb
        org
        department
        staffGroup
        clinicalArea
        archetype
        payBand
        module
        layer
      }
      recipients {
        email
        displayName
        subscribed
      }
    }
    reportDeliveries(first: 20) {
      id
      subscriptionTitle
      recipient
      period
      status
      attempts
      scope
      lastError
      deliveredAs
      createdAt
      sentAt
      files {
        kind
        url
        expiresAt
      }
    }
  }
`);

export const SUBSCRIBE_TO_REPORT = graphql(`
  mutation SubscribeToReport($input: ReportSubscriptionInput!) {
    subscribeToReport(input: $input) {
      id
    }
  }
`);

export const UNSUBSCRIBE_FROM_REPORT = graphql(`
  mutation UnsubscribeFromReport($id: ID!) {
    unsubscribeFromReport(id: $id) {
      id
      receiving
    }
  }
`);

export const CANCEL_REPORT_SUBSCRIPTION = graphql(`
  mutation CancelReportSubscription($id: ID!) {
    cancelReportSubscription(id: $id) {
      id
      cancelledAt
    }
  }
`);

export const SEND_REPORT_NOW = graphql(`
  mutation SendReportNow($id: ID!) {
    sendReportNow(id: $id)
  }
`);
