export { MappingsPage } from './lib/MappingsPage';

/** Where the data-quality page sends an unmapped value to be fixed. */
export const mappingFixUrl = (kind: 'area' | 'course', orgCode: string, value: string) =>
  `/mappings?${new URLSearchParams({ kind, org: orgCode, value })}`;
