import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { startTestApp, TestApp } from '../support/test-app';
import { signInAs } from '../support/auth';

describe('API: health, schema and reference data', () => {
  let t: TestApp;
  let analyst: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    // A national analyst sees every organisation; scoped roles are covered by the access tests.
    analyst = (await signInAs(t, 'analyst')).headers;
  });
  afterAll(() => t.close());

  it('reports healthy with the database up', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves the committed schema.graphql (regenerate with npm run schema:print)', () => {
    const live = printSchema(t.app.get(GraphQLSchemaHost).schema);
    const committed = fs.readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed.trim()).toBe(live.trim());
  });

  it('lists the seven regions and the trusts of one ICB read from PostgreSQL', async () => {
    const { data, errors } = await t.gql(
      `{ regions { code name } organisations(icbCode: "QKK") { code name trustType } }`,
      {},
      analyst,
    );
    expect(errors).toBeUndefined();
    expect(data.regions.map((r: any) => r.name)).toContain('North East and Yorkshire');
    expect(data.regions).toHaveLength(7);
    expect(data.organisations.map((o: any) => o.code)).toEqual(expect.arrayContaining(['RJ1', 'RJZ']));
  });

  it('answers ICBs as they were before the 2026 mergers', async () => {
    const { data } = await t.gql(
      `{ before: icbs(on: "2026-03-01") { code } now: icbs { code } }`,
      {},
      analyst,
    );
    expect(data.before).toHaveLength(42);
    expect(data.now).toHaveLength(36);
  });
});
