import { usePageTitle } from '../components/usePageTitle';

export function ArchetypesPage() {
  usePageTitle('Archetypes');
  return <h1>Archetypes</h1>;
}
