import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, Roles } from '@aiwr/server-access';
import { ExplainService } from './explain/explain.service';
import { PersonArchetypesType } from './explain/explain.types';
import { ProductsService } from './products/products.service';
import { AiProductType, RegisterAiProductInput } from './products/products.types';
import { DataQualityService } from './quality/data-quality.service';
import { ArchetypeDataQualityType } from './quality/data-quality.types';

/** Person-level explanation, AI products and archetype data quality, each scoped by the access policy. */
@Resolver()
export class PeopleResolver {
  constructor(
    private readonly explain: ExplainService,
    private readonly products: ProductsService,
    private readonly quality: DataQualityService,
  ) {}

  @Roles('trust_lead', 'admin')
  @Query(() => PersonArchetypesType, {
    description:
      'Why a (pseudonymised) person holds each archetype, and their needs (trust lead for own trust, admin; audited).',
  })
  personArchetypes(
    @CurrentCaller() caller: Caller,
    @Args('orgCode') orgCode: string,
    @Args('personKey') personKey: string,
    @Args('asAt', {
      nullable: true,
      description: 'YYYY-MM-DD; the latest snapshot on or before it (default latest)',
    })
    asAt?: string,
  ): Promise<PersonArchetypesType> {
    return this.explain.personArchetypes(caller, orgCode, asAt, personKey);
  }

  @Query(() => [AiProductType], {
    description: 'AI products an organisation has registered (any role, in scope).',
  })
  aiProducts(@CurrentCaller() caller: Caller, @Args('orgCode') orgCode: string): Promise<AiProductType[]> {
    return this.products.list(caller, orgCode);
  }

  @Roles('trust_lead', 'admin')
  @Mutation(() => AiProductType, {
    description:
      'Registers an AI product and its audience, creating its product-layer requirement (trust lead for own trust, admin; audited).',
  })
  registerAiProduct(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RegisterAiProductInput,
  ): Promise<AiProductType> {
    return this.products.register(caller, input);
  }

  @Roles('trust_lead', 'admin')
  @Query(() => [ArchetypeDataQualityType], {
    description:
      'People no rule maps, unmapped areas of work and unmatched completions per organisation (trust lead, admin).',
  })
  dataQuality(
    @CurrentCaller() caller: Caller,
    @Args('orgCode', { nullable: true }) orgCode?: string,
    @Args('asAt', { nullable: true }) asAt?: string,
  ): Promise<ArchetypeDataQualityType[]> {
    return this.quality.report(caller, orgCode, asAt);
  }
}
