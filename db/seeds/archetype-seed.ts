import fs from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import { EntityManager } from 'typeorm';
import { ArchetypeRuleDefinition, matchKey, payBandRange, storedConditions } from '@aiwr/shared-domain';
import { readYaml, referencePath } from './reference-files';

export type TrainingModuleDefinition = {
  code: string;
  title: string;
  layer: 'foundation' | 'archetype' | 'product';
  provider?: string;
  renewal_months?: number | null;
  framework_level?: number;
  aliases?: string[];
  partial_equivalents?: string[];
  description?: string;
};
export type TrainingCatalogue = {
  modules: TrainingModuleDefinition[];
  requirements: Record<string, string[]>;
};

/** Thrown for a rule or catalogue that breaks its schema or names reference values that do not exist. */
export class ArchetypeDataError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}: ${problems.join('; ')}`);
  }
}

const ajv = new Ajv({ allErrors: true });
const schema = (file: string) => JSON.parse(fs.readFileSync(referencePath(file), 'utf8'));
const rulesSchema = schema('archetype-rules.schema.json');
ajv.addSchema(rulesSchema);
const validateRuleList = ajv.compile(rulesSchema);
const validateOneRule = ajv.getSchema(`${rulesSchema.$id}#/definitions/rule`) as ValidateFunction;
const validateCatalogue = ajv.compile(schema('training-catalogue.schema.json'));

const schemaProblems = (v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);

/** Checks one rule against the JSON Schema (shape only). */
export function assertRuleShape(rule: unknown): asserts rule is ArchetypeRuleDefinition {
  if (!validateOneRule(rule))
    throw new ArchetypeDataError('Invalid archetype rule', schemaProblems(validateOneRule));
}

export function readDefaultRules(): ArchetypeRuleDefinition[] {
  const rules = readYaml<unknown>('archetype-rules.yaml');
  if (!validateRuleList(rules))
    throw new ArchetypeDataError('archetype-rules.yaml', schemaProblems(validateRuleList));
  const list = rules as ArchetypeRuleDefinition[];
  const dup = list.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i);
  if (dup.length)
    throw new ArchetypeDataError('archetype-rules.yaml', [`duplicate rule ids ${dup.join(', ')}`]);
  return list;
}

export function readTrainingCatalogue(): TrainingCatalogue {
  const cat = readYaml<unknown>('training-catalogue.yaml');
  if (!validateCatalogue(cat))
    throw new ArchetypeDataError('training-catalogue.yaml', schemaProblems(validateCatalogue));
  const catalogue = cat as TrainingCatalogue;
  const problems: string[] = [];
  const codes = new Set(catalogue.modules.map((m) => m.code));
  const seen = new Map<string, string>();
  for (const m of catalogue.modules)
    for (const name of [m.code, m.title, ...(m.aliases ?? [])]) {
      const key = matchKey(name);
      if (seen.has(key) && seen.get(key) !== m.code)
        problems.push(`"${name}" names both ${seen.get(key)} and ${m.code}`);
      seen.set(key, m.code);
    }
  for (const [archetype, modules] of Object.entries(catalogue.requirements))
    for (const code of modules)
      if (!codes.has(code)) problems.push(`${archetype} requires unknown module ${code}`);
  if (problems.length) throw new ArchetypeDataError('training-catalogue.yaml', problems);
  return catalogue;
}

/** Checks that a rule names only archetypes, staff groups, clinical areas and pay bands that exist. */
export async function checkRuleReferences(m: EntityManager, rule: ArchetypeRuleDefinition): Promise<void> {
  const [refs] = await m.query(`
    select (select array_agg(code) from archetype) as archetypes,
           (select array_agg(match_key(x)) from staff_group, unnest(array[code, name, esr_label]) x) as staff_groups,
           (select array_agg(code) from clinical_area) as clinical_areas,
           (select jsonb_object_agg(code, sort_order) from pay_band) as pay_bands`);
  const problems: string[] = [];
  const unknown = (
    what: string,
    values: string[] | undefined,
    known: string[],
    key: (v: string) => string = (v) => v,
  ) =>
    (values ?? [])
      .filter((v) => !known.includes(key(v)))
      .forEach((v) => problems.push(`unknown ${what} "${v}"`));
  unknown('archetype', rule.archetypes, refs.archetypes);
  unknown('staff group', rule.when.staffGroups, refs.staff_groups, matchKey);
  unknown('clinical area', rule.when.clinicalAreas, refs.clinical_areas);
  for (const value of rule.when.payBands ?? []) {
    const [from, to] = payBandRange(value);
    if (!(from in refs.pay_bands) || !(to in refs.pay_bands)) problems.push(`unknown pay band in "${value}"`);
    else if (refs.pay_bands[from] > refs.pay_bands[to])
      problems.push(`pay band range "${value}" runs backwards`);
  }
  if (problems.length) throw new ArchetypeDataError(`Rule ${rule.id}`, problems);
}

/**
 * Idempotent: upserts the catalogue modules and adds missing requirement pairs (never deletes), and
 * inserts version 1 of a default rule only when that rule id does not exist at all, so an
 * administrator's edits and retirements survive every restart.
 */
export async function loadArchetypeReference(m: EntityManager): Promise<void> {
  const catalogue = readTrainingCatalogue();
  for (const mod of catalogue.modules) {
    await m.query(
      `insert into training_module(code, title, layer, provider, renewal_months, framework_level, aliases, description)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (code) do update set title = excluded.title, layer = excluded.layer, provider = excluded.provider,
         renewal_months = excluded.renewal_months, framework_level = excluded.framework_level,
         aliases = excluded.aliases, description = excluded.description`,
      [
        mod.code,
        mod.title,
        mod.layer,
        mod.provider ?? null,
        mod.renewal_months ?? null,
        mod.framework_level ?? null,
        mod.aliases ?? [],
        mod.description ?? null,
      ],
    );
  }
  for (const [archetype, modules] of Object.entries(catalogue.requirements))
    for (const code of modules)
      await m.query(
        `insert into archetype_requirement(archetype_code, module_code) values ($1, $2) on conflict do nothing`,
        [archetype, code],
      );

  const rules = readDefaultRules();
  for (const [i, rule] of rules.entries()) {
    await checkRuleReferences(m, rule);
    await m.query(
      `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason)
       select $1, 1, $2, $3, $4, $5, $6, 'reference seed', 'default rule set (db/reference/archetype-rules.yaml)'
       where not exists (select 1 from archetype_rule where rule_id = $1)`,
      [rule.id, (i + 1) * 10, rule.description, storedConditions(rule), rule.archetypes, rule.source],
    );
  }
}
