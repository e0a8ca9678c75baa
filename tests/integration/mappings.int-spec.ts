import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { UsersService } from '@aiwr/server-access';
import { pseudonymise, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureDemoUsers, signIn, signInAs, SignedIn } from '../support/auth';

const KEY = process.env.PSEUDONYMISATION_KEY!;

// Area-of-work mappings, course equivalences and coverage targets, end to end: real imports through the
// pipeline, edits through the GraphQL API by role, previews checked against what the save then does.
describe('API: mappings, course equivalences and targets (previewed, versioned, audited, applied)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let lead: SignedIn; // a trust lead of `org` created for this suite
  let analyst: SignedIn;
  let tmp: string;
  // Trusts no other suite uses, so their "current snapshot" is this suite's alone.
  const org = 'RAJ';
  const other = 'RWE'; // a trust the lead cannot edit
  const asAt = '2027-01-31';
  const leadEmail = 'trustlead.mappings@test.aiwr.local';
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  const person = (o: string, emp: string) => pseudonymise(KEY, o, emp);

  const STAFF_HEADER =
    'Employee Number,Assignment Number,Organisation Code,Staff Group,Job Role,Occupation Code,Area of Work,Position Title,Pay Band,Department,FTE,Assignment Status';
  const staffRow = (emp: string, o: string, area: string) =>
    `${emp},${emp}-1,${o},Nursing and Midwifery Registered,Staff Nurse,N0A,"${area}",Staff Nurse,Band 5,Ward,1,Active Assignment`;

  async function importFile(kind: 'staff' | 'completions', name: string, lines: string[]) {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return runImport(db, {
      kind,
      filePath: file,
      fileName: name,
      asAt: kind === 'staff' ? asAt : null,
      allowedOrgCodes: null,
      pseudonymisationKey: KEY,
      recompute,
    });
  }

  const CHANGE = `mutation($change: ReferenceChangeInput!, $reason: String!) {
    changeReferenceData(change: $change, reason: $reason) { kind subject version organisationsReevaluated }
  }`;
  const PREVIEW = `query($change: ReferenceChangeInput!) {
    previewReferenceChange(change: $change) {
      peopleMoved completionsCounted moves { fromCode toCode people }
      organisations { orgCode headcount peopleMoved unmappedBefore unmappedAfter needsMetBefore needsMetAfter
                      coveragePct targetPctBefore targetPctAfter ragBefore ragAfter }
    }
  }`;
  const areaOf = async (o: string, emp: string) =>
    (
      await q(
        `select clinical_area_code from staff_assignment where org_code = $1 and as_at = $2 and person_key = $3`,
        [o, asAt, person(o, emp)],
      )
    )[0].clinical_area_code;
  const rollupPeople = async (o: string, area: string) =>
    (
      await q(
        `select coalesce(sum(headcount), 0)::int as n from coverage_rollup
         where org_code = $1 and as_at = $2 and gset = 4 and clinical_area_code = $3`,
        [o, asAt, area],
      )
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-mappings-'));
    await ensureDemoUsers(t);
    [admin, analyst] = [await signInAs(t, 'admin'), await signInAs(t, 'analyst')];
    await t.app.get(UsersService).create(null, {
      email: leadEmail,
      displayName: 'Mappings Trust Lead',
      role: 'trust_lead',
      grants: [{ type: 'organisation', code: org }],
      password: 'mappings-password-2026',
    });
    lead = await signIn(t, leadEmail, 'mappings-password-2026');
    const staff = await importFile('staff', 'mappings-staff.csv', [
      STAFF_HEADER,
      staffRow('M1', org, 'Accident & Emergency'),
      staffRow('M2', org, 'A&E'),
      staffRow('M3', org, 'Paediatrics – Neonatal'),
      staffRow('M4', org, 'Obstetrics & Gynaecology'),
      staffRow('M5', org, 'Paediatrics – Neonatal'),
      staffRow('M1', other, 'Paediatrics – Neonatal'),
      staffRow('M2', other, 'A&E'),
    ]);
    expect(staff.outcome).toBe('succeeded');
  });

  afterAll(async () => {
    await q(`delete from staff_snapshot where org_code = any($1) and as_at = $2`, [[org, other], asAt]);
    await q(`delete from training_completion where org_code = any($1) and person_key = any($2)`, [
      [org, other],
      [person(org, 'M1'), person(org, 'M2'), person(other, 'M1')],
    ]);
    await q(`delete from unmatched_completion where org_code = any($1)`, [[org, other]]);
    await q(`delete from area_of_work_mapping where org_code = any($1)`, [[org, other]]);
    await q(`delete from course_equivalence where org_code = any($1)`, [[org, other]]);
    await q(`delete from coverage_target where org_code = any($1)`, [[org, other]]);
    await q(`delete from app_user where email = $1`, [leadEmail]);
    fs.rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  it('maps `Accident & Emergency`, `A&E` and `Obstetrics & Gynaecology` by the national defaults on import', async () => {
    expect(await areaOf(org, 'M1')).toBe('urgent-care');
    expect(await areaOf(org, 'M2')).toBe('urgent-care');
    expect(await areaOf(org, 'M4')).toBe('maternity');
    expect(await areaOf(other, 'M2')).toBe('urgent-care');
    expect(await areaOf(org, 'M3')).toBe('unmapped');
  });

  it('suggests the known names an unmapped value resembles, best first', async () => {
    const { data, errors } = await t.gql(
      `{ mappingSuggestions(kind: AREA_OF_WORK, value: "Paediatrics – Neonatal") { code name matchedOn score } }`,
      {},
      lead.headers,
    );
    expect(errors).toBeUndefined();
    const codes = data.mappingSuggestions.map((s: any) => s.code);
    expect(codes.slice(0, 2).sort()).toEqual(['maternity', 'paediatrics']);
    const scores = data.mappingSuggestions.map((s: any) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  const mapNeonatal = {
    kind: 'AREA_OF_WORK',
    orgCode: org,
    areaOfWork: 'Paediatrics - Neonatal',
    clinicalAreaCode: 'maternity',
  };

  it("a trust lead cannot preview or change another trust's mapping, nor a national one; an analyst nothing", async () => {
    const otherTrust = await t.gql(
      CHANGE,
      { change: { ...mapNeonatal, orgCode: other }, reason: 'x' },
      lead.headers,
    );
    expect(otherTrust.errors?.[0].message).toMatch(/only their own trust/);
    const national = await t.gql(
      CHANGE,
      { change: { ...mapNeonatal, orgCode: null }, reason: 'x' },
      lead.headers,
    );
    expect(national.errors?.[0].message).toMatch(/administrators/);
    const preview = await t.gql(PREVIEW, { change: { ...mapNeonatal, orgCode: other } }, lead.headers);
    expect(preview.errors?.[0].message).toMatch(/only their own trust/);
    const byAnalyst = await t.gql(CHANGE, { change: mapNeonatal, reason: 'x' }, analyst.headers);
    expect(byAnalyst.errors?.[0].message).toMatch(/forbidden|role/i);
    expect(await areaOf(other, 'M1')).toBe('unmapped');
    const [{ n }] = await q(`select count(*)::int as n from area_of_work_mapping where org_code = any($1)`, [
      [org, other],
    ]);
    expect(n).toBe(0);
  });

  it('previews the mapping of an unmapped value for the trust only: who moves, by organisation, nothing saved', async () => {
    const { data, errors } = await t.gql(PREVIEW, { change: mapNeonatal }, lead.headers);
    expect(errors).toBeUndefined();
    const p = data.previewReferenceChange;
    expect(p.peopleMoved).toBe(2);
    expect(p.moves).toEqual([{ fromCode: 'unmapped', toCode: 'maternity', people: 2 }]);
    expect(p.organisations).toHaveLength(1);
    expect(p.organisations[0]).toMatchObject({
      orgCode: org,
      headcount: 5,
      unmappedBefore: 2,
      unmappedAfter: 0,
    });
    expect(await areaOf(org, 'M3')).toBe('unmapped');
  });

  it('a trust lead maps it: people leave Unmapped in that trust only; rollups refreshed; versioned and audited', async () => {
    expect(await rollupPeople(org, 'unmapped')).toBe(2);
    const { data, errors } = await t.gql(
      CHANGE,
      { change: mapNeonatal, reason: 'Our neonatal unit sits in maternity' },
      lead.headers,
    );
    expect(errors).toBeUndefined();
    expect(data.changeReferenceData).toEqual({
      kind: 'AREA_OF_WORK',
      subject: 'paediatricsneonatal',
      version: 1,
      organisationsReevaluated: 1,
    });
    expect(await areaOf(org, 'M3')).toBe('maternity');
    expect(await areaOf(org, 'M5')).toBe('maternity');
    expect(await areaOf(other, 'M1')).toBe('unmapped');
    expect(await rollupPeople(org, 'unmapped')).toBe(0);
    expect(await rollupPeople(org, 'maternity')).toBe(3);
    expect(await rollupPeople(other, 'unmapped')).toBe(1);

    // The dashboard's matrix reads the rollups: the trust's coverage by clinical area shows it.
    const matrix = await t.gql(
      `query($org: String!) { coverage(filter: { orgCodes: [$org] }, groupBy: [CLINICAL_AREA]) { rows { keys { code } headcount { value } } } }`,
      { org },
      lead.headers,
    );
    expect(matrix.errors).toBeUndefined();
    const codes = matrix.data.coverage.rows.map((r: any) => r.keys[0].code);
    expect(codes).toContain('maternity');
    expect(codes).not.toContain('unmapped');

    const [history] = await q(
      `select version, author, reason, before, after from reference_data_change where kind = 'area_of_work' and org_code = $1`,
      [org],
    );
    expect(history).toMatchObject({
      version: 1,
      author: leadEmail,
      reason: 'Our neonatal unit sits in maternity',
      before: null,
      after: { areaOfWork: 'Paediatrics - Neonatal', clinicalAreaCode: 'maternity' },
    });
    const [audit] = await q(
      `select a.action, a.target, a.details->>'reason' as reason, a.scope from audit_log a
       where a.action = 'reference.area_of_work.set' and a.details->>'orgCode' = $1 order by a.id desc limit 1`,
      [org],
    );
    expect(audit).toEqual({
      action: 'reference.area_of_work.set',
      target: 'paediatricsneonatal',
      reason: 'Our neonatal unit sits in maternity',
      scope: `organisation:${org}`,
    });
    const list = await t.gql(
      `query($org: String) { areaOfWorkMappings(orgCode: $org) { orgCode areaOfWork clinicalAreaCode version updatedBy } }`,
      { org },
      lead.headers,
    );
    expect(list.data.areaOfWorkMappings).toContainEqual({
      orgCode: org,
      areaOfWork: 'Paediatrics - Neonatal',
      clinicalAreaCode: 'maternity',
      version: 1,
      updatedBy: leadEmail,
    });
  });

  it('keeps the override when the trust re-imports: the next snapshot is mapped with it', async () => {
    const again = await importFile('staff', 'mappings-staff-2.csv', [
      STAFF_HEADER,
      staffRow('M1', org, 'Accident & Emergency'),
      staffRow('M2', org, 'A&E'),
      staffRow('M3', org, 'PAEDIATRICS—NEONATAL'),
      staffRow('M4', org, 'Obstetrics & Gynaecology'),
      staffRow('M5', org, 'Paediatrics – Neonatal'),
    ]);
    expect(again.outcome).toBe('succeeded');
    expect(await areaOf(org, 'M3')).toBe('maternity');
    expect(await areaOf(org, 'M5')).toBe('maternity');
  });

  it('a course equivalence turns earlier kept completions into met needs without re-importing', async () => {
    const done = await importFile('completions', 'mappings-completions.csv', [
      'Employee Number,Organisation Code,Course Code,Completion Date,Status',
      `M1,${org},AI Foundations,2026-06-10,Completed`,
      `M2,${org},AIF-01,2026-06-10,Completed`,
      `M1,${other},AI Foundations,2026-06-12,Completed`,
    ]);
    expect([done.outcome, done.errors]).toEqual(['succeeded', []]);
    expect(done.rowsSkippedByRule).toBe(2);
    const need = (o: string, emp: string) =>
      q(
        `select met from person_need where org_code = $1 and as_at = $2 and person_key = $3 and module_code = 'AIF-01'`,
        [o, asAt, person(o, emp)],
      ).then((r) => r[0].met);
    expect(await need(org, 'M1')).toBe(false);
    expect(await need(org, 'M2')).toBe(true);
    const kept = await q(
      `select org_code, source_course from unmatched_completion where org_code = any($1) order by 1`,
      [[org, other]],
    );
    expect(kept).toEqual([
      { org_code: org, source_course: 'AI Foundations' },
      { org_code: other, source_course: 'AI Foundations' },
    ]);
    const unmatched = await t.gql(
      `{ unmatchedCourses { orgCode courseName completions people } }`,
      {},
      lead.headers,
    );
    expect(unmatched.data.unmatchedCourses).toEqual([
      { orgCode: org, courseName: 'AI Foundations', completions: 1, people: 1 },
    ]);

    const change = {
      kind: 'COURSE_EQUIVALENCE',
      orgCode: org,
      courseName: 'AI foundations',
      moduleCode: 'AIF-01',
    };
    const preview = await t.gql(PREVIEW, { change }, lead.headers);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.previewReferenceChange.completionsCounted).toBe(1);
    expect(preview.data.previewReferenceChange.organisations).toEqual([
      expect.objectContaining({
        orgCode: org,
        needsMetAfter: preview.data.previewReferenceChange.organisations[0].needsMetBefore + 1,
      }),
    ]);
    expect(await need(org, 'M1')).toBe(false);

    const saved = await t.gql(
      CHANGE,
      { change, reason: 'Our LMS name for the foundation course' },
      lead.headers,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data.changeReferenceData).toMatchObject({
      kind: 'COURSE_EQUIVALENCE',
      version: 1,
      organisationsReevaluated: 1,
    });
    expect(await need(org, 'M1')).toBe(true);
    expect(await need(other, 'M1')).toBe(false); // the equivalence is the trust's own
    const [{ met }] = await q(
      `select sum(met)::int as met from coverage_module_rollup where org_code = $1 and as_at = $2 and gset = 0 and module_code = 'AIF-01'`,
      [org, asAt],
    );
    expect(met).toBe(2);
    const [audit] = await q(
      `select details->>'reason' as reason from audit_log where action = 'reference.course_equivalence.set' order by id desc limit 1`,
    );
    expect(audit.reason).toBe('Our LMS name for the foundation course');
  });

  it('refuses an equivalence for a name the catalogue already has', async () => {
    const { errors } = await t.gql(
      CHANGE,
      {
        change: { kind: 'COURSE_EQUIVALENCE', orgCode: org, courseName: 'aif 01', moduleCode: 'AIF-01' },
        reason: 'x',
      },
      lead.headers,
    );
    expect(errors?.[0].message).toMatch(/already a name of AIF-01/);
  });

  it('a target change moves RAG (previewed, then saved, audited and served)', async () => {
    const COVERAGE = `query($org: String!) { coverage(filter: { orgCodes: [$org], layer: "foundation" }) { total { coveragePct { value } targetPct rag } } }`;
    const before = await t.gql(COVERAGE, { org }, lead.headers);
    expect(before.errors).toBeUndefined();
    const pct = before.data.coverage.total.coveragePct.value;
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(75);
    expect(before.data.coverage.total.rag).toBe('RED');

    const change = {
      kind: 'COVERAGE_TARGET',
      orgCode: org,
      layer: 'foundation',
      targetPct: Math.floor(pct),
      amberPct: Math.floor(pct) - 10,
      effectiveFrom: '2026-01-01',
    };
    const preview = await t.gql(PREVIEW, { change }, lead.headers);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.previewReferenceChange.organisations).toEqual([
      expect.objectContaining({
        orgCode: org,
        coveragePct: pct,
        ragBefore: 'RED',
        ragAfter: 'GREEN',
        targetPctAfter: Math.floor(pct),
      }),
    ]);
    const saved = await t.gql(CHANGE, { change, reason: 'Local trajectory for year one' }, lead.headers);
    expect(saved.errors).toBeUndefined();
    const after = await t.gql(COVERAGE, { org }, lead.headers);
    expect(after.data.coverage.total).toEqual({
      coveragePct: { value: pct },
      targetPct: Math.floor(pct),
      rag: 'GREEN',
    });

    // A target effective in the future does not apply yet.
    await t.gql(
      CHANGE,
      { change: { ...change, targetPct: 100, amberPct: 99, effectiveFrom: '2999-01-01' }, reason: 'later' },
      lead.headers,
    );
    const still = await t.gql(COVERAGE, { org }, lead.headers);
    expect(still.data.coverage.total.rag).toBe('GREEN');

    const history = await t.gql(
      `query($org: String) { referenceDataHistory(kind: COVERAGE_TARGET, orgCode: $org) { subject version author reason after } }`,
      { org },
      lead.headers,
    );
    expect(history.data.referenceDataHistory.map((h: any) => [h.subject, h.reason])).toEqual([
      ['foundation@2999-01-01', 'later'],
      ['foundation@2026-01-01', 'Local trajectory for year one'],
    ]);
    const regional = await t.gql(
      CHANGE,
      { change: { kind: 'COVERAGE_TARGET', regionCode: 'Y61', targetPct: 50 }, reason: 'x' },
      lead.headers,
    );
    expect(regional.errors?.[0].message).toMatch(/administrators/);
  });

  it("an administrator's regional target reaches the region's trusts that have none of their own", async () => {
    const change = {
      kind: 'COVERAGE_TARGET',
      regionCode: 'Y60', // RWE's region
      layer: 'foundation',
      targetPct: 12.5,
      amberPct: 5,
      effectiveFrom: '2026-01-01',
    };
    const preview = await t.gql(PREVIEW, { change }, admin.headers);
    expect(preview.errors).toBeUndefined();
    const orgs = preview.data.previewReferenceChange.organisations;
    expect(orgs).toContainEqual(
      expect.objectContaining({ orgCode: other, targetPctBefore: 90, targetPctAfter: 12.5 }),
    );
    expect(orgs.map((o: any) => o.orgCode)).not.toContain(org); // RAJ is in another region
    const saved = await t.gql(CHANGE, { change, reason: 'Regional trajectory' }, admin.headers);
    expect(saved.errors).toBeUndefined();
    const served = await t.gql(
      `query($org: String!) { coverage(filter: { orgCodes: [$org], layer: "foundation" }) { total { targetPct } } }`,
      { org: other },
      admin.headers,
    );
    expect(served.data.coverage.total.targetPct).toBe(12.5);
    await t.gql(CHANGE, { change: { ...change, remove: true }, reason: 'test clean-up' }, admin.headers);
    await q(
      `delete from reference_data_change where region_code = 'Y60' and reason in ('Regional trajectory', 'test clean-up')`,
    );
  });

  it('an administrator edits national rows; each edit is a new version with its own audit entry', async () => {
    const change = {
      kind: 'AREA_OF_WORK',
      areaOfWork: 'Neonatal Intensive Care',
      clinicalAreaCode: 'maternity',
    };
    const first = await t.gql(CHANGE, { change, reason: 'national default' }, admin.headers);
    expect(first.errors).toBeUndefined();
    const second = await t.gql(
      CHANGE,
      { change: { ...change, clinicalAreaCode: 'critical-care' }, reason: 'reconsidered' },
      admin.headers,
    );
    expect(second.data.changeReferenceData.version).toBe(2);
    const removed = await t.gql(
      CHANGE,
      { change: { ...change, remove: true }, reason: 'withdrawn' },
      admin.headers,
    );
    expect(removed.data.changeReferenceData.version).toBe(3);
    const audits = await q(
      `select action, details->>'reason' as reason from audit_log where target = 'neonatalintensivecare' order by id`,
    );
    expect(audits).toEqual([
      { action: 'reference.area_of_work.set', reason: 'national default' },
      { action: 'reference.area_of_work.set', reason: 'reconsidered' },
      { action: 'reference.area_of_work.remove', reason: 'withdrawn' },
    ]);
    const noReason = await t.gql(CHANGE, { change, reason: '  ' }, admin.headers);
    expect(noReason.errors?.[0].message).toMatch(/reason/);
    await q(`delete from reference_data_change where subject = 'neonatalintensivecare'`);
  });
});
