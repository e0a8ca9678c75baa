import { WithinOrgDimension } from '../rollups/dimensions';
import type { GeographyBasis } from './coverage-catalog';

/** A population (data-formats.md §5): any combination of these narrows it; an empty list means "all". */
export type CoverageFilter = {
  asAt?: string | null;
  regionCodes?: string[] | null;
  icbCodes?: string[] | null;
  orgCodes?: string[] | null;
  /** Primary care networks: their practices and the staff the PCN itself employs. */
  pcnCodes?: string[] | null;
  /** trust, general_practice, community_pharmacy */
  settings?: string[] | null;
  departments?: string[] | null;
  staffGroupCodes?: string[] | null;
  clinicalAreaCodes?: string[] | null;
  archetypeCodes?: string[] | null;
  payBands?: string[] | null;
  /** Job roles of general practice and community pharmacy (canonical names, e.g. "Salaried GP"). */
  jobRoles?: string[] | null;
  moduleCodes?: string[] | null;
  layer?: string | null;
  /** AS_IT_WAS (default): each date's figures under the ICBs and regions of that date; RESTATED: today's. */
  geography?: GeographyBasis | null;
};

/**
 * Attributes of an organisation (no grouping set needed). PCN: the network a practice was in on the date
 * (a PCN's own staff count in it too); PROVIDER: the trust, PCN or pharmacy a figure rolls up to below the
 * ICB (a practice rolls up to its PCN); SETTING: trust, general practice or community pharmacy.
 */
export const ORG_DIMENSIONS = ['REGION', 'ICB', 'PCN', 'PROVIDER', 'ORGANISATION', 'SETTING'] as const;
export const REQUIREMENT_DIMENSIONS = ['MODULE', 'LAYER'] as const;
export type OrgDimension = (typeof ORG_DIMENSIONS)[number];
export type RequirementDimension = (typeof REQUIREMENT_DIMENSIONS)[number];
export type CoverageDimension = OrgDimension | WithinOrgDimension | RequirementDimension;

export const COVERAGE_DIMENSIONS: CoverageDimension[] = [
  'REGION',
  'ICB',
  'PCN',
  'PROVIDER',
  'ORGANISATION',
  'SETTING',
  'DEPARTMENT',
  'STAFF_GROUP',
  'CLINICAL_AREA',
  'ARCHETYPE',
  'PAY_BAND',
  'JOB_ROLE',
  'MODULE',
  'LAYER',
];

/** Which filter field narrows which within-organisation dimension. */
export const WITHIN_ORG_FILTERS: Record<WithinOrgDimension, keyof CoverageFilter> = {
  DEPARTMENT: 'departments',
  STAFF_GROUP: 'staffGroupCodes',
  CLINICAL_AREA: 'clinicalAreaCodes',
  PAY_BAND: 'payBands',
  ARCHETYPE: 'archetypeCodes',
  JOB_ROLE: 'jobRoles',
};

export const listOf = (v: string[] | null | undefined): string[] | null =>
  v && v.length > 0 ? [...new Set(v)].sort() : null;

export const isOrgDimension = (d: CoverageDimension): d is OrgDimension =>
  (ORG_DIMENSIONS as readonly string[]).includes(d);
export const isRequirementDimension = (d: CoverageDimension): d is RequirementDimension =>
  (REQUIREMENT_DIMENSIONS as readonly string[]).includes(d);

/** The raw (uncontrolled) figures of one group; null where the measure does not apply to the row. */
export type RawMeasures = {
  headcount: number | null;
  fte: number | null;
  roleCount: number | null;
  needed: number;
  met: number;
  fullyTrained: number | null;
  foundationMet: number | null;
  archetypeMet: number | null;
  /** Module / layer rows: people meeting all of it. */
  peopleMet: number | null;
};

export type RawRow = {
  /** The as-at date the row belongs to (the query date, or one point of a trend). */
  point: string;
  keys: Partial<Record<CoverageDimension, string>>;
  /** Organisations whose people the row counts (decides whether disclosure control applies). */
  orgCodes: string[];
  measures: RawMeasures;
};
