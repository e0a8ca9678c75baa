import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { CoreModule } from '@aiwr/server-core';
import { ReferenceModule } from '@aiwr/server-reference';
import { AccessModule, graphqlHardening } from '@aiwr/server-access';
import { ArchetypesModule } from '@aiwr/server-archetypes';
import { CoverageModule, RecomputeModule } from '@aiwr/server-coverage';
import { IngestModule } from '@aiwr/server-ingest';
import { ReportingModule } from '@aiwr/server-reporting';
import { HealthController } from './health.controller';

@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      sortSchema: true,
      path: '/graphql',
      // Limits, introspection/landing page off in production, safe errors, req/res in context.
      ...graphqlHardening(),
    }),
    AccessModule, // global sign-in guard, AccessPolicy, AuditService (libs/server/access)
    ReferenceModule,
    CoverageModule,
    RecomputeModule, // the RECOMPUTE port that ingest and archetypes write through
    IngestModule,
    ArchetypesModule,
    ReportingModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
