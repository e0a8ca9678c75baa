import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { Caller, GRANTABLE_SCOPES, Role, ROLES, ScopeGrant } from './access.types';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { SessionService } from './session.service';

export type UserRecord = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  grants: ScopeGrant[];
  hasPassword: boolean;
  hasOidc: boolean;
  disabledAt?: string;
  createdAt: string;
};

export type NewUser = {
  email: string;
  displayName: string;
  role: Role;
  grants: ScopeGrant[];
  password?: string;
  oidcSubject?: string;
};

const USER_COLUMNS = `u.id, u.email, u.display_name as "displayName", u.role,
  u.password_hash is not null as "hasPassword", u.oidc_subject is not null as "hasOidc",
  to_char(u.disabled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "disabledAt",
  to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  coalesce((select json_agg(json_build_object('type', s.scope_type, 'code', s.scope_code)
                            order by s.scope_type, s.scope_code)
            from user_scope s where s.user_id = u.id), '[]') as grants`;

/** User administration (admins only, enforced by the resolver's `@Roles('admin')`); every change is audited. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.query(`select ${USER_COLUMNS} from app_user u order by u.email`);
    return rows.map(tidy);
  }

  async get(id: string, m: EntityManager | DataSource = this.db): Promise<UserRecord> {
    const [row] = await m.query(`select ${USER_COLUMNS} from app_user u where u.id::text = $1`, [id]);
    if (!row) throw new NotFoundException('There is no user with that id.');
    return tidy(row);
  }

  /** Creates a user; used by admins through GraphQL and by the demo-user seed. */
  async create(actor: Caller | null, input: NewUser): Promise<UserRecord> {
    const email = normaliseEmail(input.email);
    const displayName = input.displayName.trim();
    if (!displayName) throw new BadRequestException('A display name is required.');
    if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
      throw new BadRequestException(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    return this.db.transaction(async (m) => {
      const grants = await validateGrants(m, input.role, input.grants);
      const [exists] = await m.query(`select 1 from app_user where lower(email) = $1`, [email]);
      if (exists) throw new ConflictException('A user with that email address already exists.');
      const [{ id }] = await m.query(
        `insert into app_user (email, display_name, role, password_hash, oidc_subject)
         values ($1, $2, $3, $4, $5) returning id`,
        [email, displayName, input.role, passwordHash, input.oidcSubject?.trim() || null],
      );
      await insertGrants(m, id, grants);
      await this.audit.record(actor, 'user.create', email, { role: input.role, grants }, m);
      return this.get(id, m);
    });
  }

  /** Replaces a user's scopes (and optionally role); their sessions end so the change applies at once. */
  async updateScopes(actor: Caller, userId: string, grants: ScopeGrant[], role?: Role): Promise<UserRecord> {
    const updated = await this.db.transaction(async (m) => {
      const current = await this.get(userId, m);
      const newRole = role ?? current.role;
      const valid = await validateGrants(m, newRole, grants);
      await m.query(`update app_user set role = $2 where id = $1`, [userId, newRole]);
      await m.query(`delete from user_scope where user_id = $1`, [userId]);
      await insertGrants(m, userId, valid);
      await this.audit.record(
        actor,
        'user.update_scopes',
        current.email,
        { before: { role: current.role, grants: current.grants }, after: { role: newRole, grants: valid } },
        m,
      );
      return this.get(userId, m);
    });
    await this.sessions.destroyAllFor(userId);
    return updated;
  }

  async disable(actor: Caller, userId: string): Promise<UserRecord> {
    if (actor.userId === userId) throw new BadRequestException('You cannot disable your own account.');
    const user = await this.db.transaction(async (m) => {
      const current = await this.get(userId, m);
      await m.query(`update app_user set disabled_at = coalesce(disabled_at, now()) where id = $1`, [userId]);
      await this.audit.record(actor, 'user.disable', current.email, {}, m);
      return this.get(userId, m);
    });
    await this.sessions.destroyAllFor(userId);
    return user;
  }
}

export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new BadRequestException('That is not an email address.');
  return e;
}

/** Checks the grants suit the role and name real regions, ICBs and organisations. */
async function validateGrants(m: EntityManager, role: Role, grants: ScopeGrant[]): Promise<ScopeGrant[]> {
  if (!ROLES.includes(role)) throw new BadRequestException(`Unknown role "${role}".`);
  if (grants.length === 0) throw new BadRequestException('A user needs at least one scope.');
  const allowed = GRANTABLE_SCOPES[role];
  const clean: ScopeGrant[] = [];
  for (const g of grants) {
    if (!allowed.includes(g.type)) {
      throw new BadRequestException(`A ${role} can be given ${allowed.join(', ')} scopes, not ${g.type}.`);
    }
    const code = g.type === 'national' ? '' : g.code.trim().toUpperCase();
    if (g.type !== 'national') {
      const table = g.type === 'organisation' ? 'organisation' : g.type;
      const [found] = await m.query(`select 1 from ${table} where code = $1`, [code]);
      if (!found) throw new BadRequestException(`There is no ${g.type} with code "${code}".`);
    }
    if (!clean.some((c) => c.type === g.type && c.code === code)) clean.push({ type: g.type, code });
  }
  return clean;
}

async function insertGrants(m: EntityManager, userId: string, grants: ScopeGrant[]): Promise<void> {
  await m.query(
    `insert into user_scope (user_id, scope_type, scope_code) select $1, * from unnest($2::text[], $3::text[])`,
    [userId, grants.map((g) => g.type), grants.map((g) => g.code)],
  );
}

function tidy(row: any): UserRecord {
  return { ...row, disabledAt: row.disabledAt ?? undefined };
}
