// Creates the demo users (one per role) if missing and prints how to sign in. Not in production.
// Usage: node -r ./scripts/register.cjs apps/cli/src/seed-users.ts   (DATABASE_URL must be set)
import 'reflect-metadata';
import { openDataSource } from '@aiwr/db';
import { describeDemoUsers, seedDemoUsers } from '@aiwr/server-access';

async function main() {
  const ds = await openDataSource();
  try {
    const created = await seedDemoUsers(ds);
    if (created.length) console.log(`created demo users: ${created.join(', ')}`);
    for (const line of describeDemoUsers()) console.log(line);
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
