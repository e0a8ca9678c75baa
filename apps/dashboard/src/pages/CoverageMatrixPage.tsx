import { usePageTitle } from '../components/usePageTitle';

export function CoverageMatrixPage() {
  usePageTitle('Coverage Matrix');
  return <h1>Coverage Matrix</h1>;
}
