import { usePageTitle } from '../components/usePageTitle';

export function DrillDownPage() {
  usePageTitle('Drill Down');
  return <h1>Drill Down</h1>;
}
