export { PlanningModule } from './lib/planning.module';
export { PlanningService } from './lib/planning.service';
export type {
  PlanningOptions,
  PlanningRow,
  PlanningGroupDimension,
  FlowMonth,
  SpcMeasure,
} from './lib/planning.service';
