import type { AccessPolicy, Caller } from '@aiwr/server-access';

/** What the coverage service needs to know about who is asking; built from THE access policy. */
export type CoverageViewer = {
  /** Organisations, ICBs and regions the viewer may see; null = national. */
  scope(): Promise<{ orgCodes: string[]; icbCodes: string[]; regionCodes: string[] } | null>;
  assertOrgsVisible(orgCodes: string[]): Promise<void>;
  assertAreasVisible(areas: { icbCodes?: string[] | null; regionCodes?: string[] | null }): Promise<void>;
  /** Whether §6 applies to a figure built from these organisations (national figures included). */
  needsDisclosureControl(orgCodes: string[]): Promise<boolean>;
  canSeePeople(orgCode: string): Promise<boolean>;
  /** A stable key of the viewer's scope, for caches shared between viewers with the same scope. */
  scopeKey(): Promise<string>;
};

export function viewerFor(policy: AccessPolicy, caller: Caller): CoverageViewer {
  const memo = new Map<string, Promise<boolean>>();
  return {
    scope: () => policy.visibleHierarchy(caller),
    assertOrgsVisible: (orgCodes) => policy.assertOrgsVisible(caller, orgCodes),
    assertAreasVisible: (areas) => policy.assertAreasVisible(caller, areas),
    needsDisclosureControl: (orgCodes) => {
      const key = orgCodes.join(',');
      let hit = memo.get(key);
      if (!hit) memo.set(key, (hit = policy.needsDisclosureControl(caller, orgCodes)));
      return hit;
    },
    canSeePeople: (orgCode) => policy.canSeePeople(caller, orgCode),
    scopeKey: async () => {
      const scope = await policy.visibleHierarchy(caller);
      return scope ? scope.orgCodes.join(',') : 'national';
    },
  };
}
