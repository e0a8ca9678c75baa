import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { PlanningModule } from '@aiwr/server-planning';
import { ExportsController } from './exports.controller';

@Module({ imports: [CoverageModule, PlanningModule], controllers: [ExportsController] })
export class ReportingModule {}
