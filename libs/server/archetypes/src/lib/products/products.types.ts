import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('AiProductAudience', {
  description: 'Who will use a product: every given field must match an assignment.',
})
export class AiProductAudienceType {
  @Field({ nullable: true }) staffGroupCode?: string;
  @Field({ nullable: true }) clinicalAreaCode?: string;
  @Field({ nullable: true }) department?: string;
}

@ObjectType('AiProduct', { description: 'An AI product a trust deploys; its users need its product module.' })
export class AiProductType {
  @Field() orgCode: string;
  @Field() productCode: string;
  @Field() name: string;
  @Field() moduleCode: string;
  @Field() liveFrom: string;
  @Field({ nullable: true }) liveTo?: string;
  @Field(() => [AiProductAudienceType]) audience: AiProductAudienceType[];
}

@InputType('AiProductAudienceInput')
export class AiProductAudienceInput {
  @Field({ nullable: true }) staffGroupCode?: string;
  @Field({ nullable: true }) clinicalAreaCode?: string;
  @Field({ nullable: true }) department?: string;
}

@InputType('RegisterAiProductInput')
export class RegisterAiProductInput {
  @Field() orgCode: string;
  @Field({ description: '2-12 capital letters or digits, e.g. AVT' }) productCode: string;
  @Field() name: string;
  @Field({
    nullable: true,
    description: 'an existing product-layer module; AIP-<productCode> is created when omitted',
  })
  moduleCode?: string;
  @Field({ description: 'YYYY-MM-DD' }) liveFrom: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) liveTo?: string;
  @Field(() => [AiProductAudienceInput]) audience: AiProductAudienceInput[];
}
