import { useState } from 'react';
import { UploadForm } from './UploadForm';
import { ImportHistory } from './ImportHistory';
import { usePageTitle } from '@aiwr/web-ui';
import { useCurrentUser } from '@aiwr/web-data-access';

export function ImportsPage() {
  usePageTitle('Imports');
  const me = useCurrentUser();
  const canUpload = me.role === 'trust_lead' || me.role === 'admin';
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <>
      <h1>Imports</h1>
      <p className="nhsuk-lede-text">
        Load a monthly ESR staff list or a training completions file. Each file is checked row by row and
        imported in one go: if anything is wrong, nothing is written and you get the list of errors.
      </p>
      {canUpload ? (
        <UploadForm onFinished={() => setRefreshKey((k) => k + 1)} />
      ) : (
        <div className="nhsuk-inset-text">
          <p>Files are uploaded by trust training leads (for their own trust) and administrators.</p>
        </div>
      )}
      <ImportHistory refreshKey={refreshKey} />
    </>
  );
}
