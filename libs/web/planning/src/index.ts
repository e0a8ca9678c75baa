// Planning: places to commission per module and place to reach the target by a chosen date, the forecast
// at the recent completion rate, and what-if controls (target, date, completion rate).
import { lazyPage, type WebFeature } from '@aiwr/web-data-access';

export const planningFeature: WebFeature = {
  name: 'planning',
  routes: [{ path: 'planning', Component: lazyPage(() => import('./lib/PlanningPage'), 'PlanningPage') }],
  nav: [{ to: '/planning', label: 'Planning' }],
};
