import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BadRequestException } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import {
  ReportDeliveryType,
  ReportSubscriptionInput,
  ReportSubscriptionType,
} from './subscriptions.graphql-types';
import { SubscriptionsService } from './subscriptions.service';
import { ReportQueue } from './report-queue';

/** Report subscriptions and their delivery history (every signed-in user; group subscriptions: admins). */
@Resolver()
export class SubscriptionsResolver {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly queue: ReportQueue,
  ) {}

  @Query(() => [ReportSubscriptionType], {
    description: 'Report packs the caller receives or set up (administrators: all).',
  })
  reportSubscriptions(@CurrentCaller() caller: Caller): Promise<ReportSubscriptionType[]> {
    return this.subscriptions.list(caller);
  }

  @Query(() => [ReportDeliveryType], {
    description: 'Sends of report packs, newest first: your own, and those of subscriptions you manage.',
  })
  reportDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('subscriptionId', { type: () => ID, nullable: true }) subscriptionId?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first?: number,
  ): Promise<ReportDeliveryType[]> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 500) throw new BadRequestException('first must be between 1 and 500.');
    return this.subscriptions.deliveries(caller, subscriptionId ?? null, limit);
  }

  @Mutation(() => ReportSubscriptionType, {
    description: 'Subscribes the caller to a report pack, computed in their own scope (audited).',
  })
  subscribeToReport(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ReportSubscriptionInput,
  ): Promise<ReportSubscriptionType> {
    return this.subscriptions.subscribeSelf(caller, input);
  }

  @Roles('admin')
  @Mutation(() => ReportSubscriptionType, {
    description: 'Subscribes a group of users; each receives the pack in their own scope (admin; audited).',
  })
  subscribeGroupToReport(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ReportSubscriptionInput,
    @Args('recipientEmails', { type: () => [String] }) recipientEmails: string[],
  ): Promise<ReportSubscriptionType> {
    return this.subscriptions.subscribeGroup(caller, input, recipientEmails);
  }

  @Mutation(() => ReportSubscriptionType, {
    description: 'Changes a subscription (its creator or an admin; audited).',
  })
  updateReportSubscription(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ReportSubscriptionInput,
  ): Promise<ReportSubscriptionType> {
    return this.subscriptions.update(caller, id, input);
  }

  @Mutation(() => ReportSubscriptionType, {
    description: 'Stops a subscription for everyone (creator or admin; audited).',
  })
  cancelReportSubscription(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportSubscriptionType> {
    return this.subscriptions.cancel(caller, id);
  }

  @Mutation(() => ReportSubscriptionType, { description: 'The caller stops receiving a pack (audited).' })
  unsubscribeFromReport(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportSubscriptionType> {
    return this.subscriptions.unsubscribe(caller, id);
  }

  @Mutation(() => Int, {
    description:
      'Sends the pack to every current recipient now (creator or admin; audited). Returns how many.',
  })
  async sendReportNow(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<number> {
    const deliveries = await this.subscriptions.sendNow(caller, id);
    // Without a worker in this process, a worker process queues them at its next planning pass.
    if (this.queue.running) await this.queue.enqueueSends(deliveries);
    return deliveries.length;
  }
}
