import { BadRequestException, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import { errorsAsCsv } from '../errors-csv';
import { ImportsService } from './imports.service';
import { receiveUpload, UploadError } from './uploads';

/**
 * HTTP ways in for the dashboard (multipart; the file is streamed to disk, never held in memory):
 * - POST /api/imports  fields kind, asAt, orgCode, mode, wait (default true) + file → the import record
 * - POST /api/uploads  file only → { uploadId } for the `runImport` GraphQL mutation
 * - GET  /api/imports/:id/errors.csv → the error report (cells that could run as formulas are quoted)
 */
@Controller('api')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('imports')
  @HttpCode(200)
  @Roles('trust_lead', 'admin')
  async upload(@CurrentCaller() caller: Caller, @Req() req: Request) {
    const { fields, upload } = await this.receive(req, caller);
    if (!upload) throw new BadRequestException('No file: send it in a multipart "file" field.');
    return this.imports.run(caller, upload, { ...fields, kind: fields.kind ?? '' }, fields.wait !== 'false');
  }

  @Post('uploads')
  @HttpCode(201)
  @Roles('trust_lead', 'admin')
  async store(@CurrentCaller() caller: Caller, @Req() req: Request) {
    const { upload } = await this.receive(req, caller);
    if (!upload) throw new BadRequestException('No file: send it in a multipart "file" field.');
    return { uploadId: upload.uploadId, fileName: upload.fileName, bytes: upload.bytes };
  }

  @Get('imports/:id/errors.csv')
  async errors(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() res: Response) {
    const record = await this.imports.visibleRecord(caller, id);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="import-${record.id}-errors.csv"`)
      .send('\uFEFF' + errorsAsCsv(record.errors, record.errorCount));
  }

  private async receive(req: Request, caller: Caller) {
    try {
      return await receiveUpload(req, this.imports.config.dataDir, caller.userId);
    } catch (e) {
      if (e instanceof UploadError) throw new BadRequestException(e.message);
      throw new BadRequestException('The upload could not be read.');
    }
  }
}
