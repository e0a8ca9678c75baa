/** The header navigation, in the order users work through the service. */
export const NAV_ITEMS = [
  { to: '/', label: 'Overview', end: true },
  { to: '/coverage', label: 'Coverage matrix' },
  { to: '/drill-down', label: 'Drill-down' },
  { to: '/compare', label: 'Compare' },
  { to: '/archetypes', label: 'Archetypes' },
  { to: '/imports', label: 'Imports' },
  { to: '/data-quality', label: 'Data quality' },
  { to: '/mappings', label: 'Mappings' },
] as const;
