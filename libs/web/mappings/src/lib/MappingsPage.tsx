// Administration of the reference data trusts fix in the product: area of work -> clinical area,
// course name -> training module, coverage targets. Every change is previewed (who and what would move,
// by organisation), saved with a reason as a new version, and listed in the history below.
// The data-quality page links here with ?kind=area|course&org=CODE&value=TEXT prefilled.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, ErrorState, formatCount, SelectField, type DataColumn } from '@aiwr/web-ui';
import {
  useChangeReferenceData,
  useMappingsData,
  useMappingSuggestions,
  usePreviewReferenceChange,
} from './hooks';
import type {
  MappingsDataQuery,
  PreviewReferenceChangeQuery,
  ReferenceChangeInput,
  ReferenceKind,
} from '@aiwr/web-data-access';

type Kind = 'area' | 'course' | 'target';
const KIND: Record<Kind, ReferenceKind> = {
  area: 'AREA_OF_WORK',
  course: 'COURSE_EQUIVALENCE',
  target: 'COVERAGE_TARGET',
};
type PreviewOrg = PreviewReferenceChangeQuery['previewReferenceChange']['organisations'][number];
type History = MappingsDataQuery['referenceDataHistory'][number];
type AreaRow = MappingsDataQuery['areaOfWorkMappings'][number];
type CourseRow = MappingsDataQuery['courseEquivalences'][number];
type TargetRow = MappingsDataQuery['coverageTargets'][number];

const scope = (org?: string | null, region?: string | null) =>
  org ?? (region ? `Region ${region}` : 'National');
const arrow = (a: number | string | null | undefined, b: number | string | null | undefined) =>
  a === b ? `${a ?? '–'}` : `${a ?? '–'} → ${b ?? '–'}`;

const previewColumns: DataColumn<PreviewOrg>[] = [
  { id: 'org', header: 'Trust', value: (o) => o.orgName },
  {
    id: 'moved',
    header: 'People moving area',
    numeric: true,
    value: (o) => o.peopleMoved,
    render: (o) => formatCount(o.peopleMoved),
  },
  { id: 'unmapped', header: 'Unmapped people', value: (o) => arrow(o.unmappedBefore, o.unmappedAfter) },
  { id: 'met', header: 'Needs met', value: (o) => arrow(o.needsMetBefore, o.needsMetAfter) },
  { id: 'trained', header: 'Fully trained', value: (o) => arrow(o.fullyTrainedBefore, o.fullyTrainedAfter) },
  { id: 'target', header: 'Target %', value: (o) => arrow(o.targetPctBefore, o.targetPctAfter) },
  { id: 'rag', header: 'RAG', value: (o) => (o.ragBefore ? arrow(o.ragBefore, o.ragAfter) : '') },
];
const historyColumns: DataColumn<History>[] = [
  { id: 'at', header: 'When', value: (h) => h.at.slice(0, 16).replace('T', ' ') },
  { id: 'kind', header: 'What', value: (h) => h.kind.toLowerCase().replace(/_/g, ' ') },
  { id: 'scope', header: 'Scope', value: (h) => scope(h.orgCode, h.regionCode) },
  { id: 'subject', header: 'Value', value: (h) => h.subject },
  { id: 'version', header: 'Version', numeric: true, value: (h) => h.version },
  { id: 'after', header: 'Now', value: (h) => h.after ?? 'removed' },
  { id: 'author', header: 'By', value: (h) => h.author },
  { id: 'reason', header: 'Reason', value: (h) => h.reason },
];
const areaColumns: DataColumn<AreaRow>[] = [
  { id: 'scope', header: 'Scope', value: (r) => scope(r.orgCode) },
  { id: 'area', header: 'Area of work', value: (r) => r.areaOfWork },
  { id: 'clinical', header: 'Clinical area', value: (r) => r.clinicalAreaName },
  { id: 'version', header: 'Version', numeric: true, value: (r) => r.version },
];

const courseColumns: DataColumn<CourseRow>[] = [
  { id: 'scope', header: 'Scope', value: (r) => scope(r.orgCode) },
  { id: 'course', header: 'Course', value: (r) => r.courseName },
  { id: 'module', header: 'Counts as', value: (r) => `${r.moduleTitle} (${r.moduleCode})` },
  { id: 'version', header: 'Version', numeric: true, value: (r) => r.version },
];
const targetColumns: DataColumn<TargetRow>[] = [
  { id: 'scope', header: 'Scope', value: (r) => scope(r.orgCode, r.regionCode) },
  { id: 'of', header: 'Applies to', value: (r) => r.moduleCode ?? r.layer ?? 'All requirements' },
  { id: 'from', header: 'From', value: (r) => r.effectiveFrom },
  { id: 'target', header: 'Target %', numeric: true, value: (r) => r.targetPct },
  { id: 'amber', header: 'Amber from %', numeric: true, value: (r) => r.amberPct },
  { id: 'version', header: 'Version', numeric: true, value: (r) => r.version },
];
const TARGET_ONLY = new Set(['target', 'rag']);
const AREA_ONLY = new Set(['moved', 'unmapped']);

export function MappingsPage() {
  const [params] = useSearchParams();
  const [kind, setKind] = useState<Kind>((params.get('kind') as Kind) ?? 'area');
  const [org, setOrg] = useState(params.get('org') ?? '');
  const [value, setValue] = useState(params.get('value') ?? '');
  const [target, setTarget] = useState('');
  const [layer, setLayer] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(new Date().toISOString().slice(0, 10));
  const [amber, setAmber] = useState('');
  const [reason, setReason] = useState('');
  const data = useMappingsData(org);
  const suggestions = useMappingSuggestions(KIND[kind], value, org);
  const [preview, previewResult] = usePreviewReferenceChange();
  const [save, saveResult] = useChangeReferenceData();

  const change = (): ReferenceChangeInput => {
    const orgCode = org.trim() || null;
    if (kind === 'area') return { kind: KIND.area, orgCode, areaOfWork: value, clinicalAreaCode: target };
    if (kind === 'course') return { kind: KIND.course, orgCode, courseName: value, moduleCode: target };
    return {
      kind: KIND.target,
      orgCode,
      layer: layer || null,
      effectiveFrom,
      targetPct: Number(target),
      amberPct: amber ? Number(amber) : null,
    };
  };
  const p = previewResult.data?.previewReferenceChange;
  // Show the preview columns that can move for this kind of change.
  const shownPreviewColumns = previewColumns.filter((c) =>
    kind === 'target'
      ? !AREA_ONLY.has(c.id)
      : kind === 'course'
        ? !TARGET_ONLY.has(c.id) && !AREA_ONLY.has(c.id)
        : !TARGET_ONLY.has(c.id),
  );

  return (
    <>
      <h1>Mappings, equivalences and targets</h1>
      <p>
        Map an area of work to a clinical area, count a course as a training module, or set a coverage target.
        Leave the trust empty for a national change (administrators); a trust lead changes their own trust.
        Preview shows who and what would move before you save.
      </p>
      <form className="aiwr-mapping-form" onSubmit={(e) => e.preventDefault()} data-testid="mapping-form">
        <SelectField
          id="mapping-kind"
          label="What to change"
          value={kind}
          options={[
            { value: 'area', label: 'Area of work → clinical area' },
            { value: 'course', label: 'Course → training module' },
            { value: 'target', label: 'Coverage target' },
          ]}
          onChange={(v) => setKind(v as Kind)}
        />
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="mapping-org">
            Trust code (empty: national)
          </label>
          <input
            id="mapping-org"
            className="nhsuk-input nhsuk-input--width-10"
            value={org}
            onChange={(e) => setOrg(e.target.value)}
          />
        </div>
        {kind !== 'target' ? (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="mapping-value">
              {kind === 'area'
                ? 'Area of work as it appears in ESR'
                : 'Course name as it appears in the learning records'}
            </label>
            <input
              id="mapping-value"
              className="nhsuk-input"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
        ) : (
          <>
            <SelectField
              id="mapping-layer"
              label="Layer"
              value={layer}
              allLabel="All requirements"
              options={['foundation', 'archetype', 'product'].map((l) => ({ value: l, label: l }))}
              onChange={setLayer}
            />
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="mapping-from">
                Effective from
              </label>
              <input
                id="mapping-from"
                type="date"
                className="nhsuk-input nhsuk-input--width-10"
                value={effectiveFrom}
                onChange={(e) => setEffectiveFrom(e.target.value)}
              />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="mapping-amber">
                Amber from (%)
              </label>
              <input
                id="mapping-amber"
                className="nhsuk-input nhsuk-input--width-4"
                value={amber}
                onChange={(e) => setAmber(e.target.value)}
              />
            </div>
          </>
        )}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="mapping-target">
            {kind === 'area'
              ? 'Clinical area code'
              : kind === 'course'
                ? 'Training module code'
                : 'Target (%)'}
          </label>
          <input
            id="mapping-target"
            className="nhsuk-input nhsuk-input--width-20"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </div>
        {suggestions.data?.mappingSuggestions.length ? (
          <div className="nhsuk-form-group" data-testid="mapping-suggestions">
            <p className="nhsuk-body-s">Suggestions (most similar known names first):</p>
            <ul className="nhsuk-list">
              {suggestions.data.mappingSuggestions.map((s) => (
                <li key={s.code}>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => setTarget(s.code)}
                  >
                    {s.name} ({s.code})
                  </button>{' '}
                  <span className="nhsuk-body-s">like “{s.matchedOn}”</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="mapping-reason">
            Reason (kept in the history)
          </label>
          <textarea
            id="mapping-reason"
            className="nhsuk-textarea"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => preview({ variables: { change: change() } })}
        >
          Preview
        </button>{' '}
        <button
          type="button"
          className="nhsuk-button"
          onClick={() => save({ variables: { change: change(), reason } })}
        >
          Save
        </button>
      </form>
      {previewResult.error && <ErrorState title="Preview failed" error={previewResult.error} />}
      {saveResult.error && <ErrorState title="Not saved" error={saveResult.error} />}
      {saveResult.data && (
        <div className="nhsuk-inset-text" data-testid="mapping-saved">
          <p>
            Saved as version {saveResult.data.changeReferenceData.version};{' '}
            {saveResult.data.changeReferenceData.organisationsReevaluated} organisation(s) re-evaluated.
          </p>
        </div>
      )}
      {p && (
        <div data-testid="mapping-preview">
          <p>
            Would move {formatCount(p.peopleMoved)} people between clinical areas and count{' '}
            {formatCount(p.completionsCounted)} kept completions.
          </p>
          <DataTable
            caption="Preview by trust (nothing saved)"
            columns={shownPreviewColumns}
            rows={p.organisations}
            rowKey={(o) => o.orgCode}
            testId="mapping-preview-rows"
          />
        </div>
      )}
      {data.error && <ErrorState title="Could not load the mappings" error={data.error} />}
      {data.data && (
        <>
          <DataTable
            caption="History"
            columns={historyColumns}
            rows={data.data.referenceDataHistory}
            rowKey={(h) => h.id}
            testId="mapping-history"
          />
          {kind === 'area' && (
            <DataTable
              caption="Area of work mappings (the trust's own first)"
              columns={areaColumns}
              rows={data.data.areaOfWorkMappings}
              exportName="area-of-work-mappings"
              testId="mapping-areas"
            />
          )}
          {kind === 'course' && (
            <DataTable
              caption="Course equivalences"
              columns={courseColumns}
              rows={data.data.courseEquivalences}
              exportName="course-equivalences"
              testId="mapping-courses"
            />
          )}
          {kind === 'target' && (
            <DataTable
              caption="Coverage targets (the most specific in force applies)"
              columns={targetColumns}
              rows={data.data.coverageTargets}
              exportName="coverage-targets"
              testId="mapping-targets"
            />
          )}
        </>
      )}
    </>
  );
}
