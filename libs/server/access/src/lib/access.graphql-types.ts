import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES, Role, SCOPE_TYPES, ScopeType } from './access.types';

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const RoleEnum = asEnum(ROLES);
export const ScopeTypeEnum = asEnum(SCOPE_TYPES);
registerEnumType(RoleEnum, { name: 'Role', description: 'trust_lead, planner, analyst or admin.' });
registerEnumType(ScopeTypeEnum, { name: 'ScopeType' });

@ObjectType('ScopeGrant', {
  description: 'Part of what a user may see: national, a region, an ICB or a trust.',
})
export class ScopeGrantType {
  @Field(() => ScopeTypeEnum) type: ScopeType;
  @Field({ description: 'Region, ICB or organisation code; empty for national.' }) code: string;
}

@InputType('ScopeGrantInput')
export class ScopeGrantInput {
  @Field(() => ScopeTypeEnum) type: ScopeType;
  @Field({ defaultValue: '' }) code: string;
}

@ObjectType('User', { description: 'A user account (admin view).' })
export class UserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => RoleEnum) role: Role;
  @Field(() => [ScopeGrantType]) grants: ScopeGrantType[];
  @Field() hasPassword: boolean;
  @Field() hasOidc: boolean;
  @Field({ nullable: true }) disabledAt?: string;
  @Field() createdAt: string;
}

@ObjectType('CurrentUser', { description: 'The signed-in user and the CSRF token to send on mutations.' })
export class CurrentUserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => RoleEnum) role: Role;
  @Field(() => [ScopeGrantType]) grants: ScopeGrantType[];
  @Field({ description: 'Send as the x-csrf-token header on every mutation.' }) csrfToken: string;
  @Field({ description: 'When this session ends (ISO 8601).' }) sessionExpiresAt: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => RoleEnum) role: Role;
  @Field(() => [ScopeGrantInput]) grants: ScopeGrantInput[];
  @Field({ nullable: true, description: 'At least 12 characters; omit for OIDC-only accounts.' })
  password?: string;
  @Field({ nullable: true, description: "The identity provider's subject (sub) claim, if known." })
  oidcSubject?: string;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field() at: string;
  @Field({ nullable: true, description: 'Email of the acting user, if signed in.' }) userEmail?: string;
  @Field() action: string;
  @Field({ nullable: true }) target?: string;
  @Field({ nullable: true, description: "The actor's scope at the time." }) scope?: string;
  @Field({ description: 'JSON text.' }) details: string;
}

@ObjectType('AuditLogPage')
export class AuditLogPageType {
  @Field(() => [AuditEntryType]) nodes: AuditEntryType[];
  @Field({ nullable: true, description: 'Pass as `after` for the next page.' }) endCursor?: string;
  @Field() hasNextPage: boolean;
}
