import { DataSource } from 'typeorm';
import { evaluateSnapshot, insertTestSnapshot } from '@aiwr/server-archetypes';
import { startTestApp, TestApp } from '../support/test-app';
import { signInAs, SignedIn } from '../support/auth';

// Archetype rules over the API: explain, match counts, what-if preview (checked by independent SQL
// counts), versioned and audited edits that re-evaluate, AI products and data quality, by role.
describe('API: archetype rules, explain, preview, products, data quality', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let trustLead: SignedIn;
  let analyst: SignedIn;
  const org = 'RJ1'; // the demo trust lead's trust
  const asAt = '2030-01-31'; // later than any other suite's snapshot, so it is the current one
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  const count = async (sql: string, params: unknown[] = [org, asAt]) => (await q(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, trustLead, analyst] = [
      await signInAs(t, 'admin'),
      await signInAs(t, 'trust_lead'),
      await signInAs(t, 'analyst'),
    ];
    await db.transaction(async (m) => {
      await insertTestSnapshot(m, org, asAt, [
        {
          personKey: 'api-nurse',
          assignments: [['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5']],
        },
        { personKey: 'api-midwife-trained', assignments: [['03', 'Midwife', 'Midwife', 'Midwifery', 'B6']] },
        {
          personKey: 'api-midwife-new',
          assignments: [['03', 'Midwife', 'Community Midwife', 'Maternity', 'B6']],
        },
        {
          personKey: 'api-ccio',
          assignments: [
            ['01', 'Consultant', 'Chief Clinical Information Officer', 'Clinical Informatics', 'M-CON'],
          ],
        },
        {
          personKey: 'api-porter',
          assignments: [['09', 'Porter', 'Porter', 'Hospital at Home Logistics', 'B2']],
        },
        {
          personKey: 'api-radiographer',
          assignments: [['04', 'Radiographer - Diagnostic', 'Radiographer', 'Radiography', 'B6']],
        },
      ]);
      const done = (person: string, module: string) =>
        m.query(
          `insert into training_completion(org_code, person_key, module_code, completed_on, source_course) values ($1, $2, $3, '2029-06-01', 'test')`,
          [org, person, module],
        );
      for (const p of ['api-nurse', 'api-midwife-trained', 'api-midwife-new']) await done(p, 'AIF-01');
      await done('api-nurse', 'AIU-01');
      await done('api-midwife-trained', 'AIU-01');
      await done('api-ghost', 'AIF-01'); // a person in no snapshot
      await evaluateSnapshot(m, org, asAt);
    });
  });

  afterAll(async () => {
    await q(`delete from staff_snapshot where org_code = $1 and as_at = $2`, [org, asAt]);
    await q(`delete from training_completion where org_code = $1 and person_key like 'api-%'`, [org]);
    await q(`delete from ai_product where org_code = $1 and product_code = 'TSTAVT'`, [org]);
    await q(`delete from training_module where code = 'AIP-TSTAVT'`);
    await q(`delete from archetype_rule where rule_id in ('test-midwife-users', 'test-inert-rule')`);
    await t.close();
  });

  const EXPLAIN = `query($org: String!, $key: String!, $asAt: String) {
    personArchetypes(orgCode: $org, personKey: $key, asAt: $asAt) {
      asAt archetypes { archetype rules { ruleId version description assignmentKey matched { condition field value matchedBy } } }
      needs { moduleCode layer reasons met }
    }
  }`;

  it('explains a person to their trust lead: each archetype with the rule version and the values that matched', async () => {
    const { data, errors } = await t.gql(EXPLAIN, { org, key: 'api-ccio', asAt }, trustLead.headers);
    expect(errors).toBeUndefined();
    const p = data.personArchetypes;
    expect(p.archetypes.map((a: any) => a.archetype)).toEqual(['driver', 'embedder']);
    expect(p.archetypes[0].rules[0]).toEqual({
      ruleId: 'driver-digital-leaders',
      version: 1,
      description: expect.stringContaining('CCIO'),
      assignmentKey: '1',
      matched: [
        {
          condition: 'titleKeywords',
          field: 'positionTitle',
          value: 'Chief Clinical Information Officer',
          matchedBy: 'chief clinical information officer',
        },
      ],
    });
    expect(p.archetypes[1].rules[0].matched[0]).toMatchObject({
      condition: 'clinicalAreas',
      value: 'digital',
    });
    expect(p.needs.map((n: any) => n.moduleCode)).toEqual(['AIF-01', 'AID-01', 'AIE-01', 'AIX-01']);
  });

  it('refuses person-level explanation to analysts and to trust leads outside their trust', async () => {
    const byAnalyst = await t.gql(EXPLAIN, { org, key: 'api-ccio' }, analyst.headers);
    expect(byAnalyst.errors?.[0].message).toMatch(/forbidden|role|limited/i);
    const otherTrust = await t.gql(EXPLAIN, { org: 'RTD', key: 'api-ccio' }, trustLead.headers);
    expect(otherTrust.errors?.[0].message).toMatch(/limited to trust leads/);
  });

  it("counts the people each rule maps in the trust lead's own latest snapshot", async () => {
    const { data } = await t.gql(
      `{ archetypeRules { ruleId version matchCount matchCountSuppressed } }`,
      {},
      trustLead.headers,
    );
    const byId = new Map(data.archetypeRules.map((r: any) => [r.ruleId, r]));
    const expected = await count(
      `select count(distinct person_key)::int as n from person_archetype
       where org_code = $1 and as_at = $2 and rule_id = 'user-registered-clinicians-ai-areas'`,
    );
    expect(expected).toBe(2);
    expect(byId.get('user-registered-clinicians-ai-areas')).toMatchObject({
      matchCount: 2,
      matchCountSuppressed: false,
    });
  });

  const MATERNITY_USERS = {
    ruleId: 'user-registered-clinicians-ai-areas',
    description: 'Registered clinicians in clinical areas where AI is in use, now including maternity',
    archetypes: ['user'],
    when: {
      staffGroups: ['01', '03', '04', '06'],
      clinicalAreas: [
        'imaging',
        'pathology',
        'primary-care',
        'urgent-care',
        'cardiology',
        'oncology',
        'medicine',
        'surgery',
        'community',
        'ambulance',
        'maternity',
      ],
    },
    source: 'test: CTG interpretation tools are live in maternity',
  };

  it('previews a rule change: gains, losses and coverage by organisation match independent counts, and nothing is saved', async () => {
    const before = await q(
      `select person_key, archetypes from person_snapshot where org_code = $1 and as_at = $2 order by 1`,
      [org, asAt],
    );
    const { data, errors } = await t.gql(
      `query($c: ArchetypeRuleChangeInput!) { previewArchetypeRuleChange(change: $c) {
         peopleGainingAny peopleLosingAny
         organisations { orgCode asAt headcount fullyTrainedBefore fullyTrainedAfter
           archetypes { archetype gained lost holdersBefore holdersAfter coveredBefore coveredAfter coveragePctAfter } } } }`,
      { c: { kind: 'UPDATE', rule: MATERNITY_USERS, orgCodes: [org] } },
      admin.headers,
    );
    expect(errors).toBeUndefined();
    const [o] = data.previewArchetypeRuleChange.organisations;
    const user = o.archetypes.find((a: any) => a.archetype === 'user');

    // Independent counts straight from the rows.
    const gained = await count(
      `select count(distinct a.person_key)::int as n from staff_assignment a join person_snapshot ps using (org_code, as_at, person_key)
       where a.org_code = $1 and a.as_at = $2 and a.staff_group_code in ('01','03','04','06') and a.clinical_area_code = 'maternity'
         and not 'user' = any(ps.archetypes)`,
    );
    const holdersBefore = await count(
      `select count(*)::int as n from person_snapshot where org_code = $1 and as_at = $2 and 'user' = any(archetypes)`,
    );
    const validAiu = `exists (select 1 from training_completion tc where tc.org_code = ps.org_code and tc.person_key = ps.person_key
       and tc.module_code = 'AIU-01' and tc.completed_on <= ps.as_at and tc.completed_on + interval '36 months' > ps.as_at)`;
    const coveredAfter = await count(
      `select count(*)::int as n from person_snapshot ps where ps.org_code = $1 and ps.as_at = $2
         and ('user' = any(ps.archetypes) or exists (select 1 from staff_assignment a where a.org_code = ps.org_code and a.as_at = ps.as_at
           and a.person_key = ps.person_key and a.clinical_area_code = 'maternity' and a.staff_group_code in ('01','03','04','06')))
         and ${validAiu}`,
    );
    const fullyBefore = await count(
      `select count(*)::int as n from person_snapshot where org_code = $1 and as_at = $2 and fully_trained`,
    );
    const newlyShort = await count(
      `select count(*)::int as n from person_snapshot ps where ps.org_code = $1 and ps.as_at = $2 and ps.fully_trained
         and not 'user' = any(ps.archetypes) and not ${validAiu}
         and exists (select 1 from staff_assignment a where a.org_code = ps.org_code and a.as_at = ps.as_at and a.person_key = ps.person_key
           and a.clinical_area_code = 'maternity' and a.staff_group_code in ('01','03','04','06'))`,
    );
    expect([gained, holdersBefore, coveredAfter, fullyBefore, newlyShort]).toEqual([2, 2, 2, 3, 1]);
    expect(o).toMatchObject({
      orgCode: org,
      asAt,
      headcount: 6,
      fullyTrainedBefore: fullyBefore,
      fullyTrainedAfter: fullyBefore - newlyShort,
    });
    expect(user).toMatchObject({
      gained,
      lost: 0,
      holdersBefore,
      holdersAfter: holdersBefore + gained,
      coveredAfter,
    });
    expect(user.coveragePctAfter).toBeCloseTo((100 * coveredAfter) / (holdersBefore + gained), 1);
    expect(
      o.archetypes
        .filter((a: any) => a.archetype !== 'user')
        .every((a: any) => a.gained === 0 && a.lost === 0),
    ).toBe(true);
    expect(data.previewArchetypeRuleChange).toMatchObject({ peopleGainingAny: gained, peopleLosingAny: 0 });

    // Nothing was saved.
    expect(
      await q(
        `select person_key, archetypes from person_snapshot where org_code = $1 and as_at = $2 order by 1`,
        [org, asAt],
      ),
    ).toEqual(before);
    const [rule] = await q(
      `select version, author from archetype_rule where rule_id = 'user-registered-clinicians-ai-areas' and valid_to is null`,
    );
    expect(rule).toEqual({ version: 1, author: 'reference seed' });
  });

  const RULE_FIELDS = `rules { ruleId version retired when { clinicalAreas titleKeywords } } snapshotsReevaluated`;
  const midwifeRule = (when: object) => ({
    ruleId: 'test-midwife-users',
    description: 'Midwives use CTG decision support',
    archetypes: ['user'],
    when,
    source: 'test: midwives pilot CTG decision support',
  });
  const ruleVersionsFor = (person: string) =>
    q(
      `select rule_version as v from person_archetype where org_code = $1 and as_at = $2 and person_key = $3 and rule_id = 'test-midwife-users'`,
      [org, asAt, person],
    );

  it('saves a rule edit as a new audited version and re-evaluates the current snapshots', async () => {
    const created = await t.gql(
      `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "Pilot of CTG decision support") { ${RULE_FIELDS} } }`,
      { r: midwifeRule({ staffGroups: ['03'], clinicalAreas: ['maternity'] }) },
      admin.headers,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createArchetypeRule.rules[0]).toMatchObject({
      ruleId: 'test-midwife-users',
      version: 1,
    });
    expect(created.data.createArchetypeRule.snapshotsReevaluated).toBeGreaterThanOrEqual(1);
    expect(await ruleVersionsFor('api-midwife-new')).toEqual([{ v: 1 }]);

    const updated = await t.gql(
      `mutation($r: ArchetypeRuleInput!) { updateArchetypeRule(rule: $r, reason: "Only posts titled midwife") { ${RULE_FIELDS} } }`,
      { r: midwifeRule({ clinicalAreas: ['maternity'], titleKeywords: ['midwife'] }) },
      admin.headers,
    );
    expect(updated.data.updateArchetypeRule.rules[0]).toMatchObject({
      version: 2,
      when: { titleKeywords: ['midwife'] },
    });
    expect(await ruleVersionsFor('api-midwife-new')).toEqual([{ v: 2 }]);
    const [snap] = await q(
      `select archetypes from person_snapshot where org_code = $1 and as_at = $2 and person_key = 'api-midwife-new'`,
      [org, asAt],
    );
    expect(snap.archetypes).toEqual(['user']);

    const history = await t.gql(
      `{ archetypeRuleHistory(ruleId: "test-midwife-users") { version author reason validTo } }`,
      {},
      analyst.headers,
    );
    expect(history.data.archetypeRuleHistory).toEqual([
      { version: 2, author: 'admin@demo.aiwr.local', reason: 'Only posts titled midwife', validTo: null },
      {
        version: 1,
        author: 'admin@demo.aiwr.local',
        reason: 'Pilot of CTG decision support',
        validTo: expect.any(String),
      },
    ]);
    const audit = await q(
      `select action, details->>'reason' as reason from audit_log where target = 'test-midwife-users' order by id`,
    );
    expect(audit).toEqual([
      { action: 'archetype_rule.create', reason: 'Pilot of CTG decision support' },
      { action: 'archetype_rule.update', reason: 'Only posts titled midwife' },
    ]);

    const retired = await t.gql(
      `mutation { retireArchetypeRule(ruleId: "test-midwife-users", reason: "Pilot ended") { ${RULE_FIELDS} } }`,
      {},
      admin.headers,
    );
    expect(retired.data.retireArchetypeRule.rules[0]).toMatchObject({ version: 3, retired: true });
    expect(await ruleVersionsFor('api-midwife-new')).toEqual([]);
  });

  it('re-evaluates only the current snapshots a change can touch', async () => {
    const inert = await t.gql(
      `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "Matches no title at all") { rules { version } snapshotsReevaluated } }`,
      {
        r: { ...midwifeRule({ titleKeywords: ['no such post title anywhere'] }), ruleId: 'test-inert-rule' },
      },
      admin.headers,
    );
    expect(inert.errors).toBeUndefined();
    expect(inert.data.createArchetypeRule).toEqual({ rules: [{ version: 1 }], snapshotsReevaluated: 0 });
    const retired = await t.gql(
      `mutation { retireArchetypeRule(ruleId: "test-inert-rule", reason: "Clean up the inert rule") { snapshotsReevaluated } }`,
      {},
      admin.headers,
    );
    expect(retired.data.retireArchetypeRule.snapshotsReevaluated).toBe(0);
  });

  it('rejects rule edits from non-admins and rules that name unknown reference values', async () => {
    const byLead = await t.gql(
      `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "not allowed") { snapshotsReevaluated } }`,
      { r: midwifeRule({ clinicalAreas: ['maternity'] }) },
      trustLead.headers,
    );
    expect(byLead.errors?.[0].message).toMatch(/forbidden|role|admin/i);
    const bad = await t.gql(
      `mutation($r: ArchetypeRuleInput!) { createArchetypeRule(rule: $r, reason: "typo in the area") { snapshotsReevaluated } }`,
      { r: { ...midwifeRule({ clinicalAreas: ['maternty'] }), ruleId: 'test-bad-rule' } },
      admin.headers,
    );
    expect(bad.errors?.[0].message).toMatch(/unknown clinical area "maternty"/);
  });

  it('lets a trust lead register an AI product for their own trust, creating the product need for its audience', async () => {
    const REGISTER = `mutation($i: RegisterAiProductInput!) { registerAiProduct(input: $i) { productCode moduleCode audience { clinicalAreaCode } } }`;
    const input = {
      orgCode: org,
      productCode: 'TSTAVT',
      name: 'Ambient voice test',
      liveFrom: '2029-10-01',
      audience: [{ clinicalAreaCode: 'urgent-care' }],
    };
    const { data, errors } = await t.gql(REGISTER, { i: input }, trustLead.headers);
    expect(errors).toBeUndefined();
    expect(data.registerAiProduct).toEqual({
      productCode: 'TSTAVT',
      moduleCode: 'AIP-TSTAVT',
      audience: [{ clinicalAreaCode: 'urgent-care' }],
    });
    const needs = await q(
      `select person_key, reasons from person_need where org_code = $1 and as_at = $2 and module_code = 'AIP-TSTAVT'`,
      [org, asAt],
    );
    expect(needs).toEqual([{ person_key: 'api-nurse', reasons: ['product:TSTAVT'] }]);
    const elsewhere = await t.gql(REGISTER, { i: { ...input, orgCode: 'RTD' } }, trustLead.headers);
    expect(elsewhere.errors?.[0].message).toMatch(/outside your access scope/);
    const listed = await t.gql(`{ aiProducts(orgCode: "${org}") { productCode name } }`, {}, analyst.headers);
    expect(listed.data.aiProducts).toContainEqual({ productCode: 'TSTAVT', name: 'Ambient voice test' });
  });

  it('reports data quality: unmapped people, unmapped areas of work and completions that match nobody', async () => {
    const { data, errors } = await t.gql(
      `{ dataQuality(orgCode: "${org}", asAt: "${asAt}") { orgCode asAt headcount peopleWithoutArchetype
          unmappedRoles { staffGroupCode jobRole people } unmappedAreasOfWork { areaOfWork assignments people }
          unmatchedCompletions unmatchedCompletionPeople } }`,
      {},
      trustLead.headers,
    );
    expect(errors).toBeUndefined();
    const [dq] = data.dataQuality;
    const unmapped = await count(
      `select count(*)::int as n from person_snapshot where org_code = $1 and as_at = $2 and archetypes = '{}'`,
    );
    expect(dq).toMatchObject({ orgCode: org, asAt, headcount: 6, peopleWithoutArchetype: unmapped });
    expect(dq.unmappedRoles).toContainEqual({ staffGroupCode: '09', jobRole: 'Porter', people: 1 });
    expect(dq.unmappedAreasOfWork).toEqual([
      { areaOfWork: 'Hospital at Home Logistics', assignments: 1, people: 1 },
    ]);
    expect(dq.unmatchedCompletions).toBeGreaterThanOrEqual(1);
    const analystView = await t.gql(`{ dataQuality(orgCode: "${org}") { orgCode } }`, {}, analyst.headers);
    expect(analystView.errors?.[0].message).toMatch(/forbidden|role/i);
  });
});
