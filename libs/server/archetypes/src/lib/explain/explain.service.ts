import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { loadRuleReference } from '../evaluation/evaluate-snapshot';
import { matchAssignment } from '../rules/rule-conditions';
import { PersonArchetypesType, PersonArchetypeType } from './explain.types';

/** "Why is this person a creator?": each archetype with the rule version and the values that matched. */
@Injectable()
export class ExplainService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async personArchetypes(
    caller: Caller,
    orgCode: string,
    asAt: string | undefined,
    personKey: string,
  ): Promise<PersonArchetypesType> {
    if (!(await this.access.canSeePeople(caller, orgCode)))
      throw new ForbiddenException(
        'Person-level detail is limited to trust leads for their own organisations and administrators.',
      );
    const [snap] = await this.db.query(
      `select as_at::text as "asAt" from person_snapshot
       where org_code = $1 and person_key = $2 and ($3::date is null or as_at <= $3) order by as_at desc limit 1`,
      [orgCode, personKey, asAt ?? null],
    );
    if (!snap)
      throw new NotFoundException(
        'That person is not in a snapshot of this organisation on or before that date.',
      );
    const rows = await this.db.query(
      `select pa.archetype_code as archetype, pa.rule_id as "ruleId", pa.rule_version as version, r.description,
              r.conditions, pa.assignment_no as "assignmentKey",
              jsonb_build_object('staffGroupCode', a.staff_group_code, 'jobRole', a.job_role, 'occupationCode', a.occupation_code,
                'areaOfWork', a.area_of_work, 'clinicalAreaCode', a.clinical_area_code, 'positionTitle', a.position_title,
                'payBand', a.pay_band) as facts
       from person_archetype pa
       join archetype ar on ar.code = pa.archetype_code
       join archetype_rule r on r.rule_id = pa.rule_id and r.version = pa.rule_version
       join staff_assignment a on a.org_code = pa.org_code and a.as_at = pa.as_at and a.person_key = pa.person_key
         and a.assignment_no = pa.assignment_no
       where pa.org_code = $1 and pa.as_at = $2 and pa.person_key = $3
       order by ar.sort_order, r.position, pa.rule_id, pa.assignment_no`,
      [orgCode, snap.asAt, personKey],
    );
    const ref = await loadRuleReference(this.db.manager);
    const archetypes = new Map<string, PersonArchetypeType>();
    for (const r of rows) {
      const entry: PersonArchetypeType = archetypes.get(r.archetype) ?? { archetype: r.archetype, rules: [] };
      const { evidence } = matchAssignment(r.conditions, r.facts, ref);
      entry.rules.push({
        ruleId: r.ruleId,
        version: r.version,
        description: r.description,
        assignmentKey: r.assignmentKey,
        matched: evidence,
      });
      archetypes.set(r.archetype, entry);
    }
    const needs = await this.db.query(
      `select pn.module_code as "moduleCode", tm.title, pn.layer, pn.reasons, pn.met,
              pn.met_on::text as "metOn", pn.expires_on::text as "expiresOn"
       from person_need pn join training_module tm on tm.code = pn.module_code
       where pn.org_code = $1 and pn.as_at = $2 and pn.person_key = $3
       order by case pn.layer when 'foundation' then 0 when 'archetype' then 1 else 2 end, pn.module_code`,
      [orgCode, snap.asAt, personKey],
    );
    await this.audit.record(caller, 'person.explain', orgCode, { asAt: snap.asAt });
    return { orgCode, asAt: snap.asAt, personKey, archetypes: [...archetypes.values()], needs };
  }
}
