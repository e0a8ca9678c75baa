import type { CoverageDimension, CoverageFilter } from '../../generated/graphql';
import { exportUrl, type ExportKind } from './exportUrl';

/** Full downloads from the server (every row in your scope, not just what is on screen). */
export function ExportLinks({
  what,
  filter,
  groupBy = [],
  kind = 'coverage',
}: {
  what: string;
  filter: CoverageFilter;
  groupBy?: CoverageDimension[];
  kind?: ExportKind;
}) {
  return (
    <div className="aiwr-export-links" data-testid={`export-${kind}`}>
      <span className="nhsuk-body-s">Download {what}:</span>
      <a className="nhsuk-link" href={exportUrl(kind, 'csv', filter, groupBy)} download>
        CSV<span className="nhsuk-u-visually-hidden"> of {what}</span>
      </a>
      <a className="nhsuk-link" href={exportUrl(kind, 'xlsx', filter, groupBy)} download>
        Excel (XLSX, with definitions and provenance)
        <span className="nhsuk-u-visually-hidden"> of {what}</span>
      </a>
    </div>
  );
}
