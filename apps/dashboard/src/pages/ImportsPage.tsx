import { usePageTitle } from '../components/usePageTitle';
import { UploadForm } from './imports/UploadForm';

export function ImportsPage() {
  usePageTitle('Imports');
  return (
    <>
      <h1>Imports</h1>
      <p className="nhsuk-lede-text">
        Load a monthly ESR staff list or a training completions file. Each file is checked row by row and
        imported in one go: if anything is wrong, nothing is written and you get the list of errors.
      </p>
      <UploadForm onFinished={() => undefined} />
    </>
  );
}
