import 'reflect-metadata';
import { loadConfig } from '@aiwr/server-core';
import { createApp } from '@aiwr/server-app';

async function main() {
  const config = loadConfig();
  const app = await createApp({ dashboardDir: config.dashboardDir });
  app.enableShutdownHooks();
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  console.log(`API ready on http://127.0.0.1:${config.port}/graphql`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
