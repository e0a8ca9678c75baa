// The rule editor for administrators: change a rule, preview what would move (people gaining or losing
// each archetype, coverage before and after, per organisation), then save it as a new version.
import { useState, type FormEvent } from 'react';
import {
  DataTable,
  ErrorState,
  formatCount,
  formatPercent,
  SelectField,
  type DataColumn,
} from '@aiwr/web-ui';
import { usePreviewRuleChange, useUpdateRule } from './hooks';
import { CONDITION_KEYS, CONDITION_LABELS, parseList, type ConditionKey } from './conditions';
import {
  type ArchetypeRuleInput,
  type PreviewRuleChangeQuery,
  type RuleFieldsFragment,
} from '@aiwr/web-data-access';

type Shift =
  PreviewRuleChangeQuery['previewArchetypeRuleChange']['organisations'][number]['archetypes'][number] & {
    orgName: string;
  };

const shiftColumns: DataColumn<Shift>[] = [
  { id: 'org', header: 'Trust', value: (s) => s.orgName },
  { id: 'archetype', header: 'Archetype', value: (s) => s.archetype },
  {
    id: 'before',
    header: 'Holders before',
    numeric: true,
    value: (s) => s.holdersBefore,
    render: (s) => formatCount(s.holdersBefore),
  },
  {
    id: 'after',
    header: 'Holders after',
    numeric: true,
    value: (s) => s.holdersAfter,
    render: (s) => formatCount(s.holdersAfter),
  },
  {
    id: 'gained',
    header: 'Gained',
    numeric: true,
    value: (s) => s.gained,
    render: (s) => formatCount(s.gained),
  },
  { id: 'lost', header: 'Lost', numeric: true, value: (s) => s.lost, render: (s) => formatCount(s.lost) },
  {
    id: 'covBefore',
    header: 'Coverage before',
    numeric: true,
    value: (s) => s.coveragePctBefore ?? null,
    render: (s) => formatPercent(s.coveragePctBefore),
  },
  {
    id: 'covAfter',
    header: 'Coverage after',
    numeric: true,
    value: (s) => s.coveragePctAfter ?? null,
    render: (s) => formatPercent(s.coveragePctAfter),
  },
];

function toInput(
  rule: RuleFieldsFragment,
  archetypes: string[],
  description: string,
  when: Record<ConditionKey, string>,
): ArchetypeRuleInput {
  return {
    ruleId: rule.ruleId,
    position: rule.position,
    description,
    archetypes,
    exclude: rule.exclude,
    source: rule.source ?? 'Edited in the dashboard',
    when: Object.fromEntries(CONDITION_KEYS.map((k) => [k, parseList(when[k])])),
  };
}

export function RuleEditor({
  rules,
  archetypeOptions,
}: {
  rules: RuleFieldsFragment[];
  archetypeOptions: { code: string; label: string }[];
}) {
  const [ruleId, setRuleId] = useState(rules[0]?.ruleId ?? '');
  const rule = rules.find((r) => r.ruleId === ruleId);
  const [description, setDescription] = useState(rule?.description ?? '');
  const [archetypes, setArchetypes] = useState<string[]>(rule?.archetypes ?? []);
  const [when, setWhen] = useState<Record<ConditionKey, string>>(() => conditionText(rule));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, previewResult] = usePreviewRuleChange();
  const [save, saveResult] = useUpdateRule();

  const choose = (id: string) => {
    const r = rules.find((x) => x.ruleId === id);
    setRuleId(id);
    setDescription(r?.description ?? '');
    setArchetypes(r?.archetypes ?? []);
    setWhen(conditionText(r));
    setSaved(null);
    setProblem(null);
  };

  const check = (): ArchetypeRuleInput | null => {
    if (!rule) return null;
    if (archetypes.length === 0) {
      setProblem('Choose at least one archetype the rule gives.');
      return null;
    }
    if (!description.trim()) {
      setProblem('Enter a description of the rule.');
      return null;
    }
    setProblem(null);
    return toInput(rule, archetypes, description.trim(), when);
  };

  const onPreview = async () => {
    const input = check();
    if (input) await preview({ variables: { change: { kind: 'UPDATE', rule: input } } });
  };

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    const input = check();
    if (!input) return;
    if (!reason.trim())
      return setProblem('Enter the reason for the change: it is kept with the new version.');
    const res = await save({ variables: { rule: input, reason: reason.trim() } }).catch((err: Error) => {
      setProblem(err.message);
      return null;
    });
    if (res?.data) {
      const v = res.data.updateArchetypeRule.rules[0]?.version;
      setSaved(
        `Saved as version ${v}. ${res.data.updateArchetypeRule.snapshotsReevaluated} snapshots re-evaluated.`,
      );
      setReason('');
    }
  };

  const p = previewResult.data?.previewArchetypeRuleChange;
  const shifts: Shift[] = p
    ? p.organisations.flatMap((o) =>
        o.archetypes.filter((a) => a.gained || a.lost).map((a) => ({ ...a, orgName: o.orgName })),
      )
    : [];

  return (
    <section aria-labelledby="editor-heading" data-testid="rule-editor">
      <h2 className="nhsuk-heading-m" id="editor-heading">
        Change a rule (administrators)
      </h2>
      <p>
        Preview a change to see who would gain or lose an archetype before you save it. Saving makes a new
        version; the old one is kept.
      </p>
      {problem && <ErrorState title="There is a problem" error={problem} />}
      {saved && (
        <div className="nhsuk-inset-text" role="status">
          <p>{saved}</p>
        </div>
      )}
      <form onSubmit={onSave} noValidate>
        <SelectField
          id="rule"
          label="Rule"
          value={ruleId}
          options={rules.map((r) => ({ value: r.ruleId, label: `${r.ruleId} (v${r.version})` }))}
          onChange={choose}
        />
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="rule-description">
            Description
          </label>
          <input
            className="nhsuk-input"
            id="rule-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              Archetypes this rule gives
            </legend>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {archetypeOptions.map((a) => (
                <div className="nhsuk-checkboxes__item" key={a.code}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`archetype-${a.code}`}
                    type="checkbox"
                    checked={archetypes.includes(a.code)}
                    onChange={(e) =>
                      setArchetypes(
                        e.target.checked ? [...archetypes, a.code] : archetypes.filter((x) => x !== a.code),
                      )
                    }
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`archetype-${a.code}`}>
                    {a.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            Conditions (all must hold; values in a list are alternatives, separated by commas)
          </legend>
          {CONDITION_KEYS.map((k) => (
            <div className="nhsuk-form-group" key={k}>
              <label className="nhsuk-label" htmlFor={`cond-${k}`}>
                {CONDITION_LABELS[k]}
              </label>
              <input
                className="nhsuk-input"
                id={`cond-${k}`}
                value={when[k]}
                onChange={(e) => setWhen({ ...when, [k]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={onPreview}
          disabled={previewResult.loading}
        >
          {previewResult.loading ? 'Working out the change…' : 'Preview the change'}
        </button>
        {previewResult.error && (
          <ErrorState title="The preview could not be made" error={previewResult.error} />
        )}
        {p && (
          <div data-testid="rule-preview">
            <h3 className="nhsuk-heading-s">What would change</h3>
            <p>
              {formatCount(p.peopleGainingAny)} people would gain an archetype and{' '}
              {formatCount(p.peopleLosingAny)} would lose one, across {formatCount(p.organisations.length)}{' '}
              organisations.
            </p>
            <DataTable
              caption="Archetype changes by trust"
              columns={shiftColumns}
              rows={shifts}
              exportName="rule-preview"
            />
          </div>
        )}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="rule-reason">
            Reason for the change
          </label>
          <div className="nhsuk-hint" id="rule-reason-hint">
            Kept with the new version and in the audit log.
          </div>
          <textarea
            className="nhsuk-textarea"
            id="rule-reason"
            rows={2}
            aria-describedby="rule-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button" disabled={saveResult.loading}>
          Save as a new version
        </button>
      </form>
    </section>
  );
}

function conditionText(rule: RuleFieldsFragment | undefined): Record<ConditionKey, string> {
  return Object.fromEntries(CONDITION_KEYS.map((k) => [k, (rule?.when[k] ?? []).join(', ')])) as Record<
    ConditionKey,
    string
  >;
}
