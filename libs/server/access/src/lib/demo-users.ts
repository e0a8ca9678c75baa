import { DataSource } from 'typeorm';
import type { Role, ScopeGrant } from './access.types';
import { hashPassword } from './passwords';

/** The demo password. Demo users are never created when NODE_ENV=production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export type DemoUser = { email: string; displayName: string; role: Role; grants: ScopeGrant[] };

/** One user per role, scoped to the demo data (London and North West trusts). */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.aiwr.local', displayName: 'Demo Administrator', role: 'admin', grants: [national()] },
  {
    email: 'planner@demo.aiwr.local',
    displayName: 'Demo Planner (London)',
    role: 'planner',
    grants: [{ type: 'region', code: 'Y56' }],
  },
  { email: 'analyst@demo.aiwr.local', displayName: 'Demo Analyst', role: 'analyst', grants: [national()] },
  {
    email: 'trustlead@demo.aiwr.local',
    displayName: "Demo Trust Lead (Guy's and St Thomas')",
    role: 'trust_lead',
    grants: [{ type: 'organisation', code: 'RJ1' }],
  },
  {
    email: 'trustlead.manchester@demo.aiwr.local',
    displayName: 'Demo Trust Lead (Manchester University)',
    role: 'trust_lead',
    grants: [{ type: 'organisation', code: 'R0A' }],
  },
];

/**
 * Creates the demo users that do not exist yet (existing accounts are left as they are, so an admin's
 * changes survive a restart). Refuses to run in production. Returns the emails it created.
 */
export async function seedDemoUsers(ds: DataSource, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  if (env.NODE_ENV === 'production') throw new Error('Demo users are not created when NODE_ENV=production.');
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await ds.transaction(async (m) => {
      const [row] = await m.query(
        `insert into app_user (email, display_name, role, password_hash) values ($1, $2, $3, $4)
         on conflict (email) do nothing returning id`,
        [u.email, u.displayName, u.role, passwordHash],
      );
      if (!row) return;
      await m.query(
        `insert into user_scope (user_id, scope_type, scope_code) select $1, * from unnest($2::text[], $3::text[])`,
        [row.id, u.grants.map((g) => g.type), u.grants.map((g) => g.code)],
      );
      created.push(u.email);
    });
  }
  return created;
}

/** The lines `npm start` prints so people know how to sign in. */
export function describeDemoUsers(): string[] {
  return [
    `Demo sign-ins (password ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(38)} ${u.role.padEnd(10)} ${scopeText(u.grants)}`),
  ];
}

function national(): ScopeGrant {
  return { type: 'national', code: '' };
}

function scopeText(grants: ScopeGrant[]): string {
  return grants.map((g) => (g.type === 'national' ? 'national' : `${g.type} ${g.code}`)).join(', ');
}
