// The print-only block of a board pack: the provenance and definitions a board paper needs. The page's
// "Print or save as PDF" button is PrintButton in @aiwr/web-ui.
import type { ReactNode } from 'react';
import { formatDate, SUPPRESSED_EXPLANATION } from '@aiwr/web-ui';
import { roleLabel, scopeLabel, useCurrentUser } from '../session/current-user';
import type { Filters } from '../filters/filters';

/**
 * Only printed: as at when, which filters, who prepared it, and how the figures are defined. A page whose
 * figures are not the coverage measures gives its own definitions as children.
 */
export function PrintNotes({
  asAt,
  filters,
  children,
}: {
  asAt?: string | null;
  filters: Filters;
  children?: ReactNode;
}) {
  const me = useCurrentUser();
  const chosen = Object.entries(filters)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    <section className="aiwr-print-only">
      <h2>About these figures</h2>
      <p>
        As at {asAt ? formatDate(asAt) : 'the latest snapshot'}. Filters: {chosen || 'none'}. Prepared by{' '}
        {me.displayName} ({roleLabel(me.role)}, {scopeLabel(me.grants)}) on{' '}
        {formatDate(new Date().toISOString())}.
      </p>
      {children ?? (
        <p>
          Foundation coverage: people with a valid foundation completion ÷ headcount. Fully trained: people
          meeting all their requirements ÷ headcount. Requirement coverage: requirements met ÷ requirements.
          Unmet places: requirements not met. A completion is valid if made on or before the date and not
          expired by then.
        </p>
      )}
      <p>{SUPPRESSED_EXPLANATION}</p>
    </section>
  );
}
