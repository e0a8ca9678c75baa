/** The four roles. What each may see is decided by `AccessPolicy`, never by a resolver. */
export const ROLES = ['trust_lead', 'planner', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ['national', 'region', 'icb', 'organisation'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** One row of `user_scope`: national (code ''), a region, an ICB or an organisation. */
export type ScopeGrant = { type: ScopeType; code: string };

/** The signed-in user a request acts for. */
export type Caller = { userId: string; email: string; role: Role; grants: ScopeGrant[] };

/** Which scope types each role may be granted (checked when an admin creates or changes a user). */
export const GRANTABLE_SCOPES: Record<Role, readonly ScopeType[]> = {
  trust_lead: ['organisation'],
  planner: ['region', 'icb', 'national'],
  analyst: ['organisation', 'icb', 'region', 'national'],
  admin: ['national'],
};

/** A short, stable text form of the grants, used in the audit log (e.g. `organisation:RJ1`). */
export function describeGrants(grants: ScopeGrant[]): string {
  return grants
    .map((g) => (g.type === 'national' ? 'national' : `${g.type}:${g.code}`))
    .sort()
    .join(',');
}
