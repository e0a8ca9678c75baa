import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import { MappingsService } from './mappings.service';
import {
  AreaOfWorkMappingType,
  CourseEquivalenceType,
  CoverageTargetType,
  MappingSuggestionType,
  ReferenceChangeInput,
  ReferenceChangeResultType,
  ReferenceDataChangeType,
  ReferenceKindEnum,
  ReferencePreviewType,
  UnmatchedCourseType,
} from './mappings.types';

const orgArg = {
  nullable: true,
  description: 'one organisation (else every one you can see); national rows always',
};

@Resolver()
export class MappingsResolver {
  constructor(private readonly mappings: MappingsService) {}

  @Query(() => [AreaOfWorkMappingType], {
    description: 'Area of work -> clinical area: national and trust overrides.',
  })
  areaOfWorkMappings(@CurrentCaller() caller: Caller, @Args('orgCode', orgArg) orgCode?: string) {
    return this.mappings.areaMappings(caller, orgCode);
  }

  @Query(() => [CourseEquivalenceType], { description: 'Course names counted as training modules.' })
  courseEquivalences(@CurrentCaller() caller: Caller, @Args('orgCode', orgArg) orgCode?: string) {
    return this.mappings.equivalences(caller, orgCode);
  }

  @Query(() => [CoverageTargetType], {
    description: 'Coverage targets: national, regional and trust, by effective date.',
  })
  coverageTargets(@CurrentCaller() caller: Caller, @Args('orgCode', orgArg) orgCode?: string) {
    return this.mappings.targets(caller, orgCode);
  }

  @Query(() => [ReferenceDataChangeType], { description: 'Saved edits, newest first (at most 200).' })
  referenceDataHistory(
    @CurrentCaller() caller: Caller,
    @Args('kind', { type: () => ReferenceKindEnum, nullable: true }) kind?: ReferenceKindEnum,
    @Args('orgCode', orgArg) orgCode?: string,
  ) {
    return this.mappings.history(caller, kind, orgCode);
  }

  @Query(() => [UnmatchedCourseType], {
    description: 'Courses outside the catalogue with kept completions and no equivalence yet.',
  })
  unmatchedCourses(@CurrentCaller() caller: Caller, @Args('orgCode', orgArg) orgCode?: string) {
    return this.mappings.unmatchedCourses(caller, orgCode);
  }

  @Query(() => [MappingSuggestionType], { description: 'Ranked known names an unmatched value resembles.' })
  mappingSuggestions(
    @CurrentCaller() caller: Caller,
    @Args('kind', { type: () => ReferenceKindEnum }) kind: ReferenceKindEnum,
    @Args('value') value: string,
    @Args('orgCode', { nullable: true }) orgCode?: string,
  ) {
    return this.mappings.suggestions(caller, kind, value, orgCode);
  }

  @Roles('admin', 'trust_lead')
  @Query(() => ReferencePreviewType, {
    description:
      "What-if of an edit by organisation (admins: any scope; trust leads: their trust's; saves nothing).",
  })
  previewReferenceChange(@CurrentCaller() caller: Caller, @Args('change') change: ReferenceChangeInput) {
    return this.mappings.preview(caller, change);
  }

  @Roles('admin', 'trust_lead')
  @Mutation(() => ReferenceChangeResultType, {
    description:
      'Saves an edit as a new version (audited; affected organisations re-evaluated in the same transaction).',
  })
  changeReferenceData(
    @CurrentCaller() caller: Caller,
    @Args('change') change: ReferenceChangeInput,
    @Args('reason') reason: string,
  ) {
    return this.mappings.change(caller, change, reason);
  }
}
