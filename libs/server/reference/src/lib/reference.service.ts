import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClinicalAreaType, IcbType, OrganisationType, RegionType, StaffGroupType } from './reference.types';

export type OrganisationFilter = {
  regionCode?: string;
  icbCode?: string;
  openOn?: string;
  codes?: string[];
  /** trust (default), general_practice or community_pharmacy */
  setting?: string;
};

/** Read-only access to the organisation hierarchy and reference lists. */
@Injectable()
export class ReferenceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  regions(opts: { currentOnly?: boolean; codes?: string[] } = {}): Promise<RegionType[]> {
    return this.db.query(
      `select code, name, ons_code as "onsCode", is_current as "isCurrent" from region
       where ($1::boolean is false or is_current) and ($2::text[] is null or code = any($2))
       order by name`,
      [opts.currentOnly ?? true, opts.codes ?? null],
    );
  }

  icbs(opts: { regionCode?: string; on?: string; codes?: string[] } = {}): Promise<IcbType[]> {
    return this.db.query(
      `select code, name, region_code as "regionCode", valid_from::text as "validFrom", valid_to::text as "validTo",
              successor_codes as "successorCodes"
       from icb
       where ($1::text is null or region_code = $1)
         and valid_from <= coalesce($2::date, current_date) and (valid_to is null or valid_to >= coalesce($2::date, current_date))
         and ($3::text[] is null or code = any($3))
       order by name`,
      [opts.regionCode ?? null, opts.on ?? null, opts.codes ?? null],
    );
  }

  organisations(f: OrganisationFilter = {}): Promise<OrganisationType[]> {
    return this.db.query(
      `select code, name, region_code as "regionCode", icb_code as "icbCode", open_date::text as "openDate",
              close_date::text as "closeDate", trust_type as "trustType"
       from organisation
       where region_code is not null
         and ($1::text is null or region_code = $1)
         and ($2::text is null or icb_code = $2)
         and open_date <= coalesce($3::date, current_date) and (close_date is null or close_date >= coalesce($3::date, current_date))
         and ($4::text[] is null or code = any($4))
         and setting = $5
       order by name`,
      [f.regionCode ?? null, f.icbCode ?? null, f.openOn ?? null, f.codes ?? null, f.setting ?? 'trust'],
    );
  }

  staffGroups(): Promise<StaffGroupType[]> {
    return this.db.query(`select code, name, esr_label as "esrLabel" from staff_group order by code`);
  }

  clinicalAreas(): Promise<ClinicalAreaType[]> {
    return this.db.query(`select code, name from clinical_area order by sort_order`);
  }
}
