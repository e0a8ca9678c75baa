// Report packs by email: subscribe to a pack (sections, the current filters, how often), see what was sent
// and download it, unsubscribe. Each recipient's pack is computed in their own scope by the server.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { formatDate, usePageTitle } from '@aiwr/web-ui';
import type { ReportCadence, ReportSection, ReportSubscriptionsQuery } from '@aiwr/web-data-access';
import {
  CANCEL_REPORT_SUBSCRIPTION,
  REPORT_SUBSCRIPTIONS,
  SEND_REPORT_NOW,
  SUBSCRIBE_TO_REPORT,
  UNSUBSCRIBE_FROM_REPORT,
} from './reports.graphql';

const SECTIONS: [ReportSection, string][] = [
  ['overview', 'Overview'],
  ['matrix', 'Coverage matrix'],
  ['compare', 'Compare'],
  ['planning', 'Planning'],
  ['data_quality', 'Data quality'],
];
const CADENCES: [ReportCadence, string][] = [
  ['weekly', 'Weekly (Mondays)'],
  ['monthly', 'Monthly (the 1st)'],
  ['after_import', 'After each import of my organisations'],
];
const FILTER_KEYS = [
  'asAt',
  'region',
  'icb',
  'org',
  'department',
  'staffGroup',
  'clinicalArea',
  'archetype',
  'payBand',
  'module',
  'layer',
] as const;

type Subscription = ReportSubscriptionsQuery['reportSubscriptions'][number];

const describeFilters = (f: Subscription['filters']) =>
  FILTER_KEYS.filter((k) => f[k])
    .map((k) => `${k} ${f[k]}`)
    .join(', ') || 'none (everything in your scope)';

export function SubscriptionsPage() {
  usePageTitle('Report packs');
  const { data, loading, error, refetch } = useQuery(REPORT_SUBSCRIPTIONS, {
    fetchPolicy: 'cache-and-network',
  });
  const [unsubscribe] = useMutation(UNSUBSCRIBE_FROM_REPORT);
  const [cancel] = useMutation(CANCEL_REPORT_SUBSCRIPTION);
  const [sendNow] = useMutation(SEND_REPORT_NOW);
  const [message, setMessage] = useState<string | null>(null);
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setMessage(done);
    } catch (e) {
      setMessage((e as Error).message);
    }
    await refetch();
  };
  const subscriptions = data?.reportSubscriptions ?? [];
  return (
    <>
      <h1>Report packs by email</h1>
      <p className="nhsuk-body">
        A report pack is a PDF of the pages you choose, with an XLSX of its figures, sent to you by email. The
        figures are always computed with your own access scope and disclosure rules.
      </p>
      {message && (
        <div className="nhsuk-inset-text" role="status">
          <p>{message}</p>
        </div>
      )}
      <SubscribeForm onDone={(m) => act(() => Promise.resolve(), m)} />
      <h2>Your report packs</h2>
      {error && <p className="nhsuk-error-message">{error.message}</p>}
      {loading && !data ? (
        <p className="nhsuk-body aiwr-loading">Loading your report packs…</p>
      ) : subscriptions.length === 0 ? (
        <p className="nhsuk-body">You have no report packs yet.</p>
      ) : (
        <table className="nhsuk-table" aria-label="Your report packs">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Pack</th>
              <th scope="col">Sections</th>
              <th scope="col">How often</th>
              <th scope="col">Filters</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {subscriptions.map((s) => (
              <tr key={s.id}>
                <td>{s.title}</td>
                <td>{s.sections.map((x) => SECTIONS.find(([k]) => k === x)?.[1] ?? x).join(', ')}</td>
                <td>{CADENCES.find(([k]) => k === s.cadence)?.[1]}</td>
                <td>{describeFilters(s.filters)}</td>
                <td>
                  {s.cancelledAt
                    ? `Cancelled ${formatDate(s.cancelledAt)}`
                    : s.receiving
                      ? 'You receive it'
                      : 'You do not receive it'}
                  {s.canManage &&
                    s.recipients.length > 1 &&
                    ` (${s.recipients.filter((r) => r.subscribed).length} recipients)`}
                </td>
                <td>
                  {s.receiving && (
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      onClick={() =>
                        act(() => unsubscribe({ variables: { id: s.id } }), `Unsubscribed from ${s.title}.`)
                      }
                    >
                      Unsubscribe<span className="nhsuk-u-visually-hidden"> from {s.title}</span>
                    </button>
                  )}{' '}
                  {s.canManage && !s.cancelledAt && (
                    <>
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        onClick={() =>
                          act(() => sendNow({ variables: { id: s.id } }), `${s.title} is being sent now.`)
                        }
                      >
                        Send now<span className="nhsuk-u-visually-hidden"> {s.title}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                        onClick={() =>
                          act(() => cancel({ variables: { id: s.id } }), `${s.title} is cancelled.`)
                        }
                      >
                        Cancel for everyone<span className="nhsuk-u-visually-hidden"> {s.title}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Sent packs</h2>
      <DeliveryTable deliveries={data?.reportDeliveries ?? []} />
    </>
  );
}

function DeliveryTable({ deliveries }: { deliveries: ReportSubscriptionsQuery['reportDeliveries'] }) {
  if (deliveries.length === 0) return <p className="nhsuk-body">Nothing has been sent yet.</p>;
  return (
    <table className="nhsuk-table" aria-label="Sent packs">
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Pack</th>
          <th scope="col">To</th>
          <th scope="col">Period</th>
          <th scope="col">Status</th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>{d.subscriptionTitle}</td>
            <td>
              {d.recipient}
              {d.scope && <span className="nhsuk-body-s"> ({d.scope})</span>}
            </td>
            <td>{d.period}</td>
            <td>
              {d.status}
              {d.attempts > 1 && ` after ${d.attempts} attempts`}
              {d.lastError && <span className="nhsuk-body-s">: {d.lastError}</span>}
            </td>
            <td>
              {d.files.map((f) => (
                <a key={f.kind} href={f.url} className="nhsuk-u-margin-right-2">
                  {f.kind.toUpperCase()}
                </a>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SubscribeForm({ onDone }: { onDone: (message: string) => void }) {
  const [params] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])));
  const [title, setTitle] = useState('Weekly AI training pack');
  const [sections, setSections] = useState<ReportSection[]>(['overview', 'matrix']);
  const [cadence, setCadence] = useState<ReportCadence>('weekly');
  const [subscribe, { loading, error }] = useMutation(SUBSCRIBE_TO_REPORT, {
    refetchQueries: [REPORT_SUBSCRIPTIONS],
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await subscribe({ variables: { input: { title, sections, cadence, filters } } });
    onDone(`Subscribed to ${title}.`);
  };
  return (
    <form onSubmit={submit} className="nhsuk-u-margin-bottom-6" aria-label="Subscribe to a report pack">
      <h2>Subscribe to a report pack</h2>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="pack-title">
          Title (the email subject)
        </label>
        <input
          id="pack-title"
          className="nhsuk-input nhsuk-input--width-30"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={120}
        />
      </div>
      <fieldset className="nhsuk-fieldset nhsuk-form-group">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Sections</legend>
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          {SECTIONS.map(([value, label]) => (
            <div className="nhsuk-checkboxes__item" key={value}>
              <input
                className="nhsuk-checkboxes__input"
                id={`pack-section-${value}`}
                type="checkbox"
                checked={sections.includes(value)}
                onChange={(e) =>
                  setSections((cur) => (e.target.checked ? [...cur, value] : cur.filter((x) => x !== value)))
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`pack-section-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="nhsuk-fieldset nhsuk-form-group">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How often</legend>
        <div className="nhsuk-radios nhsuk-radios--small">
          {CADENCES.map(([value, label]) => (
            <div className="nhsuk-radios__item" key={value}>
              <input
                className="nhsuk-radios__input"
                id={`pack-cadence-${value}`}
                type="radio"
                name="cadence"
                checked={cadence === value}
                onChange={() => setCadence(value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`pack-cadence-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <p className="nhsuk-body-s">
        Filters:{' '}
        {Object.entries(filters)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'}{' '}
        (the filters you had chosen on the dashboard).
      </p>
      {error && <p className="nhsuk-error-message">{error.message}</p>}
      <button type="submit" className="nhsuk-button" disabled={loading || sections.length === 0}>
        Subscribe
      </button>
    </form>
  );
}
