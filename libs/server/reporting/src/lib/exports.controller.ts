import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy, AuditService, Caller, CurrentCaller, describeGrants } from '@aiwr/server-access';
import { CoverageService, PeopleService, viewerFor } from '@aiwr/server-coverage';
import { Cell, ExportColumn, Provenance, writeCsv, writeXlsx } from './table-writers';
import { describeFilter, parseExportQuery } from './export-query';
import { coverageColumns, coverageRowCells, DISCLOSURE_NOTE, DEFINITIONS } from './coverage-table';

type Format = 'csv' | 'xlsx';
const PEOPLE_PAGE = 200;

const formatOf = (f: string): Format => {
  if (f !== 'csv' && f !== 'xlsx') throw new BadRequestException('Export format must be csv or xlsx.');
  return f;
};

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
    @Param('format') rawFormat: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const format = formatOf(rawFormat);
    const { filter, groupBy } = parseExportQuery(query);
    const viewer = viewerFor(this.policy, caller);
    const [result, catalog] = await Promise.all([
      this.coverage.coverage(viewer, filter, groupBy),
      this.coverage.catalog(),
    ]);
    const rows: Cell[][] = result.rows.map((r) =>
      coverageRowCells(r, groupBy, (d, c) => catalog.label(d, c)),
    );
    if (result.total && groupBy.length) rows.push(coverageRowCells(result.total, groupBy, () => 'Total'));
    const asAt = result.asAt ?? 'latest';
    await this.audit.record(caller, 'export', `coverage.${format}`, { filter, groupBy, rows: rows.length });
    const about = this.provenance(
      caller,
      'Coverage export',
      asAt,
      describeFilter(filter),
      groupBy.join(', ') || 'none (one total row)',
      result.rows.some((r) => r.controlled),
    );
    await this.send(res, format, `coverage-${asAt}`, coverageColumns(groupBy), rows, about);
  }

  @Get('trend.:format')
  async trendExport(
    @CurrentCaller() caller: Caller,
    @Param('format') rawFormat: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const format = formatOf(rawFormat);
    const { filter, groupBy } = parseExportQuery(query);
    const viewer = viewerFor(this.policy, caller);
    const [points, catalog] = await Promise.all([
      this.coverage.trend(viewer, filter, groupBy),
      this.coverage.catalog(),
    ]);
    const rows: Cell[][] = points.flatMap((p) =>
      p.rows.map((r) => [p.asAt, ...coverageRowCells(r, groupBy, (d, c) => catalog.label(d, c))]),
    );
    await this.audit.record(caller, 'export', `trend.${format}`, { filter, groupBy, rows: rows.length });
    const about = this.provenance(
      caller,
      'Coverage trend export (one row per monthly snapshot)',
      points.map((p) => p.asAt).join(', ') || 'no snapshots in scope',
      describeFilter(filter),
      groupBy.join(', ') || 'none (one row per snapshot)',
      points.some((p) => p.rows.some((r) => r.controlled)),
    );
    await this.send(
      res,
      format,
      'coverage-trend',
      [{ header: 'As at' }, ...coverageColumns(groupBy)],
      rows,
      about,
    );
  }

  @Get('people.:format')
  async peopleExport(
    @CurrentCaller() caller: Caller,
    @Param('format') rawFormat: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const format = formatOf(rawFormat);
    const { filter } = parseExportQuery(query);
    const viewer = viewerFor(this.policy, caller);
    // Fetch the first page before any byte is sent, so a refusal is still a clean 403 response.
    const first = await this.people.people(viewer, filter, PEOPLE_PAGE, null);
    await this.audit.record(caller, 'export', `people.${format}`, { filter, people: first.totalCount });
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
        page = await people.people(viewer, filter, PEOPLE_PAGE, page.nodes[page.nodes.length - 1].cursor);
      }
    }
    const columns: ExportColumn[] = [
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
    const about = this.provenance(
      caller,
      'People export (pseudonymised; record-level)',
      filter.asAt ?? 'latest',
      describeFilter(filter),
      'one row per person',
      false,
    );
    await this.send(res, format, `people-${filter.asAt ?? 'latest'}`, columns, rows(), about);
  }

  private provenance(
    caller: Caller,
    title: string,
    asAt: string,
    filters: string,
    grouping: string,
    controlled: boolean,
  ): Provenance {
    return {
      title,
      lines: [
        ['As at', asAt],
        ['Filters', filters],
        ['Grouped by', grouping],
        ['Exported', new Date().toISOString()],
        ['Exported by', `${caller.email} (${caller.role}; ${describeGrants(caller.grants)})`],
        [
          'Disclosure control',
          controlled
            ? DISCLOSURE_NOTE
            : 'Not applied: you are entitled to exact figures for every organisation in this export (or the figures are national).',
        ],
        ...DEFINITIONS,
        [
          'Source',
          'AI Workforce Readiness. Contains public sector information licensed under the Open Government Licence v3.0.',
        ],
      ],
    };
  }

  private async send(
    res: Response,
    format: Format,
    name: string,
    columns: ExportColumn[],
    rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
    about: Provenance,
  ) {
    res.setHeader(
      'Content-Type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') await writeCsv(res, columns, rows);
    else await writeXlsx(res, columns, rows, about);
  }
}
