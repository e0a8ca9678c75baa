import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { PlanningModule } from '@aiwr/server-planning';
import { ExportsController } from './exports.controller';
import { CoverageWorkbook } from './coverage-workbook';

@Module({
  imports: [CoverageModule, PlanningModule],
  controllers: [ExportsController],
  providers: [CoverageWorkbook],
  exports: [CoverageWorkbook],
})
export class ReportingModule {}
