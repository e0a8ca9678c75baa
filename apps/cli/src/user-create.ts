// npm run user:create -- --email ops.lead@trust.nhs.uk --name "Ops Lead" [--role admin] [--scope national]
//                        [--scope organisation:RJ1 ...] [--oidc-subject SUB] [--no-password]
// Creates a user (the first administrator of a new deployment, typically) through the same UsersService
// as the admin screens: validated grants, argon2id password hash, audited as `user.create` by the system.
// The password is read from the terminal twice without echo (or from piped standard input), never from
// the command line, where it would land in shell history and the process list.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { read } from 'read';
import { openDataSource } from '@aiwr/db';
import { loadConfig } from '@aiwr/server-core';
import {
  AuditService,
  ROLES,
  Role,
  SCOPE_TYPES,
  ScopeGrant,
  ScopeType,
  SessionService,
  UsersService,
} from '@aiwr/server-access';

const USAGE =
  'usage: npm run user:create -- --email EMAIL --name "NAME" [--role admin|analyst|planner|trust_lead] ' +
  '[--scope national|region:CODE|icb:CODE|organisation:CODE ...] [--oidc-subject SUB] [--no-password]';

function parseScope(text: string): ScopeGrant {
  const [type, code = ''] = text.split(':');
  if (!SCOPE_TYPES.includes(type as ScopeType)) throw new Error(`Unknown scope "${text}".\n${USAGE}`);
  return { type: type as ScopeType, code: type === 'national' ? '' : code.trim().toUpperCase() };
}

async function askPassword(): Promise<string> {
  // Prompts go to stderr so standard output carries only the result.
  const ask = (prompt: string) => read({ prompt, silent: true, replace: '', output: process.stderr });
  const password = await ask('Password (at least 12 characters, not shown): ');
  const again = process.stdin.isTTY ? await ask('Again: ') : password;
  if (password !== again) throw new Error('The two passwords differ; nothing was created.');
  return password;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      scope: { type: 'string', multiple: true },
      'oidc-subject': { type: 'string' },
      'no-password': { type: 'boolean', default: false },
    },
  });
  const role = values.role as Role;
  if (!values.email || !values.name || !ROLES.includes(role)) {
    console.error(USAGE);
    return 2;
  }
  const grants = (values.scope ?? (role === 'admin' ? ['national'] : [])).map(parseScope);
  const password = values['no-password'] ? undefined : await askPassword();
  const ds = await openDataSource();
  try {
    const users = new UsersService(ds, new AuditService(ds), new SessionService(ds, loadConfig()));
    const user = await users.create(null, {
      email: values.email,
      displayName: values.name,
      role,
      grants,
      password,
      oidcSubject: values['oidc-subject'],
    });
    const scope = user.grants.map((g) => (g.type === 'national' ? 'national' : `${g.type}:${g.code}`));
    console.log(`created ${user.role} ${user.email} (${scope.join(', ')})`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
