import { usePageTitle } from '../components/usePageTitle';

export function ComparePage() {
  usePageTitle('Compare');
  return <h1>Compare</h1>;
}
