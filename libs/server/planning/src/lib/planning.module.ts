import { Module } from '@nestjs/common';
import { CoverageModule } from '@aiwr/server-coverage';
import { PlanningResolver } from './graphql/planning.resolver';
import { PlanningService } from './planning.service';

/** Forecasts, places to commission, flows and SPC; AccessPolicy comes from the global AccessModule. */
@Module({
  imports: [CoverageModule],
  providers: [PlanningService, PlanningResolver],
  exports: [PlanningService],
})
export class PlanningModule {}
