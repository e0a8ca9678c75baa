import { SUPPRESSED_EXPLANATION, usePageTitle } from '@aiwr/web-ui';

/** Definitions of every figure (from the coverage contract) and the accessibility statement. */
export function AboutPage() {
  usePageTitle('How figures are calculated');
  return (
    <>
      <h1>How figures are calculated</h1>
      <h2 id="definitions">Definitions</h2>
      <p>
        Every figure is for a population (the filters you have chosen: region, ICB, trust, department, staff
        group, clinical area, archetype, pay band) as at a date, using each organisation&apos;s latest monthly
        staff snapshot on or before that date.
      </p>
      <dl className="nhsuk-summary-list">
        {[
          ['Headcount', 'People in the population, each counted once however many assignments they hold.'],
          [
            'Foundation coverage',
            'People who have a valid completion of the foundation AI module(s), out of the headcount.',
          ],
          [
            'Module coverage',
            'People needing a module who have a valid completion of it, out of the people needing it.',
          ],
          [
            'Archetype coverage',
            'People holding an archetype who meet every module it requires, out of the people holding it.',
          ],
          ['Fully trained', 'People who meet all their requirements, out of the headcount.'],
          [
            'Unmet places (training need)',
            'Requirements not yet met, counted per module: the places to commission.',
          ],
          ['Valid completion', 'A completion on or before the as-at date whose expiry, if any, is after it.'],
          [
            'RAG rating',
            'Green: at or above the target (default 90%). Amber: from the amber threshold (default 75%). Red: below it. The rating is always shown as a word.',
          ],
        ].map(([term, meaning]) => (
          <div className="nhsuk-summary-list__row" key={term}>
            <dt className="nhsuk-summary-list__key">{term}</dt>
            <dd className="nhsuk-summary-list__value">{meaning}</dd>
          </div>
        ))}
      </dl>
      <h2 id="suppression">Small numbers</h2>
      <p>{SUPPRESSED_EXPLANATION}</p>
      <p>
        Trust leads see exact figures for their own trust. Views that cover several trusts apply the rule
        unless you are entitled to record-level data for all of them.
      </p>
      <h2 id="accessibility">Accessibility statement</h2>
      <p>
        This service aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every chart
        has a written summary and a table of the same figures; ratings are written as words, not shown by
        colour alone; every page can be used with a keyboard. Each page is tested automatically with axe-core
        in Chromium.
      </p>
    </>
  );
}
