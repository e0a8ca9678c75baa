import { DataSource } from 'typeorm';
import fs from 'node:fs';
import { startTestApp, TestApp } from '../support/test-app';
import { DEMO_PASSWORD } from '@aiwr/server-access';
import { signIn, signInAs, SignedIn } from '../support/auth';
import { fixture, resetImportState } from './import-support';

/** The HTTP and GraphQL ways in: multipart upload, upload + runImport, history, progress, error CSV. */
describe('imports over HTTP and GraphQL', () => {
  let t: TestApp;
  let lead: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp();
    await resetImportState(t.app.get(DataSource));
    lead = await signInAs(t, 'trust_lead'); // organisation RJ1
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  const form = (file: string, fields: Record<string, string>, name = file) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set('file', new Blob([fs.readFileSync(fixture(file))]), name);
    return body;
  };
  const post = (path: string, body: FormData, who?: SignedIn) =>
    fetch(`${t.url}${path}`, { method: 'POST', body, headers: who?.headers ?? {} });

  it('POST /api/imports streams the upload through the pipeline and returns the record', async () => {
    const res = await post(
      '/api/imports',
      form('staff-valid.csv', { kind: 'staff', asAt: '2026-01-15' }),
      lead,
    );
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body).toMatchObject({
      outcome: 'succeeded',
      orgCodes: ['RJ1'],
      rowsImported: 4,
      fileName: 'staff-valid.csv',
    });
    const { data } = await t.gql(
      `query($id: ID!) { importRecord(id: $id) { outcome rowsRead errorsCsvPath } importProgress(id: $id) { percent done } }`,
      { id: body.id },
      lead.headers,
    );
    expect(data.importRecord).toEqual({
      outcome: 'succeeded',
      rowsRead: 5,
      errorsCsvPath: `/api/imports/${body.id}/errors.csv`,
    });
    expect(data.importProgress).toEqual({ percent: 100, done: true });
  });

  it('says a repeated upload changed nothing, also when the browser does not wait for the import', async () => {
    const fields = { kind: 'staff', asAt: '2026-01-16' };
    const first: any = await (await post('/api/imports', form('staff-valid.csv', fields), lead)).json();
    expect(first.outcome).toBe('succeeded');
    for (const wait of ['true', 'false']) {
      const again: any = await (
        await post('/api/imports', form('staff-valid.csv', { ...fields, wait }), lead)
      ).json();
      expect(again).toMatchObject({ id: first.id, outcome: 'duplicate' });
      expect(again.warnings.join(' ')).toMatch(/already imported .*nothing was changed/);
    }
  });

  it('refuses signed-out callers, planners and analysts, and a trust lead importing another trust', async () => {
    const fields = { kind: 'staff', asAt: '2026-01-15' };
    expect((await post('/api/imports', form('staff-valid.csv', fields))).status).toBe(401);
    for (const role of ['planner', 'analyst'] as const) {
      const who = await signInAs(t, role);
      expect((await post('/api/imports', form('staff-valid.csv', fields), who)).status).toBe(403);
    }
    const other = await post('/api/imports', form('staff-valid.csv', { ...fields, orgCode: 'RJZ' }), lead);
    expect(other.status).toBe(403);
    // A file whose rows name another trust is rejected row by row, naming nothing it should not.
    const rows = await post('/api/imports', form('staff-other-organisation.csv', fields), lead);
    const body: any = await rows.json();
    expect(body.outcome).toBe('rejected');
    expect(body.errors).toEqual([expect.objectContaining({ line: 3, code: 'ORGANISATION_OUT_OF_SCOPE' })]);
  });

  it('stores an upload and runs it with the runImport mutation; history shows it', async () => {
    const res = await post('/api/uploads', form('completions-valid.csv', {}), lead);
    expect(res.status).toBe(201);
    const { uploadId }: any = await res.json();
    const run = await t.gql(
      `mutation($input: RunImportInput!) { runImport(input: $input) { id outcome rowsRead rowsSkippedByRule summaryJson } }`,
      { input: { uploadId, kind: 'completions', mode: 'validate_only' } },
      lead.headers,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data.runImport).toMatchObject({ outcome: 'validated', rowsRead: 6, rowsSkippedByRule: 2 });
    expect(JSON.parse(run.data.runImport.summaryJson).skippedCourses).toEqual([
      { course: 'Fire Safety Level 1', rows: 1 },
    ]);
    // An upload is used once.
    const again = await t.gql(
      `mutation($input: RunImportInput!) { runImport(input: $input) { id } }`,
      { input: { uploadId, kind: 'completions' } },
      lead.headers,
    );
    expect(again.errors?.[0].message).toMatch(/No such upload/);
    const history = await t.gql(
      `{ imports(first: 5) { items { id fileName } hasMore endCursor } }`,
      {},
      lead.headers,
    );
    expect(history.data.imports.items.map((i: any) => i.id)).toContain(run.data.runImport.id);
    const next = await t.gql(
      `query($after: String) { imports(first: 5, after: $after) { items { id } } }`,
      { after: history.data.imports.endCursor },
      lead.headers,
    );
    const firstIds = history.data.imports.items.map((i: any) => i.id);
    for (const item of next.data.imports.items) expect(firstIds).not.toContain(item.id);
  });

  it('serves the error report as CSV with formula-like cells neutralised', async () => {
    const csv = 'Employee Number,Organisation Code,Staff Group,FTE\nX1,RJ1,=cmd|calc,1\nX2,RJ1,@SUM(1),-1\n';
    const body = new FormData();
    body.set('kind', 'staff');
    body.set('asAt', '2026-01-15');
    body.set('file', new Blob([csv]), 'formula.csv');
    const record: any = await (await post('/api/imports', body, admin)).json();
    expect(record.outcome).toBe('rejected');
    const res = await fetch(`${t.url}/api/imports/${record.id}/errors.csv`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('line,column,value,code,message');
    expect(text).toContain(`2,Staff Group,'=cmd|calc,UNKNOWN_STAFF_GROUP,"Not one of the 10`);
    expect(text).toContain(`3,Staff Group,'@SUM(1),UNKNOWN_STAFF_GROUP`);
    expect(text).toContain(`3,FTE,'-1,FTE_OUT_OF_RANGE`);
    // Someone who cannot see the import cannot download its errors.
    const lead2 = await fetch(`${t.url}/api/imports/${record.id}/errors.csv`, { headers: lead.headers });
    expect(lead2.status).toBe(200); // RJ1 is the trust lead's own organisation
    const manchester = await signIn(t, 'trustlead.manchester@demo.aiwr.local', DEMO_PASSWORD);
    expect(
      (await fetch(`${t.url}/api/imports/${record.id}/errors.csv`, { headers: manchester.headers })).status,
    ).toBe(404);
  });
});
