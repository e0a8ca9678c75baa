import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { ExportsController } from './exports.controller';

@Module({ imports: [CoverageModule], controllers: [ExportsController] })
export class ReportingModule {}
