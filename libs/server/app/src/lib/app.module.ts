import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { CoreModule } from '@aiwr/server-core';
import { ReferenceModule } from '@aiwr/server-reference';
import { AccessModule, graphqlHardening } from '@aiwr/server-access';
import { ArchetypesModule } from '@aiwr/server-archetypes';
import { CoverageModule, RecomputeModule } from '@aiwr/server-coverage';
import { IngestModule } from '@aiwr/server-ingest';
import { ReportingModule } from '@aiwr/server-reporting';
import { PlanningModule } from '@aiwr/server-planning';
import { SubscriptionsModule } from '@aiwr/server-subscriptions';
import { MappingsModule } from '@aiwr/server-mappings';
import { HealthController } from './health.controller';
import { JitExecutor } from './jit-executor';

/** Limits, introspection/landing page off in production, safe errors, req/res in context. */
const hardening = graphqlHardening();

@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      // A factory so that each application built in a process (tests build several) has its own executor,
      // bound to its own schema.
      useFactory: (): ApolloDriverConfig => {
        const jit = new JitExecutor(); // runs operations compiled by graphql-jit
        return {
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          ...hardening,
          // Apollo's cache-control plugin (on by default) wraps every field's resolver to collect cache hints we
          // never send (answers are cached by ScopedResponseCache instead): with thousands of measure fields in a
          // national breakdown that instrumentation was a large share of the execution time.
          plugins: [...(hardening.plugins ?? []), ApolloServerPluginCacheControlDisabled()],
          transformSchema: jit.useSchema,
          // Apollo Server's way to bring an executor (Nest's ApolloDriverConfig type leaves `gateway` out, but
          // passes every option through to ApolloServer).
          ...({ gateway: jit } as Partial<ApolloDriverConfig>),
        };
      },
    }),
    AccessModule, // global sign-in guard, AccessPolicy, AuditService (libs/server/access)
    ReferenceModule,
    CoverageModule,
    RecomputeModule, // the RECOMPUTE port that ingest and archetypes write through
    IngestModule,
    ArchetypesModule,
    ReportingModule,
    PlanningModule,
    SubscriptionsModule, // scheduled report packs: pg-boss queue, Chromium PDF, SMTP
    MappingsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
