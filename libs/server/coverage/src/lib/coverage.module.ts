import { Module } from '@nestjs/common';
import { ComparisonService } from './comparison.service';
import { CoverageService } from './coverage.service';
import { CoverageResolver, PersonResolver } from './graphql/coverage.resolver';
import { ScopedResponseCache } from './graphql/scoped-response-cache';
import { PeopleService } from './people/people.service';

/** Coverage analytics over precomputed rollups; AccessPolicy and AuditService come from the global AccessModule. */
@Module({
  providers: [
    CoverageService,
    ComparisonService,
    PeopleService,
    CoverageResolver,
    PersonResolver,
    ScopedResponseCache,
  ],
  exports: [CoverageService, ComparisonService, PeopleService, ScopedResponseCache],
})
export class CoverageModule {}
