import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotFoundException } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import { ImportSummary } from '../import-types';
import { encodeCursor } from '../import-records';
import { ImportsService } from './imports.service';
import { findUpload } from './uploads';
import { ImportPageType, ImportProgressType, ImportRecordType, RunImportInput } from './imports.types';

export const toImportRecordType = (s: ImportSummary): ImportRecordType => ({
  ...s,
  summaryJson: JSON.stringify(s.summary ?? {}),
  errorsCsvPath: `/api/imports/${s.id}/errors.csv`,
});

@Resolver()
export class ImportsResolver {
  constructor(private readonly service: ImportsService) {}

  @Query(() => ImportPageType, {
    description: 'Import history, newest first, limited to what the caller may see.',
  })
  async imports(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ImportPageType> {
    const page = await this.service.history(caller, first, after);
    const last = page.items[page.items.length - 1];
    return {
      items: page.items.map(toImportRecordType),
      hasMore: page.hasMore,
      endCursor: last ? encodeCursor(last) : null,
    };
  }

  @Query(() => ImportRecordType)
  async importRecord(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return toImportRecordType(await this.service.visibleRecord(caller, id));
  }

  @Query(() => ImportProgressType, {
    nullable: true,
    description: 'Progress of a running import (kept a few minutes after it ends); null when unknown.',
  })
  importProgress(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.service.progress(caller, id);
  }

  @Mutation(() => ImportRecordType, { description: 'Runs an import on a file stored by POST /api/uploads.' })
  @Roles('trust_lead', 'admin')
  async runImport(@CurrentCaller() caller: Caller, @Args('input') input: RunImportInput) {
    const upload = findUpload(this.service.config.dataDir, input.uploadId, caller.userId);
    if (!upload)
      throw new NotFoundException('No such upload (uploads are used once, by the person who sent them).');
    return toImportRecordType(await this.service.run(caller, upload, input, input.wait !== false));
  }
}
