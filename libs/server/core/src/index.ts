export { APP_CONFIG, loadConfig } from './lib/app-config';
export type { AppConfig } from './lib/app-config';
export { CoreModule } from './lib/core.module';
export { RECOMPUTE } from './lib/recompute-port';
export type { Changed, Recompute, SnapshotRef } from './lib/recompute-port';
