import { BadRequestException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArchetypeDataError, assertRuleShape, checkRuleReferences } from '@aiwr/db';
import {
  ArchetypeRuleDefinition,
  RuleConditions,
  storedConditions,
  StoredRuleConditions,
} from '@aiwr/shared-domain';
import { ArchetypeRuleInput, ArchetypeRuleType, RuleChangeKind } from '../graphql/rule.types';

export type RuleChange =
  | { kind: RuleChangeKind.CREATE | RuleChangeKind.UPDATE; rule: ArchetypeRuleInput }
  | { kind: RuleChangeKind.RETIRE; ruleId: string }
  | { kind: RuleChangeKind.REORDER; order: string[] };

type RuleRow = {
  rule_id: string;
  version: number;
  position: number;
  description: string;
  conditions: StoredRuleConditions;
  archetypes: string[];
  source: string | null;
  retired: boolean;
};

export const RULE_COLUMNS = `rule_id as "ruleId", version, position, description, conditions, archetypes, source, author,
  reason, to_char(valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "validFrom",
  to_char(valid_to at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "validTo", retired`;

/** The conditions of the written versions and of the versions they replaced (for re-evaluation). */
export async function conditionsAround(
  m: EntityManager,
  written: ArchetypeRuleType[],
): Promise<StoredRuleConditions[]> {
  const rows: { conditions: StoredRuleConditions }[] = await m.query(
    `select r.conditions from archetype_rule r
     join unnest($1::text[], $2::int[]) w(rule_id, version) on r.rule_id = w.rule_id and r.version in (w.version, w.version - 1)`,
    [written.map((w) => w.ruleId), written.map((w) => w.version)],
  );
  return rows.map((r) => r.conditions);
}

/** Shapes a database row for GraphQL: `conditions` splits into `when` and `exclude`. */
export function toRuleType(row: any): ArchetypeRuleType {
  const { exclude = [], ...when } = (row.conditions ?? {}) as StoredRuleConditions;
  const { conditions: _c, ...rest } = row;
  return { ...rest, when, exclude };
}

const clean = (values?: string[] | null) => {
  const kept = (values ?? []).map((v) => v.trim()).filter(Boolean);
  return kept.length ? kept : undefined;
};

/** Validates a submitted rule with the same JSON Schema and reference checks as the shipped YAML. */
export async function toDefinition(
  m: EntityManager,
  input: ArchetypeRuleInput,
): Promise<ArchetypeRuleDefinition> {
  const when: RuleConditions = {};
  for (const key of Object.keys(input.when ?? {}) as (keyof RuleConditions)[]) {
    const values = clean(input.when[key]);
    if (values) when[key] = values;
  }
  const rule: ArchetypeRuleDefinition = {
    id: input.ruleId?.trim(),
    description: input.description?.trim(),
    archetypes: input.archetypes,
    when,
    source: input.source?.trim(),
    ...(clean(input.exclude) ? { exclude: clean(input.exclude) } : {}),
  };
  try {
    assertRuleShape(rule);
    await checkRuleReferences(m, rule);
  } catch (e) {
    if (e instanceof ArchetypeDataError) throw new BadRequestException(e.message);
    throw e;
  }
  return rule;
}

async function current(m: EntityManager, ruleId: string): Promise<RuleRow> {
  const [row] = await m.query(
    `select * from archetype_rule where rule_id = $1 and valid_to is null for update`,
    [ruleId],
  );
  if (!row) throw new NotFoundException(`There is no archetype rule "${ruleId}".`);
  return row;
}

/** Closes the current version (if any) and writes the next one; returns the new version. */
async function writeVersion(
  m: EntityManager,
  prev: RuleRow | null,
  next: Omit<RuleRow, 'version'>,
  author: string,
  reason: string,
): Promise<ArchetypeRuleType> {
  if (prev)
    await m.query(`update archetype_rule set valid_to = now() where rule_id = $1 and version = $2`, [
      prev.rule_id,
      prev.version,
    ]);
  const [row] = await m.query(
    `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason, retired)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${RULE_COLUMNS}`,
    [
      next.rule_id,
      (prev?.version ?? 0) + 1,
      next.position,
      next.description,
      next.conditions,
      next.archetypes,
      next.source,
      author,
      reason,
      next.retired,
    ],
  );
  return toRuleType(row);
}

/**
 * Applies one change as new rule versions inside the caller's transaction (the preview uses the same
 * code and rolls back). Returns the versions written.
 */
export async function applyRuleChange(
  m: EntityManager,
  change: RuleChange,
  author: string,
  reason: string,
): Promise<ArchetypeRuleType[]> {
  if (!reason?.trim() || reason.trim().length < 5)
    throw new BadRequestException(
      'Give a reason for the change (at least 5 characters); it is kept in the rule history.',
    );
  reason = reason.trim();
  switch (change.kind) {
    case RuleChangeKind.CREATE: {
      const def = await toDefinition(m, change.rule);
      const [exists] = await m.query(`select 1 from archetype_rule where rule_id = $1 limit 1`, [def.id]);
      if (exists)
        throw new BadRequestException(`A rule "${def.id}" already exists (update it, or choose another id).`);
      const [{ last }] = await m.query(
        `select coalesce(max(position), 0) as last from archetype_rule where valid_to is null`,
      );
      const position = change.rule.position ?? last + 10;
      return [await writeVersion(m, null, fromDefinition(def, position), author, reason)];
    }
    case RuleChangeKind.UPDATE: {
      const def = await toDefinition(m, change.rule);
      const prev = await current(m, def.id);
      return [
        await writeVersion(
          m,
          prev,
          fromDefinition(def, change.rule.position ?? prev.position),
          author,
          reason,
        ),
      ];
    }
    case RuleChangeKind.RETIRE: {
      const prev = await current(m, change.ruleId);
      if (prev.retired) throw new BadRequestException(`Rule "${change.ruleId}" is already retired.`);
      return [await writeVersion(m, prev, { ...prev, retired: true }, author, reason)];
    }
    case RuleChangeKind.REORDER: {
      const rows: RuleRow[] = await m.query(
        `select * from archetype_rule where valid_to is null and not retired order by position, rule_id for update`,
      );
      const ids = rows.map((r) => r.rule_id);
      const order = change.order ?? [];
      if (
        order.length !== ids.length ||
        new Set(order).size !== order.length ||
        order.some((id) => !ids.includes(id))
      )
        throw new BadRequestException('List every current rule id exactly once in the new order.');
      const written: ArchetypeRuleType[] = [];
      for (const [i, id] of order.entries()) {
        const prev = rows.find((r) => r.rule_id === id)!;
        if (prev.position !== (i + 1) * 10)
          written.push(await writeVersion(m, prev, { ...prev, position: (i + 1) * 10 }, author, reason));
      }
      return written;
    }
  }
}

const fromDefinition = (def: ArchetypeRuleDefinition, position: number): Omit<RuleRow, 'version'> => ({
  rule_id: def.id,
  position,
  description: def.description,
  conditions: storedConditions(def),
  archetypes: def.archetypes,
  source: def.source,
  retired: false,
});
