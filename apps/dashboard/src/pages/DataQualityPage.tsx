import { usePageTitle } from '../components/usePageTitle';

export function DataQualityPage() {
  usePageTitle('Data Quality');
  return <h1>Data Quality</h1>;
}
