import type { AccessPolicy, Caller } from '@aiwr/server-access';
import type { PackFilters } from './report-pack';

/**
 * Refuses filters naming a place the user may not see (THE access policy decides), so a subscription
 * cannot be used to learn about places outside a recipient's scope. Other filters (staff group, archetype)
 * only narrow what the recipient's scope already allows.
 */
export async function assertFiltersVisible(
  policy: AccessPolicy,
  caller: Caller,
  filters: PackFilters,
): Promise<void> {
  if (filters.org) await policy.assertOrgsVisible(caller, [filters.org]);
  await policy.assertAreasVisible(caller, {
    icbCodes: filters.icb ? [filters.icb] : null,
    regionCodes: filters.region ? [filters.region] : null,
  });
}
