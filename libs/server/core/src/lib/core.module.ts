import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@aiwr/db';
import { APP_CONFIG, AppConfig, loadConfig } from './app-config';

/** Configuration and the PostgreSQL connection, shared by every feature module. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => dataSourceOptions(loadConfig().databaseUrl),
    }),
  ],
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() }],
  exports: [APP_CONFIG],
})
export class CoreModule {}
