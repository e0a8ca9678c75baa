import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { AccessPolicy, Caller, describeGrants } from '@aiwr/server-access';
import {
  type CoverageDimension,
  type CoverageFilter,
  CoverageService,
  viewerFor,
} from '@aiwr/server-coverage';
import { PlanningService } from '@aiwr/server-planning';
import { Cell, ExtraSheet, writeXlsx } from './table-writers';
import { describeFilter } from './export-query';
import { coverageColumns, coverageRowCells, DEFINITIONS, DISCLOSURE_NOTE } from './coverage-table';
import { planningColumns, planningRowCells, PLANNING_DEFINITIONS } from './planning-table';

export type Workbook = { content: Buffer; asAt: string; rows: number };
/** The pack's planning section, when it has one: its places to commission go on a "Planning" sheet. */
export type WorkbookPlanning = { targetDate: string };

/**
 * The coverage table as an XLSX in memory, for a report pack: the same CoverageService query, access
 * policy and disclosure control as the coverage export, computed for the caller given (a pack's recipient).
 * With `planning`, a "Planning" sheet holds the planning page's table (PlanningService, the same viewer),
 * as the planning export writes it.
 */
@Injectable()
export class CoverageWorkbook {
  constructor(
    private readonly coverage: CoverageService,
    private readonly policy: AccessPolicy,
    private readonly planning: PlanningService,
  ) {}

  async build(
    caller: Caller,
    filter: CoverageFilter,
    groupBy: CoverageDimension[],
    planning?: WorkbookPlanning,
  ): Promise<Workbook> {
    const viewer = viewerFor(this.policy, caller);
    const [result, catalog, plan] = await Promise.all([
      this.coverage.coverage(viewer, filter, groupBy),
      this.coverage.catalog(),
      planning
        ? this.planning.planning(viewer, filter, {
            groupBy: [],
            level: 'MODULE',
            targetDate: planning.targetDate,
          })
        : null,
    ]);
    const label = (dimension: string, code: string) => catalog.label(dimension, code);
    const rows: Cell[][] = result.rows.map((r) => coverageRowCells(r, groupBy, label));
    if (result.total && groupBy.length) rows.push(coverageRowCells(result.total, groupBy, () => 'Total'));
    const asAt = result.asAt ?? 'latest';
    const controlled =
      result.rows.some((r) => r.controlled) || !!plan?.rows.some((r) => r.disclosureControlled);
    const extra: ExtraSheet[] = plan
      ? [
          {
            name: 'Planning',
            columns: planningColumns([], 'MODULE'),
            rows: plan.rows.map((r) => planningRowCells(r, plan.targetDate)),
          },
        ]
      : [];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx(
      out,
      coverageColumns(groupBy),
      rows,
      {
        title: plan ? 'Report pack: coverage and planning figures' : 'Report pack: coverage figures',
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
          ...(plan
            ? ([
                [
                  'Planning sheet',
                  `Places to commission per module to reach each module's target by ${plan.targetDate}, at the recent completion rate (the planning page's defaults).`,
                ],
                ...PLANNING_DEFINITIONS,
              ] as [string, string][])
            : []),
          [
            'Source',
            'AI Workforce Readiness. Contains public sector information licensed under the Open Government Licence v3.0.',
          ],
        ],
      },
      extra,
    );
    return { content: Buffer.concat(chunks), asAt, rows: rows.length };
  }
}
