import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { MappingsResolver } from './mappings.resolver';
import { MappingsService } from './mappings.service';

/** Area-of-work mappings, course equivalences and coverage targets over GraphQL. */
@Module({
  imports: [CoverageModule],
  providers: [MappingsService, MappingsResolver],
  exports: [MappingsService],
})
export class MappingsModule {}
