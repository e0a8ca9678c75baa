import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from './access.types';

/** What a caller's grants cover, resolved through the organisation hierarchy. */
export type VisibleHierarchy = { orgCodes: string[]; icbCodes: string[]; regionCodes: string[] };

/**
 * THE access policy: the only place that decides which organisations (and so which ICBs, regions, rows
 * and figures) a caller may see. Resolvers, filter-value lists, drill-downs, exports and person-level
 * queries ask it; none re-implements it.
 *
 * Region and ICB grants resolve to organisations through their current membership (`organisation.region_code`
 * and `organisation.icb_code`). Results are cached per `Caller` object, and a `Caller` lives for one request
 * (or the few seconds the session cache keeps it), so one request resolves its scope once.
 */
@Injectable()
export class AccessPolicy {
  private readonly hierarchyCache = new WeakMap<Caller, Promise<VisibleHierarchy | null>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when a grant covers the whole country. */
  isNational(caller: Caller): boolean {
    return caller.grants.some((g) => g.type === 'national');
  }

  /** Organisation codes the caller may see; null means national (every organisation). */
  async visibleOrgCodes(caller: Caller): Promise<string[] | null> {
    return (await this.visibleHierarchy(caller))?.orgCodes ?? null;
  }

  /**
   * Organisations, ICBs and regions the caller may see; null means national. A trust lead sees their
   * trusts, the ICBs those trusts belong (or belonged) to and their regions; a planner with a region sees
   * its ICBs and trusts.
   */
  visibleHierarchy(caller: Caller): Promise<VisibleHierarchy | null> {
    let cached = this.hierarchyCache.get(caller);
    if (!cached) {
      cached = this.isNational(caller) ? Promise.resolve(null) : this.resolveHierarchy(caller);
      this.hierarchyCache.set(caller, cached);
    }
    return cached;
  }

  /** Throws 403 unless every organisation is in scope; the message names none of the others. */
  async assertOrgsVisible(caller: Caller, orgCodes: string[]): Promise<void> {
    const visible = await this.visibleOrgCodes(caller);
    if (visible === null) return;
    const allowed = new Set(visible);
    const outside = orgCodes.filter((c) => !allowed.has(c));
    if (outside.length > 0) {
      throw new ForbiddenException(
        outside.length === 1
          ? 'That organisation is outside your access scope.'
          : `${outside.length} of the requested organisations are outside your access scope.`,
      );
    }
  }

  /** Throws 403 unless every ICB and region asked for is in scope; the message names none of them. */
  async assertAreasVisible(
    caller: Caller,
    areas: { icbCodes?: string[] | null; regionCodes?: string[] | null },
  ): Promise<void> {
    const scope = await this.visibleHierarchy(caller);
    if (scope === null) return;
    if (areas.icbCodes?.some((c) => !scope.icbCodes.includes(c)))
      throw new ForbiddenException('That ICB is outside your access scope.');
    if (areas.regionCodes?.some((c) => !scope.regionCodes.includes(c)))
      throw new ForbiddenException('That region is outside your access scope.');
  }

  /** Record-level (pseudonymised person) data: trust leads for their own organisations, and admins. */
  async canSeePeople(caller: Caller, orgCode: string): Promise<boolean> {
    if (this.seesRecordsEverywhere(caller)) return true;
    if (caller.role !== 'trust_lead') return false;
    const visible = await this.visibleOrgCodes(caller);
    return visible !== null && visible.includes(orgCode);
  }

  /**
   * Whether NHS Digital's small-number rule (data-formats.md §6) applies to a figure built from these
   * organisations: true unless the caller may see record-level data for every one of them. National
   * figures are no exception: pass every organisation that contributes (an empty list means nobody is
   * known to contribute, which is controlled for everyone but an administrator).
   */
  async needsDisclosureControl(caller: Caller, orgCodes: string[]): Promise<boolean> {
    if (this.seesRecordsEverywhere(caller)) return false;
    if (orgCodes.length === 0) return true;
    for (const code of orgCodes) if (!(await this.canSeePeople(caller, code))) return true;
    return false;
  }

  /**
   * Organisations the caller may import for: admins every organisation (null), trust leads the
   * organisations granted to them; any other role is refused (403).
   */
  async importableOrgCodes(caller: Caller): Promise<string[] | null> {
    const visible = await this.visibleOrgCodes(caller);
    if (caller.role === 'admin') return visible;
    if (caller.role !== 'trust_lead') throw new ForbiddenException('Your role does not allow imports.');
    const own = caller.grants.filter((g) => g.type === 'organisation').map((g) => g.code);
    return visible === null ? own : own.filter((c) => visible.includes(c));
  }

  /** Throws 403 unless the caller may import for this organisation (the import parameter). */
  async assertMayImportFor(caller: Caller, orgCode: string): Promise<void> {
    const importable = await this.importableOrgCodes(caller);
    if (importable !== null && !importable.includes(orgCode))
      throw new ForbiddenException('That organisation is outside your access scope.');
  }

  /**
   * Which import records the caller may see: the ones they ran, and those all of whose organisations are
   * in `orgCodes` (null = every record). SQL that lists imports applies exactly this (import-records.ts).
   */
  async importVisibility(caller: Caller): Promise<{ ranBy: string; orgCodes: string[] | null }> {
    return { ranBy: caller.userId, orgCodes: await this.visibleOrgCodes(caller) };
  }

  /** One import record: see `importVisibility`. A record naming no organisation is its runner's only. */
  async canSeeImport(
    caller: Caller,
    record: { orgCodes: string[]; createdBy: string | null },
  ): Promise<boolean> {
    const { ranBy, orgCodes } = await this.importVisibility(caller);
    if (record.createdBy === ranBy) return true;
    if (orgCodes === null) return true;
    return record.orgCodes.length > 0 && record.orgCodes.every((c) => orgCodes.includes(c));
  }

  /** Administrators see record-level data for every organisation. */
  private seesRecordsEverywhere(caller: Caller): boolean {
    return caller.role === 'admin';
  }

  private async resolveHierarchy(caller: Caller): Promise<VisibleHierarchy> {
    const types = caller.grants.map((g) => g.type);
    const codes = caller.grants.map((g) => g.code);
    const [row] = await this.db.query(
      `with g as (select * from unnest($1::text[], $2::text[]) as g(type, code)),
       orgs as (
         select o.code, o.icb_code, o.region_code from organisation o
         where o.code in (select code from g where type = 'organisation')
            or o.icb_code in (select code from g where type = 'icb')
            or o.region_code in (select code from g where type = 'region')),
       icbs as (
         select code from g where type = 'icb'
         union select i.code from icb i where i.region_code in (select code from g where type = 'region')
         union select icb_code from orgs where icb_code is not null
         union select m.icb_code from organisation_icb_membership m join orgs on orgs.code = m.org_code),
       regions as (
         select code from g where type = 'region'
         union select i.region_code from icb i where i.code in (select code from icbs)
         union select region_code from orgs where region_code is not null)
       select coalesce((select array_agg(code order by code) from orgs), '{}') as "orgCodes",
              coalesce((select array_agg(code order by code) from icbs), '{}') as "icbCodes",
              coalesce((select array_agg(code order by code) from regions), '{}') as "regionCodes"`,
      [types, codes],
    );
    return row as VisibleHierarchy;
  }
}
