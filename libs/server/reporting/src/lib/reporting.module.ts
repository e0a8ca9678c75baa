import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { ExportsController } from './exports.controller';
import { CoverageWorkbook } from './coverage-workbook';

@Module({
  imports: [CoverageModule],
  controllers: [ExportsController],
  providers: [CoverageWorkbook],
  exports: [CoverageWorkbook],
})
export class ReportingModule {}
