import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { AccessPolicy, Caller, describeGrants } from '@aiwr/server-access';
import {
  type CoverageDimension,
  type CoverageFilter,
  CoverageService,
  viewerFor,
} from '@aiwr/server-coverage';
import { Cell, writeXlsx } from './table-writers';
import { describeFilter } from './export-query';
import { coverageColumns, coverageRowCells, DEFINITIONS, DISCLOSURE_NOTE } from './coverage-table';

export type Workbook = { content: Buffer; asAt: string; rows: number };

/**
 * The coverage table as an XLSX in memory, for a report pack: the same CoverageService query, access
 * policy and disclosure control as the coverage export, computed for the caller given (a pack's recipient).
 */
@Injectable()
export class CoverageWorkbook {
  constructor(
    private readonly coverage: CoverageService,
    private readonly policy: AccessPolicy,
  ) {}

  async build(caller: Caller, filter: CoverageFilter, groupBy: CoverageDimension[]): Promise<Workbook> {
    const [result, catalog] = await Promise.all([
      this.coverage.coverage(viewerFor(this.policy, caller), filter, groupBy),
      this.coverage.catalog(),
    ]);
    const label = (dimension: string, code: string) => catalog.label(dimension, code);
    const rows: Cell[][] = result.rows.map((r) => coverageRowCells(r, groupBy, label));
    if (result.total && groupBy.length) rows.push(coverageRowCells(result.total, groupBy, () => 'Total'));
    const asAt = result.asAt ?? 'latest';
    const controlled = result.rows.some((r) => r.controlled);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx(out, coverageColumns(groupBy), rows, {
      title: 'Report pack: coverage figures',
      lines: [
        ['As at', asAt],
        ['Filters', describeFilter(filter)],
        ['Grouped by', groupBy.join(', ') || 'none (one total row)'],
        ['Prepared', new Date().toISOString()],
        ['Prepared for', `${caller.email} (${caller.role}; ${describeGrants(caller.grants)})`],
        [
          'Disclosure control',
          controlled
            ? DISCLOSURE_NOTE
            : 'Not applied: the recipient is entitled to exact figures for every organisation here (or the figures are national).',
        ],
        ...DEFINITIONS,
        [
          'Source',
          'AI Workforce Readiness. Contains public sector information licensed under the Open Government Licence v3.0.',
        ],
      ],
    });
    return { content: Buffer.concat(chunks), asAt, rows: rows.length };
  }
}
