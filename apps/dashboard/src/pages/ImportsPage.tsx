import { usePageTitle } from '../components/usePageTitle';

export function ImportsPage() {
  usePageTitle('Imports');
  return <h1>Imports</h1>;
}
