import { migrateAndSeedReference, requireDatabaseUrl } from '../index';

migrateAndSeedReference(requireDatabaseUrl(), (m) => console.log(m))
  .then(() => console.log('database is up to date'))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
