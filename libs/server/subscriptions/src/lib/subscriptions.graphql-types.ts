import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CADENCES, Cadence, PACK_SECTIONS, PackSection } from './report-pack';

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const PackSectionEnum = asEnum(PACK_SECTIONS);
export const CadenceEnum = asEnum(CADENCES);
registerEnumType(PackSectionEnum, {
  name: 'ReportSection',
  description:
    'A page of the report pack: overview, matrix (coverage matrix), compare, planning or data_quality.',
});
registerEnumType(CadenceEnum, {
  name: 'ReportCadence',
  description:
    "weekly (Mondays), monthly (the 1st), or after_import (after each import of the recipient's organisations).",
});

/** The dashboard's filters (one value each), as a pack is computed with them. */
@ObjectType('ReportFilters')
export class ReportFiltersType {
  @Field({ nullable: true, description: 'Snapshot date; omit for the latest snapshot at send time.' })
  asAt?: string;
  @Field({ nullable: true }) region?: string;
  @Field({ nullable: true }) icb?: string;
  @Field({ nullable: true }) org?: string;
  @Field({ nullable: true }) department?: string;
  @Field({ nullable: true }) staffGroup?: string;
  @Field({ nullable: true }) clinicalArea?: string;
  @Field({ nullable: true }) archetype?: string;
  @Field({ nullable: true }) payBand?: string;
  @Field({ nullable: true }) module?: string;
  @Field({ nullable: true }) layer?: string;
}

@InputType('ReportFiltersInput')
export class ReportFiltersInput {
  @Field({ nullable: true }) asAt?: string;
  @Field({ nullable: true }) region?: string;
  @Field({ nullable: true }) icb?: string;
  @Field({ nullable: true }) org?: string;
  @Field({ nullable: true }) department?: string;
  @Field({ nullable: true }) staffGroup?: string;
  @Field({ nullable: true }) clinicalArea?: string;
  @Field({ nullable: true }) archetype?: string;
  @Field({ nullable: true }) payBand?: string;
  @Field({ nullable: true }) module?: string;
  @Field({ nullable: true }) layer?: string;
}

@InputType('ReportSubscriptionInput')
export class ReportSubscriptionInput {
  @Field({ description: 'Shown as the email subject.' }) title: string;
  @Field(() => [PackSectionEnum]) sections: PackSection[];
  @Field(() => ReportFiltersInput, { nullable: true }) filters?: ReportFiltersInput;
  @Field(() => CadenceEnum) cadence: Cadence;
}

@ObjectType('ReportRecipient')
export class ReportRecipientType {
  @Field() email: string;
  @Field() displayName: string;
  @Field() subscribed: boolean;
}

@ObjectType('ReportSubscription', {
  description: "A report pack sent on a schedule; each recipient's pack is computed in their own scope.",
})
export class ReportSubscriptionType {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => [PackSectionEnum]) sections: PackSection[];
  @Field(() => ReportFiltersType) filters: ReportFiltersType;
  @Field(() => CadenceEnum) cadence: Cadence;
  @Field({ description: 'Email of the user who set it up.' }) createdBy: string;
  @Field() createdAt: string;
  @Field({ nullable: true }) cancelledAt?: string;
  @Field({ description: 'Whether the signed-in user receives it.' }) receiving: boolean;
  @Field({ description: 'Whether the signed-in user may change or cancel it (its creator, or an admin).' })
  canManage: boolean;
  @Field(() => [ReportRecipientType], {
    description: 'Everyone it is sent to (only for those who may manage it; otherwise just the caller).',
  })
  recipients: ReportRecipientType[];
}

@ObjectType('ReportFileLink', {
  description: 'A download of a sent pack: sign-in as its recipient required.',
})
export class ReportFileLinkType {
  @Field() kind: string;
  @Field() url: string;
  @Field() expiresAt: string;
}

@ObjectType('ReportDelivery', { description: 'One send of a pack to one recipient, and how it went.' })
export class ReportDeliveryType {
  @Field(() => ID) id: string;
  @Field(() => ID) subscriptionId: string;
  @Field() subscriptionTitle: string;
  @Field() recipient: string;
  @Field({ description: 'weekly 2026-W48, monthly 2026-11, import:<id> or manual:<time>.' }) period: string;
  @Field({ description: 'queued, sending, retrying, sent, failed or skipped.' }) status: string;
  @Field(() => Int) attempts: number;
  @Field({ nullable: true, description: "The recipient's scope the pack was computed in." }) scope?: string;
  @Field({ nullable: true }) lastError?: string;
  @Field({ nullable: true, description: 'attachment or link.' }) deliveredAs?: string;
  @Field() createdAt: string;
  @Field({ nullable: true }) sentAt?: string;
  @Field(() => [ReportFileLinkType], {
    description: "The pack's files (to its recipient only, until expiry).",
  })
  files: ReportFileLinkType[];
}
