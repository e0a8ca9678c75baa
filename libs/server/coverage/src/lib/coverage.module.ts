import { Module } from '@nestjs/common';
import { ComparisonService } from './comparison.service';
import { CoverageService } from './coverage.service';
import { CoverageResolver, PersonResolver } from './graphql/coverage.resolver';
import { PeopleService } from './people/people.service';

/** Coverage analytics over precomputed rollups; AccessPolicy and AuditService come from the global AccessModule. */
@Module({
  providers: [CoverageService, ComparisonService, PeopleService, CoverageResolver, PersonResolver],
  exports: [CoverageService, ComparisonService, PeopleService],
})
export class CoverageModule {}
