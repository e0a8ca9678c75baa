import { Module } from '@nestjs/common';
import { ExplainService } from './explain/explain.service';
import { PeopleResolver } from './people.resolver';
import { ProductsService } from './products/products.service';
import { DataQualityService } from './quality/data-quality.service';
import { RulesResolver } from './rules/rules.resolver';
import { RulesService } from './rules/rules.service';

/** Archetype rules (explain, edit, preview), AI products and data quality over GraphQL. */
@Module({
  providers: [
    RulesService,
    RulesResolver,
    ExplainService,
    ProductsService,
    DataQualityService,
    PeopleResolver,
  ],
  exports: [RulesService],
})
export class ArchetypesModule {}
