import { useSearchParams } from 'react-router';
import { useOrganisations } from './hooks';

export function OrganisationsPage() {
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('region') ?? undefined;
  const { data, loading, error } = useOrganisations(regionCode);

  return (
    <>
      <h1>NHS regions and trusts</h1>
      <p className="nhsuk-lede-text">
        The organisation hierarchy that every coverage figure rolls up through.
      </p>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The organisations could not be loaded</h2>
          <p>{error.message}</p>
        </div>
      )}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="region">
          Region
        </label>
        <select
          className="nhsuk-select"
          id="region"
          value={regionCode ?? ''}
          onChange={(e) => setParams(e.target.value ? { region: e.target.value } : {})}
        >
          <option value="">All regions</option>
          {data?.regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {loading && <p aria-live="polite">Loading organisations…</p>}
      {data && (
        <table className="nhsuk-table" data-testid="organisations">
          <caption className="nhsuk-table__caption">
            {data.organisations.length.toLocaleString('en-GB')} open trusts
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">ICB</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {data.organisations.map((o) => (
              <tr key={o.code} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{o.code}</td>
                <td className="nhsuk-table__cell">{o.name}</td>
                <td className="nhsuk-table__cell">{o.icbCode}</td>
                <td className="nhsuk-table__cell">{o.trustType}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
