import { ForbiddenException } from '@nestjs/common';
import type { AccessPolicy, Caller } from '@aiwr/server-access';
import type { PackFilters } from './report-pack';

/**
 * Refuses filters naming a place the user may not see (through THE access policy), so a subscription
 * cannot be used to learn about places outside a recipient's scope. Other filters (staff group, archetype)
 * only narrow what the recipient's scope already allows.
 */
export async function assertFiltersVisible(
  policy: AccessPolicy,
  caller: Caller,
  filters: PackFilters,
): Promise<void> {
  if (filters.org) await policy.assertOrgsVisible(caller, [filters.org]);
  const scope = await policy.visibleHierarchy(caller);
  if (!scope) return;
  if (filters.icb && !scope.icbCodes.includes(filters.icb))
    throw new ForbiddenException('That ICB is outside your access scope.');
  if (filters.region && !scope.regionCodes.includes(filters.region))
    throw new ForbiddenException('That region is outside your access scope.');
}
