import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { controlCount } from '@aiwr/shared-domain';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { RECOMPUTE, Recompute } from '@aiwr/server-core';
import { currentSnapshots, snapshotsTouchedBy } from '../evaluation/reevaluate';
import {
  ArchetypeRuleChangeResultType,
  ArchetypeRuleType,
  RuleChangePreviewType,
} from '../graphql/rule.types';
import { previewRuleChange } from './rule-preview';
import { applyRuleChange, conditionsAround, RULE_COLUMNS, RuleChange, toRuleType } from './rule-store';

@Injectable()
export class RulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    @Inject(RECOMPUTE) private readonly recompute: Recompute,
  ) {}

  /** Current rules in order, with how many people each maps in the latest snapshots the caller can see. */
  async currentRules(caller: Caller, includeRetired: boolean): Promise<ArchetypeRuleType[]> {
    const visible = await this.access.visibleOrgCodes(caller);
    const rows: any[] = await this.db.query(
      `with latest as (
         select distinct on (org_code) org_code, as_at from staff_snapshot
         where ($1::text[] is null or org_code = any($1)) order by org_code, as_at desc),
       counts as (
         select pa.rule_id, count(distinct pa.org_code || '|' || pa.person_key)::int as n
         from person_archetype pa join latest l using (org_code, as_at) group by pa.rule_id)
       select ${RULE_COLUMNS}, coalesce(c.n, 0) as "matchCount"
       from archetype_rule r left join counts c using (rule_id)
       where r.valid_to is null and ($2 or not r.retired)
       order by r.retired, r.position, r.rule_id`,
      [visible, includeRetired],
    );
    // A count over every organisation in scope (the whole country for a national caller): §6 applies
    // unless the caller may see records for each of them.
    const counted = visible ?? (await this.organisationsWithSnapshots());
    const control = await this.access.needsDisclosureControl(caller, counted);
    return rows.map((r) => {
      const rule = toRuleType(r);
      if (!control) return rule;
      const shown = controlCount(r.matchCount);
      return { ...rule, matchCount: shown.value, matchCountSuppressed: shown.suppressed };
    });
  }

  private async organisationsWithSnapshots(): Promise<string[]> {
    const rows = await this.db.query(`select distinct org_code from staff_snapshot`);
    return rows.map((r: { org_code: string }) => r.org_code);
  }

  async history(ruleId: string): Promise<ArchetypeRuleType[]> {
    const rows = await this.db.query(
      `select ${RULE_COLUMNS} from archetype_rule where rule_id = $1 order by version desc`,
      [ruleId],
    );
    return rows.map(toRuleType);
  }

  /**
   * Saves a change as new versions, audits it and re-evaluates, in every organisation's latest
   * snapshot, the people the change can affect (and their share of the coverage rollups), all in one
   * transaction: either everything changes or nothing does.
   */
  change(
    caller: Caller,
    change: RuleChange,
    reason: string,
    action: string,
  ): Promise<ArchetypeRuleChangeResultType> {
    return this.db.transaction(async (m) => {
      const rules = await applyRuleChange(m, change, caller.email, reason);
      const conditions = await conditionsAround(m, rules);
      const touched = await snapshotsTouchedBy(m, await currentSnapshots(m), conditions);
      await this.recompute(m, { rulesChanged: { snapshots: touched, conditions } });
      const snapshotsReevaluated = touched.length;
      await this.audit.record(
        caller,
        action,
        rules.map((r) => r.ruleId).join(', ') || 'archetype rules',
        {
          reason: reason.trim(),
          versions: rules.map((r) => ({ ruleId: r.ruleId, version: r.version })),
          snapshotsReevaluated,
        },
        m,
      );
      return { rules, snapshotsReevaluated };
    });
  }

  preview(change: RuleChange, orgCodes: string[] | null): Promise<RuleChangePreviewType> {
    return previewRuleChange(this.db, change, orgCodes);
  }
}
