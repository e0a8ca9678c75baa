import { startTestApp, TestApp } from '../support/test-app';
import { signIn, signInAs } from '../support/auth';

const CREATE = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { id email role grants { type code } hasPassword disabledAt }
}`;
const UPDATE = `mutation($id: ID!, $grants: [ScopeGrantInput!]!, $role: Role) {
  updateUserScopes(userId: $id, grants: $grants, role: $role) { role grants { type code } }
}`;

describe('access: user administration and the audit log (admin only)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signInAs(t, 'admin')).headers;
  });
  afterAll(() => t.close());

  const newUser = (email: string, role: string, grants: object[], password = 'correct-horse-battery') => ({
    input: { email, displayName: 'Test User', role, grants, password },
  });

  it('creates a trust lead who can sign in and sees only their trust', async () => {
    const { data, errors } = await t.gql(
      CREATE,
      newUser('New.Lead@Test.aiwr.local', 'trust_lead', [{ type: 'organisation', code: 'rbv' }]),
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data.createUser).toMatchObject({
      email: 'new.lead@test.aiwr.local',
      role: 'trust_lead',
      grants: [{ type: 'organisation', code: 'RBV' }],
      hasPassword: true,
      disabledAt: null,
    });
    const lead = await signIn(t, 'new.lead@test.aiwr.local', 'correct-horse-battery');
    const orgs = await t.gql(`{ organisations { code } }`, {}, lead.headers);
    expect(orgs.data.organisations).toEqual([{ code: 'RBV' }]);
  });

  it('refuses scopes that do not suit the role, codes that do not exist, short passwords and duplicates', async () => {
    const cases: [object, string][] = [
      [
        newUser('a@test.aiwr.local', 'trust_lead', [{ type: 'region', code: 'Y56' }]),
        'A trust_lead can be given organisation scopes, not region.',
      ],
      [
        newUser('b@test.aiwr.local', 'admin', [{ type: 'organisation', code: 'RJ1' }]),
        'A admin can be given national scopes, not organisation.',
      ],
      [
        newUser('c@test.aiwr.local', 'planner', [{ type: 'icb', code: 'QZZ' }]),
        'There is no icb with code "QZZ".',
      ],
      [newUser('d@test.aiwr.local', 'planner', []), 'A user needs at least one scope.'],
      [
        newUser('e@test.aiwr.local', 'analyst', [{ type: 'national' }], 'short'),
        'A password needs at least 12 characters.',
      ],
      [newUser('not-an-email', 'analyst', [{ type: 'national' }]), 'That is not an email address.'],
      [
        newUser('ADMIN@demo.aiwr.local', 'analyst', [{ type: 'national' }]),
        'A user with that email address already exists.',
      ],
    ];
    for (const [vars, message] of cases) {
      const { errors } = await t.gql(CREATE, vars as Record<string, unknown>, admin);
      expect(errors?.[0].message).toBe(message);
      expect(['BAD_REQUEST', 'CONFLICT']).toContain(errors?.[0].extensions.code);
    }
  });

  it("changes a user's scope and role, ending their sessions so the new scope applies at once", async () => {
    const created = await t.gql(
      CREATE,
      newUser('mover@test.aiwr.local', 'trust_lead', [{ type: 'organisation', code: 'RJ1' }]),
      admin,
    );
    const mover = await signIn(t, 'mover@test.aiwr.local', 'correct-horse-battery');
    const { data, errors } = await t.gql(
      UPDATE,
      { id: created.data.createUser.id, grants: [{ type: 'region', code: 'Y62' }], role: 'planner' },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data.updateUserScopes).toEqual({ role: 'planner', grants: [{ type: 'region', code: 'Y62' }] });
    expect((await t.gql(`{ regions { code } }`, {}, mover.headers)).errors![0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const again = await signIn(t, 'mover@test.aiwr.local', 'correct-horse-battery');
    expect((await t.gql(`{ regions { code } }`, {}, again.headers)).data.regions).toEqual([{ code: 'Y62' }]);
  });

  it('will not let an admin disable their own account', async () => {
    const me = await t.gql(`{ me { id } }`, {}, admin);
    const { errors } = await t.gql(
      `mutation($id: ID!) { disableUser(userId: $id) { id } }`,
      { id: me.data.me.id },
      admin,
    );
    expect(errors![0].message).toBe('You cannot disable your own account.');
  });

  it('keeps user administration from every other role', async () => {
    for (const role of ['trust_lead', 'planner', 'analyst'] as const) {
      const s = await signInAs(t, role);
      const list = await t.gql(`{ users { email } }`, {}, s.headers);
      expect(list.errors![0].extensions.code).toBe('FORBIDDEN');
      const create = await t.gql(
        CREATE,
        newUser(`${role}-made@test.aiwr.local`, 'admin', [{ type: 'national' }]),
        s.headers,
      );
      expect(create.errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('pages through the audit log newest first, with who, what and scope, and no secrets', async () => {
    const first = await t.gql(
      `{ auditLog(first: 3) { nodes { id at userEmail action target scope details } endCursor hasNextPage } }`,
      {},
      admin,
    );
    expect(first.errors).toBeUndefined();
    const page1 = first.data.auditLog;
    expect(page1.nodes).toHaveLength(3);
    expect(page1.hasNextPage).toBe(true);
    const second = await t.gql(
      `query($after: String) { auditLog(first: 3, after: $after) { nodes { id } hasNextPage } }`,
      { after: page1.endCursor },
      admin,
    );
    const ids = [...page1.nodes, ...second.data.auditLog.nodes].map((n: any) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);

    const all = await t.gql(
      `{ auditLog(first: 200) { nodes { userEmail action target scope details } } }`,
      {},
      admin,
    );
    expect(all.errors).toBeUndefined();
    const entries = all.data.auditLog.nodes;
    expect(entries).toContainEqual(
      expect.objectContaining({
        userEmail: 'admin@demo.aiwr.local',
        action: 'user.update_scopes',
        target: 'mover@test.aiwr.local',
        scope: 'national',
      }),
    );
    expect(entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['sign_in', 'user.create']));
    const text = JSON.stringify(entries);
    expect(text).not.toContain('correct-horse-battery');
    expect(text).not.toContain('demo-password-2026');
    expect(text).not.toMatch(/argon2/);

    const bad = await t.gql(`{ auditLog(after: "bm9wZQ") { nodes { id } } }`, {}, admin);
    expect(bad.errors![0].message).toBe('That cursor is not valid.');
  });
});
