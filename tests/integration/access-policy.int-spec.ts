import { ForbiddenException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Caller } from '@aiwr/server-access';
import { startTestApp, TestApp } from '../support/test-app';
import { signIn, signInAs } from '../support/auth';

const caller = (role: Caller['role'], ...grants: Caller['grants']): Caller => ({
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'policy@test.aiwr.local',
  role,
  grants,
});

describe('access: the one AccessPolicy, resolved through the organisation hierarchy', () => {
  let t: TestApp;
  let policy: AccessPolicy;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    policy = t.app.get(AccessPolicy);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('gives national callers every organisation (null) and nobody else', async () => {
    expect(await policy.visibleOrgCodes(caller('analyst', { type: 'national', code: '' }))).toBeNull();
    expect(await policy.visibleOrgCodes(caller('trust_lead', { type: 'organisation', code: 'RJ1' }))).toEqual(
      ['RJ1'],
    );
  });

  it('resolves a region and an ICB grant to exactly the organisations the organisation table puts there', async () => {
    const london = await policy.visibleOrgCodes(caller('planner', { type: 'region', code: 'Y56' }));
    const [{ codes: expectedLondon }] = await db.query(
      `select array_agg(code order by code) as codes from organisation where region_code = 'Y56'`,
    );
    expect(london).toEqual(expectedLondon);
    expect(london).toContain('RJ1');
    expect(london).not.toContain('R0A');
    const qkk = await policy.visibleOrgCodes(caller('planner', { type: 'icb', code: 'QKK' }));
    const [{ codes: expectedQkk }] = await db.query(
      `select array_agg(code order by code) as codes from organisation where icb_code = 'QKK'`,
    );
    expect(qkk).toEqual(expectedQkk);
  });

  it("gives a trust lead their trust's ICBs and region as filter values, and a planner their region's ICBs", async () => {
    const lead = await policy.visibleHierarchy(caller('trust_lead', { type: 'organisation', code: 'RJ1' }));
    expect(lead!.regionCodes).toEqual(['Y56']);
    expect(lead!.icbCodes).toContain('QKK');
    const planner = await policy.visibleHierarchy(caller('planner', { type: 'region', code: 'Y62' }));
    const [{ codes }] = await db.query(
      `select array_agg(code order by code) as codes from icb where region_code = 'Y62'`,
    );
    expect(planner!.icbCodes).toEqual(expect.arrayContaining(codes));
    expect(planner!.regionCodes).toEqual(['Y62']);
  });

  it('asserts visibility without naming the organisations outside the scope', async () => {
    const lead = caller('trust_lead', { type: 'organisation', code: 'RJ1' });
    await expect(policy.assertOrgsVisible(lead, ['RJ1'])).resolves.toBeUndefined();
    const refused = policy.assertOrgsVisible(lead, ['RJ1', 'R0A']);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenException);
    await expect(refused).rejects.toThrow('That organisation is outside your access scope.');
    await expect(policy.assertOrgsVisible(lead, ['R0A', 'RBV'])).rejects.toThrow(
      '2 of the requested organisations are outside your access scope.',
    );
    await expect(
      policy.assertOrgsVisible(caller('admin', { type: 'national', code: '' }), ['R0A']),
    ).resolves.toBeUndefined();
  });

  it('allows record-level data to trust leads for their own trusts and to admins only', async () => {
    const lead = caller('trust_lead', { type: 'organisation', code: 'RJ1' });
    expect(await policy.canSeePeople(lead, 'RJ1')).toBe(true);
    expect(await policy.canSeePeople(lead, 'R0A')).toBe(false);
    expect(await policy.canSeePeople(caller('admin', { type: 'national', code: '' }), 'R0A')).toBe(true);
    expect(await policy.canSeePeople(caller('planner', { type: 'region', code: 'Y56' }), 'RJ1')).toBe(false);
    expect(await policy.canSeePeople(caller('analyst', { type: 'national', code: '' }), 'RJ1')).toBe(false);
  });

  it('applies disclosure control unless entitled to records for every organisation, national figures included', async () => {
    const lead = caller('trust_lead', { type: 'organisation', code: 'RJ1' });
    expect(await policy.needsDisclosureControl(lead, ['RJ1'])).toBe(false);
    expect(await policy.needsDisclosureControl(lead, ['RJ1', 'RJZ'])).toBe(true);
    const planner = caller('planner', { type: 'region', code: 'Y56' });
    expect(await policy.needsDisclosureControl(planner, ['RJ1'])).toBe(true);
    expect(await policy.needsDisclosureControl(planner, [])).toBe(true);
    const analyst = caller('analyst', { type: 'national', code: '' });
    const admin = caller('admin', { type: 'national', code: '' });
    const everyone = (await db.query(`select code from organisation`)).map((r: any) => r.code);
    expect(await policy.needsDisclosureControl(analyst, everyone)).toBe(true);
    expect(await policy.needsDisclosureControl(analyst, [])).toBe(true);
    expect(await policy.needsDisclosureControl(admin, everyone)).toBe(false);
  });

  it('decides ICB and region filters: inside the scope allowed, outside denied without naming them', async () => {
    const planner = caller('planner', { type: 'region', code: 'Y56' });
    await expect(
      policy.assertAreasVisible(planner, { icbCodes: ['QKK'], regionCodes: ['Y56'] }),
    ).resolves.toBeUndefined();
    await expect(policy.assertAreasVisible(planner, { icbCodes: ['QOP'] })).rejects.toThrow(
      /That ICB is outside/,
    );
    await expect(policy.assertAreasVisible(planner, { regionCodes: ['Y62'] })).rejects.toThrow(
      /That region is outside/,
    );
    const national = caller('analyst', { type: 'national', code: '' });
    await expect(
      policy.assertAreasVisible(national, { icbCodes: ['QOP'], regionCodes: ['Y62'] }),
    ).resolves.toBeUndefined();
  });

  it('decides who may import for which organisation, and who may see an import record', async () => {
    const lead = caller('trust_lead', { type: 'organisation', code: 'RJ1' });
    const admin = caller('admin', { type: 'national', code: '' });
    expect(await policy.importableOrgCodes(lead)).toEqual(['RJ1']);
    expect(await policy.importableOrgCodes(admin)).toBeNull();
    for (const role of ['planner', 'analyst'] as const)
      await expect(
        policy.importableOrgCodes(caller(role, { type: 'national', code: '' })),
      ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(policy.assertMayImportFor(lead, 'RJ1')).resolves.toBeUndefined();
    await expect(policy.assertMayImportFor(lead, 'R0A')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(policy.assertMayImportFor(admin, 'R0A')).resolves.toBeUndefined();
    const record = (orgCodes: string[], createdBy: string | null = 'someone-else') => ({
      orgCodes,
      createdBy,
    });
    expect(await policy.canSeeImport(lead, record(['RJ1']))).toBe(true);
    expect(await policy.canSeeImport(lead, record(['RJ1', 'R0A']))).toBe(false);
    expect(await policy.canSeeImport(lead, record([]))).toBe(false);
    expect(await policy.canSeeImport(lead, record([], lead.userId))).toBe(true);
    const analyst = caller('analyst', { type: 'icb', code: 'QOP' });
    expect(await policy.canSeeImport(analyst, record(['R0A']))).toBe(true);
    expect(await policy.canSeeImport(analyst, record(['RJ1']))).toBe(false);
    expect(await policy.canSeeImport(admin, record(['RJ1', 'R0A']))).toBe(true);
  });

  describe('scoped leaks through the filter-value lists (allowed/denied pairs)', () => {
    let leadA: Record<string, string>;
    let leadB: Record<string, string>;
    let planner: Record<string, string>;
    beforeAll(async () => {
      leadA = (await signInAs(t, 'trust_lead')).headers; // RJ1, London
      leadB = (await signIn(t, 'trustlead.manchester@demo.aiwr.local', 'demo-password-2026')).headers; // R0A
      planner = (await signInAs(t, 'planner')).headers; // region Y56
    });

    const lists = `query($region: String, $icb: String) {
      organisations(regionCode: $region, icbCode: $icb) { code regionCode icbCode }
      icbs(regionCode: $region) { code regionCode }
      regions { code }
    }`;

    it('trust lead A sees their trust, its ICB and region; trust lead B sees theirs; neither sees the other', async () => {
      const a = (await t.gql(lists, {}, leadA)).data;
      const b = (await t.gql(lists, {}, leadB)).data;
      expect(a.organisations.map((o: any) => o.code)).toEqual(['RJ1']);
      expect(b.organisations.map((o: any) => o.code)).toEqual(['R0A']);
      expect(a.regions).toEqual([{ code: 'Y56' }]);
      expect(b.regions).toEqual([{ code: 'Y62' }]);
      expect(a.icbs.map((i: any) => i.code)).toEqual(['QKK']);
      expect(b.icbs.map((i: any) => i.code)).toEqual(['QOP']);
    });

    it("filtering by the other trust's region or ICB returns nothing rather than the other trust", async () => {
      const aInB = (await t.gql(lists, { region: 'Y62' }, leadA)).data;
      expect(aInB.organisations).toEqual([]);
      expect(aInB.icbs).toEqual([]);
      const aInBIcb = (await t.gql(lists, { icb: 'QOP' }, leadA)).data;
      expect(aInBIcb.organisations).toEqual([]);
      const bInA = (await t.gql(lists, { region: 'Y56' }, leadB)).data;
      expect(bInA.organisations).toEqual([]);
    });

    it('a London planner sees every London trust and ICB, and nothing in the North West', async () => {
      const p = (await t.gql(lists, {}, planner)).data;
      expect(p.organisations.length).toBeGreaterThan(10);
      expect(p.organisations.every((o: any) => o.regionCode === 'Y56')).toBe(true);
      expect(p.icbs.every((i: any) => i.regionCode === 'Y56')).toBe(true);
      expect(p.regions).toEqual([{ code: 'Y56' }]);
      expect((await t.gql(lists, { region: 'Y62' }, planner)).data.organisations).toEqual([]);
    });
  });
});
