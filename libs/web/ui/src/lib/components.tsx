import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { figureValue, formatPercent, SUPPRESSED_EXPLANATION, type Figure } from './format';
import { DEFAULT_AMBER_PCT, DEFAULT_TARGET_PCT, ragDescription, ragFor, RAG_LABEL, type Rag } from './rag';

const TAG_CLASS: Record<Rag, string> = {
  GREEN: 'nhsuk-tag--green',
  AMBER: 'nhsuk-tag--yellow',
  RED: 'nhsuk-tag--red',
};

/**
 * RAG as a tag with a word (never colour alone) and a full description for assistive technology.
 * Pass the API's rating when it has one, else the percentage to rate here.
 */
export function RagTag({
  rag: given,
  percent,
  target = DEFAULT_TARGET_PCT,
  amberFrom = DEFAULT_AMBER_PCT,
}: {
  rag?: Rag | null;
  percent?: Figure;
  target?: number;
  amberFrom?: number;
}) {
  const rag = given ?? ragFor(figureValue(percent), target, amberFrom);
  if (!rag) return <strong className="nhsuk-tag nhsuk-tag--grey">No rating</strong>;
  return (
    <strong className={`nhsuk-tag ${TAG_CLASS[rag]}`} title={ragDescription(rag, target, amberFrom)}>
      {RAG_LABEL[rag]}
      <span className="nhsuk-u-visually-hidden"> ({ragDescription(rag, target, amberFrom)})</span>
    </strong>
  );
}

export interface HeadlineCardProps {
  title: string;
  value: string;
  detail?: ReactNode;
  percent?: Figure;
  rag?: Rag | null;
  target?: number;
  amberFrom?: number;
  testId?: string;
}

/** A headline figure: the number, what it is out of, and its rating against the target. */
export function HeadlineCard({
  title,
  value,
  detail,
  percent,
  rag,
  target,
  amberFrom,
  testId,
}: HeadlineCardProps) {
  return (
    <div className="nhsuk-card aiwr-headline" data-testid={testId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s">{title}</h2>
        <p className="aiwr-headline__value">{value}</p>
        {detail && <p className="nhsuk-body-s aiwr-muted">{detail}</p>}
        {target !== undefined && (
          <p className="nhsuk-body-s">
            <RagTag rag={rag} percent={percent} target={target} amberFrom={amberFrom} /> Target{' '}
            {formatPercent(target)}
          </p>
        )}
      </div>
    </div>
  );
}

export interface Crumb {
  label: string;
  to?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  if (items.length === 0) return null;
  const parent = [...items].reverse().find((c) => c.to);
  return (
    <nav className="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol className="nhsuk-breadcrumb__list">
        {items.map((c, i) => (
          <li className="nhsuk-breadcrumb__list-item" key={`${c.label}-${i}`}>
            {c.to ? (
              <Link className="nhsuk-breadcrumb__link" to={c.to}>
                {c.label}
              </Link>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
      {parent?.to && (
        <Link className="nhsuk-back-link" to={parent.to}>
          <span className="nhsuk-u-visually-hidden">Back to </span>
          {parent.label}
        </Link>
      )}
    </nav>
  );
}

export function LoadingState({ what }: { what: string }) {
  return (
    <p className="nhsuk-body aiwr-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-inset-text" data-testid="empty-state">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

export function ErrorState({ title, error }: { title: string; error: { message: string } | string }) {
  return (
    <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">{title}</h2>
      <div className="nhsuk-error-summary__body">
        <p>{typeof error === 'string' ? error : error.message}</p>
      </div>
    </div>
  );
}

/** Shown under any table or chart with suppressed figures, next to the `*`. */
export function SuppressionNote() {
  return (
    <p className="nhsuk-body-s aiwr-muted" data-testid="suppression-note">
      {SUPPRESSED_EXPLANATION}
    </p>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  allLabel,
}: {
  id: string;
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  allLabel?: string;
}) {
  return (
    <div className="nhsuk-form-group aiwr-filter">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select
        className="nhsuk-select"
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
