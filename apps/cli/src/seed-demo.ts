import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDataSource } from '@aiwr/db';
import { loadConfig } from '@aiwr/server-core';
import { DemoSize, seedDemo } from '@aiwr/server-demo-data';

// Usage: seed-demo --size test|demo|national [--seed 2026] [--if-empty]
async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '2026' },
      'if-empty': { type: 'boolean', default: false },
    },
  });
  const size = values.size as DemoSize;
  if (!['test', 'demo', 'national'].includes(size))
    throw new Error(`--size must be test, demo or national (got ${size})`);
  const config = loadConfig();
  const ds = await openDataSource(config.databaseUrl);
  try {
    await seedDemo(ds, {
      size,
      seed: Number(values.seed),
      workDir: path.join(config.dataDir, 'demo-files'),
      pseudonymisationKey: config.pseudonymisationKey,
      ifEmpty: values['if-empty'],
      log: (m) => console.log(`[demo] ${m}`),
    });
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
