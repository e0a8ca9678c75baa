// Benchmark harness (not part of the product): the dashboard's DataTable with 100,000 rows.
import { createRoot } from 'react-dom/client';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import '../../apps/dashboard/src/styles.css';
import { DataTable, type DataColumn } from '@aiwr/web-ui';

interface Row {
  id: number;
  personKey: string;
  department: string;
  payBand: string;
  modulesNeeded: number;
  modulesMet: number;
}

const count = Number(new URLSearchParams(location.search).get('rows') ?? 100_000);
const departments = ['Medicine', 'Surgery', 'Women and Children', 'Corporate Services', 'Digital Services'];
const rows: Row[] = Array.from({ length: count }, (_, i) => ({
  id: i,
  personKey: ((i * 2654435761) >>> 0).toString(16).padStart(12, '0').slice(0, 12),
  department: departments[i % departments.length],
  payBand: `Band ${2 + (i % 8)}`,
  modulesNeeded: 1 + (i % 4),
  modulesMet: i % 5,
}));
const columns: DataColumn<Row>[] = [
  { id: 'personKey', header: 'Person', value: (r) => r.personKey },
  { id: 'department', header: 'Department', value: (r) => r.department },
  { id: 'payBand', header: 'Pay band', value: (r) => r.payBand },
  { id: 'needed', header: 'Modules needed', numeric: true, value: (r) => r.modulesNeeded },
  { id: 'met', header: 'Modules met', numeric: true, value: (r) => r.modulesMet },
];

createRoot(document.getElementById('root')!).render(
  <DataTable
    caption={`${count.toLocaleString('en-GB')} people`}
    columns={columns}
    rows={rows}
    rowKey={(r) => String(r.id)}
    testId="bench"
  />,
);
