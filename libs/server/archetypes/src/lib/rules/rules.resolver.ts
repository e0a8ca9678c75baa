import { BadRequestException } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import {
  ArchetypeRuleChangeInput,
  ArchetypeRuleChangeResultType,
  ArchetypeRuleInput,
  ArchetypeRuleType,
  RuleChangeKind,
  RuleChangePreviewType,
} from '../graphql/rule.types';
import { RuleChange } from './rule-store';
import { RulesService } from './rules.service';

@Resolver()
export class RulesResolver {
  constructor(private readonly rules: RulesService) {}

  @Query(() => [ArchetypeRuleType], {
    description: 'Current archetype rules in order, with match counts in the latest snapshots you can see.',
  })
  archetypeRules(
    @CurrentCaller() caller: Caller,
    @Args('includeRetired', { defaultValue: false }) includeRetired: boolean,
  ): Promise<ArchetypeRuleType[]> {
    return this.rules.currentRules(caller, includeRetired);
  }

  @Query(() => [ArchetypeRuleType], { description: 'Every version of one rule, newest first.' })
  archetypeRuleHistory(@Args('ruleId') ruleId: string): Promise<ArchetypeRuleType[]> {
    return this.rules.history(ruleId);
  }

  @Roles('admin')
  @Query(() => RuleChangePreviewType, {
    description:
      'What-if: people gaining/losing each archetype and coverage movement by organisation (admin; saves nothing).',
  })
  previewArchetypeRuleChange(
    @Args('change') change: ArchetypeRuleChangeInput,
  ): Promise<RuleChangePreviewType> {
    return this.rules.preview(toChange(change), change.orgCodes?.length ? change.orgCodes : null);
  }

  @Roles('admin')
  @Mutation(() => ArchetypeRuleChangeResultType, {
    description: 'Adds a rule (admin; audited; re-evaluates).',
  })
  createArchetypeRule(
    @CurrentCaller() caller: Caller,
    @Args('rule') rule: ArchetypeRuleInput,
    @Args('reason') reason: string,
  ): Promise<ArchetypeRuleChangeResultType> {
    return this.rules.change(caller, { kind: RuleChangeKind.CREATE, rule }, reason, 'archetype_rule.create');
  }

  @Roles('admin')
  @Mutation(() => ArchetypeRuleChangeResultType, {
    description: 'Saves a new version of a rule (admin; audited; re-evaluates).',
  })
  updateArchetypeRule(
    @CurrentCaller() caller: Caller,
    @Args('rule') rule: ArchetypeRuleInput,
    @Args('reason') reason: string,
  ): Promise<ArchetypeRuleChangeResultType> {
    return this.rules.change(caller, { kind: RuleChangeKind.UPDATE, rule }, reason, 'archetype_rule.update');
  }

  @Roles('admin')
  @Mutation(() => ArchetypeRuleChangeResultType, {
    description: 'Sets the order of every current rule (admin; audited; a new version for each moved rule).',
  })
  reorderArchetypeRules(
    @CurrentCaller() caller: Caller,
    @Args('order', { type: () => [String] }) order: string[],
    @Args('reason') reason: string,
  ): Promise<ArchetypeRuleChangeResultType> {
    return this.rules.change(
      caller,
      { kind: RuleChangeKind.REORDER, order },
      reason,
      'archetype_rule.reorder',
    );
  }

  @Roles('admin')
  @Mutation(() => ArchetypeRuleChangeResultType, {
    description: 'Retires a rule (admin; audited; re-evaluates).',
  })
  retireArchetypeRule(
    @CurrentCaller() caller: Caller,
    @Args('ruleId') ruleId: string,
    @Args('reason') reason: string,
  ): Promise<ArchetypeRuleChangeResultType> {
    return this.rules.change(
      caller,
      { kind: RuleChangeKind.RETIRE, ruleId },
      reason,
      'archetype_rule.retire',
    );
  }
}

function toChange(c: ArchetypeRuleChangeInput): RuleChange {
  switch (c.kind) {
    case RuleChangeKind.CREATE:
    case RuleChangeKind.UPDATE:
      if (!c.rule) throw new BadRequestException(`A ${c.kind} preview needs the rule.`);
      return { kind: c.kind, rule: c.rule };
    case RuleChangeKind.RETIRE:
      if (!c.ruleId) throw new BadRequestException('A RETIRE preview needs the ruleId.');
      return { kind: c.kind, ruleId: c.ruleId };
    case RuleChangeKind.REORDER:
      return { kind: c.kind, order: c.order ?? [] };
  }
}
