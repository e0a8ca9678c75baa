import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { CoreModule } from '@aiwr/server-core';
import { ReferenceModule } from '@aiwr/server-reference';
import { HealthController } from './health.controller';

const production = process.env.NODE_ENV === 'production';

@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      sortSchema: true,
      path: '/graphql',
      introspection: !production,
      playground: false,
      includeStacktraceInErrorResponses: false,
    }),
    ReferenceModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
