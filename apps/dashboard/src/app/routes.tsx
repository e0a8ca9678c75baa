// Every page is its own chunk (React.lazy), so the first load carries only the shell.
import { lazy } from 'react';
import { Route } from 'react-router';

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const OverviewPage = page(() => import('../pages/OverviewPage'), 'OverviewPage');
const CoverageMatrixPage = page(() => import('../pages/CoverageMatrixPage'), 'CoverageMatrixPage');
const DrillDownPage = page(() => import('../pages/DrillDownPage'), 'DrillDownPage');
const ComparePage = page(() => import('../pages/ComparePage'), 'ComparePage');
const ArchetypesPage = page(() => import('../pages/ArchetypesPage'), 'ArchetypesPage');
const ImportsPage = page(() => import('../pages/ImportsPage'), 'ImportsPage');
const DataQualityPage = page(() => import('../pages/DataQualityPage'), 'DataQualityPage');
const AboutPage = page(() => import('../pages/AboutPage'), 'AboutPage');
const OrganisationsPage = page(() => import('../pages/OrganisationsPage'), 'OrganisationsPage');
const NotFoundPage = page(() => import('../pages/NotFoundPage'), 'NotFoundPage');
const MappingsPage = page(() => import('@aiwr/web-mappings'), 'MappingsPage');

/** The dashboard's pages, to be placed inside the layout route. */
export const pageRoutes = (
  <>
    <Route index element={<OverviewPage />} />
    <Route path="coverage" element={<CoverageMatrixPage />} />
    <Route path="drill-down" element={<DrillDownPage />} />
    <Route path="compare" element={<ComparePage />} />
    <Route path="archetypes" element={<ArchetypesPage />} />
    <Route path="imports" element={<ImportsPage />} />
    <Route path="data-quality" element={<DataQualityPage />} />
    <Route path="mappings" element={<MappingsPage />} />
    <Route path="about" element={<AboutPage />} />
    <Route path="organisations" element={<OrganisationsPage />} />
    <Route path="*" element={<NotFoundPage />} />
  </>
);
