import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { RECOMPUTE, Recompute } from '@aiwr/server-core';
import { AiProductType, RegisterAiProductInput } from './products.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** AI products a trust deploys: each adds a product-layer requirement for the audience it names. */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    @Inject(RECOMPUTE) private readonly recompute: Recompute,
  ) {}

  async list(caller: Caller, orgCode: string): Promise<AiProductType[]> {
    await this.access.assertOrgsVisible(caller, [orgCode]);
    return this.db.query(
      `select p.org_code as "orgCode", p.product_code as "productCode", p.name, p.module_code as "moduleCode",
              p.live_from::text as "liveFrom", p.live_to::text as "liveTo",
              coalesce((select jsonb_agg(jsonb_build_object('staffGroupCode', a.staff_group_code,
                 'clinicalAreaCode', a.clinical_area_code, 'department', a.department) order by a.audience_id)
               from ai_product_audience a where a.org_code = p.org_code and a.product_code = p.product_code), '[]') as audience
       from ai_product p where p.org_code = $1 order by p.live_from, p.product_code`,
      [orgCode],
    );
  }

  /**
   * Registers (or re-registers, replacing) a product and its audience, creates its module when needed,
   * and re-evaluates every snapshot of the organisation so product needs appear, in one transaction.
   */
  async register(caller: Caller, input: RegisterAiProductInput): Promise<AiProductType> {
    await this.access.assertOrgsVisible(caller, [input.orgCode]);
    const code = input.productCode?.trim().toUpperCase();
    const problems: string[] = [];
    if (!/^[A-Z0-9]{2,12}$/.test(code ?? ''))
      problems.push('productCode must be 2-12 capital letters or digits');
    if (!input.name?.trim()) problems.push('name is required');
    if (!DATE.test(input.liveFrom) || (input.liveTo && !DATE.test(input.liveTo)))
      problems.push('dates must be YYYY-MM-DD');
    if (input.liveTo && input.liveTo <= input.liveFrom) problems.push('liveTo must be after liveFrom');
    const audience = (input.audience ?? []).map((a) => ({
      staffGroupCode: a.staffGroupCode?.trim() || null,
      clinicalAreaCode: a.clinicalAreaCode?.trim() || null,
      department: a.department?.trim() || null,
    }));
    if (!audience.length || audience.some((a) => !a.staffGroupCode && !a.clinicalAreaCode && !a.department))
      problems.push('name at least one audience, each with a staff group, clinical area or department');
    if (problems.length) throw new BadRequestException(problems.join('; '));

    return this.db.transaction(async (m) => {
      const [refs] = await m.query(
        `select (select count(*) from staff_group where code = any($1))::int as groups,
                (select count(*) from clinical_area where code = any($2))::int as areas`,
        [
          [...new Set(audience.map((a) => a.staffGroupCode).filter(Boolean))],
          [...new Set(audience.map((a) => a.clinicalAreaCode).filter(Boolean))],
        ],
      );
      if (
        refs.groups !== new Set(audience.map((a) => a.staffGroupCode).filter(Boolean)).size ||
        refs.areas !== new Set(audience.map((a) => a.clinicalAreaCode).filter(Boolean)).size
      )
        throw new BadRequestException(
          'The audience names a staff group or clinical area that does not exist.',
        );
      const moduleCode = input.moduleCode?.trim() || `AIP-${code}`;
      if (input.moduleCode) {
        const [mod] = await m.query(`select layer from training_module where code = $1`, [moduleCode]);
        if (mod?.layer !== 'product')
          throw new BadRequestException(`${moduleCode} is not a product-layer module.`);
      } else {
        await m.query(
          `insert into training_module(code, title, layer, provider, renewal_months, description)
           values ($1, $2, 'product', 'Local Embedder team with the supplier', 12, $3) on conflict (code) do nothing`,
          [
            moduleCode,
            `${input.name.trim()}: product training`,
            'Product-specific training before first use; repeated yearly (HEE report Part 2 §3.4).',
          ],
        );
      }
      await m.query(
        `insert into ai_product(org_code, product_code, name, module_code, live_from, live_to) values ($1, $2, $3, $4, $5, $6)
         on conflict (org_code, product_code) do update set name = excluded.name, module_code = excluded.module_code,
           live_from = excluded.live_from, live_to = excluded.live_to`,
        [input.orgCode, code, input.name.trim(), moduleCode, input.liveFrom, input.liveTo ?? null],
      );
      await m.query(`delete from ai_product_audience where org_code = $1 and product_code = $2`, [
        input.orgCode,
        code,
      ]);
      await m.query(
        `insert into ai_product_audience(org_code, product_code, staff_group_code, clinical_area_code, department)
         select $1, $2, * from unnest($3::text[], $4::text[], $5::text[])`,
        [
          input.orgCode,
          code,
          audience.map((a) => a.staffGroupCode),
          audience.map((a) => a.clinicalAreaCode),
          audience.map((a) => a.department),
        ],
      );
      const snapshots = await m.query(
        `select org_code as "orgCode", as_at::text as "asAt" from staff_snapshot where org_code = $1`,
        [input.orgCode],
      );
      await this.recompute(m, { snapshots });
      await this.audit.record(
        caller,
        'ai_product.register',
        `${input.orgCode}:${code}`,
        { moduleCode, liveFrom: input.liveFrom, audience },
        m,
      );
      return {
        orgCode: input.orgCode,
        productCode: code,
        name: input.name.trim(),
        moduleCode,
        liveFrom: input.liveFrom,
        liveTo: input.liveTo,
        audience,
      } as AiProductType;
    });
  }
}
