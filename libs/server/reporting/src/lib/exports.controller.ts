import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy, AuditService, Caller, CurrentCaller, describeGrants } from '@aiwr/server-access';
import {
  type CoverageDimension,
  type CoverageFilter,
  CoverageService,
  type CoverageViewer,
  PeopleService,
  viewerFor,
} from '@aiwr/server-coverage';
import { Cell, ExportColumn, writeCsv, writeXlsx } from './table-writers';
import { describeFilter, parseExportQuery } from './export-query';
import { coverageColumns, coverageRowCells, DISCLOSURE_NOTE, DEFINITIONS } from './coverage-table';

type Format = 'csv' | 'xlsx';
const PEOPLE_PAGE = 200;

const formatOf = (f: string): Format => {
  if (f !== 'csv' && f !== 'xlsx') throw new BadRequestException('Export format must be csv or xlsx.');
  return f;
};

/** What every export starts from: who asks, in which format, for which population. */
type ExportRequest = {
  caller: Caller;
  format: Format;
  filter: CoverageFilter;
  groupBy: CoverageDimension[];
  viewer: CoverageViewer;
};

/** One finished table to stream, with what its provenance sheet says about it. */
type ExportTable = {
  kind: 'coverage' | 'trend' | 'people';
  title: string;
  fileName: string;
  asAt: string;
  grouping: string;
  controlled: boolean;
  columns: ExportColumn[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
  audit: Record<string, unknown>;
};

const PEOPLE_COLUMNS: ExportColumn[] = [
  'Person (pseudonymised)',
  'Organisation',
  'As at',
  'Archetypes',
  'Assignments',
  'FTE',
  'Modules needed',
  'Modules met',
  'Fully trained',
].map((header) => ({ header }));

/**
 * Streamed CSV / XLSX exports of the figures the dashboard shows. No row cap; every export goes through the
 * same CoverageService (so the same access policy and disclosure control) and is audited.
 */
@Controller('api/exports')
export class ExportsController {
  constructor(
    private readonly coverage: CoverageService,
    private readonly people: PeopleService,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  @Get('coverage.:format')
  async coverageExport(
    @CurrentCaller() caller: Caller,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const req = this.request(caller, format, query);
    const [result, label] = await Promise.all([
      this.coverage.coverage(req.viewer, req.filter, req.groupBy),
      this.labeller(),
    ]);
    const rows: Cell[][] = result.rows.map((r) => coverageRowCells(r, req.groupBy, label));
    if (result.total && req.groupBy.length)
      rows.push(coverageRowCells(result.total, req.groupBy, () => 'Total'));
    const asAt = result.asAt ?? 'latest';
    await this.deliver(req, res, {
      kind: 'coverage',
      title: 'Coverage export',
      fileName: `coverage-${asAt}`,
      asAt,
      grouping: req.groupBy.join(', ') || 'none (one total row)',
      controlled: result.rows.some((r) => r.controlled),
      columns: coverageColumns(req.groupBy),
      rows,
      audit: { rows: rows.length },
    });
  }

  @Get('trend.:format')
  async trendExport(
    @CurrentCaller() caller: Caller,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const req = this.request(caller, format, query);
    const [points, label] = await Promise.all([
      this.coverage.trend(req.viewer, req.filter, req.groupBy),
      this.labeller(),
    ]);
    const rows: Cell[][] = points.flatMap((p) =>
      p.rows.map((r) => [p.asAt, ...coverageRowCells(r, req.groupBy, label)]),
    );
    await this.deliver(req, res, {
      kind: 'trend',
      title: 'Coverage trend export (one row per monthly snapshot)',
      fileName: 'coverage-trend',
      asAt: points.map((p) => p.asAt).join(', ') || 'no snapshots in scope',
      grouping: req.groupBy.join(', ') || 'none (one row per snapshot)',
      controlled: points.some((p) => p.rows.some((r) => r.controlled)),
      columns: [{ header: 'As at' }, ...coverageColumns(req.groupBy)],
      rows,
      audit: { rows: rows.length },
    });
  }

  @Get('people.:format')
  async peopleExport(
    @CurrentCaller() caller: Caller,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const req = this.request(caller, format, query);
    // Fetch the first page before any byte is sent, so a refusal is still a clean 403 response.
    const first = await this.people.people(req.viewer, req.filter, PEOPLE_PAGE, null);
    const people = this.people;
    async function* rows(): AsyncIterable<Cell[]> {
      let page = first;
      for (;;) {
        for (const { node: p } of page.nodes)
          yield [
            p.personKey,
            p.orgCode,
            p.asAt,
            p.archetypes.join('; '),
            p.assignmentCount,
            p.fte,
            p.modulesNeeded,
            p.modulesMet,
            p.fullyTrained ? 'Yes' : 'No',
          ];
        if (!page.hasNextPage || page.nodes.length === 0) return;
        const after = page.nodes[page.nodes.length - 1].cursor;
        page = await people.people(req.viewer, req.filter, PEOPLE_PAGE, after);
      }
    }
    const asAt = req.filter.asAt ?? 'latest';
    await this.deliver(req, res, {
      kind: 'people',
      title: 'People export (pseudonymised; record-level)',
      fileName: `people-${asAt}`,
      asAt,
      grouping: 'one row per person',
      controlled: false,
      columns: PEOPLE_COLUMNS,
      rows: rows(),
      audit: { people: first.totalCount },
    });
  }

  private request(caller: Caller, format: string, query: Record<string, unknown>): ExportRequest {
    const { filter, groupBy } = parseExportQuery(query);
    return { caller, format: formatOf(format), filter, groupBy, viewer: viewerFor(this.policy, caller) };
  }

  private async labeller(): Promise<(dimension: string, code: string) => string> {
    const catalog = await this.coverage.catalog();
    return (dimension, code) => catalog.label(dimension, code);
  }

  /** Audits the export, then streams it with its provenance (the XLSX "About" sheet). */
  private async deliver(req: ExportRequest, res: Response, t: ExportTable) {
    const { caller, format, filter, groupBy } = req;
    const target = `${t.kind}.${format}`;
    await this.audit.record(caller, 'export', target, {
      filter,
      ...(t.kind === 'people' ? {} : { groupBy }),
      ...t.audit,
    });
    const about = {
      title: t.title,
      lines: [
        ['As at', t.asAt],
        ['Filters', describeFilter(filter)],
        ['Grouped by', t.grouping],
        ['Exported', new Date().toISOString()],
        ['Exported by', `${caller.email} (${caller.role}; ${describeGrants(caller.grants)})`],
        [
          'Disclosure control',
          t.controlled
            ? DISCLOSURE_NOTE
            : 'Not applied: you are entitled to exact figures for every organisation in this export.',
        ],
        ...DEFINITIONS,
        [
          'Source',
          'AI Workforce Readiness. Contains public sector information licensed under the Open Government Licence v3.0.',
        ],
      ] as [string, string][],
    };
    res.setHeader(
      'Content-Type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${t.fileName}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') await writeCsv(res, t.columns, t.rows);
    else await writeXlsx(res, t.columns, t.rows, about);
  }
}
