import { usePageTitle } from '../components/usePageTitle';

export function OverviewPage() {
  usePageTitle('Overview');
  return <h1>Overview</h1>;
}
