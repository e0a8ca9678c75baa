/** The report pack's sections, as the server names them (ReportSection in the schema). */
export const PACK_SECTIONS = ['overview', 'matrix', 'compare', 'planning', 'data_quality'] as const;
export type PackSection = (typeof PACK_SECTIONS)[number];
