import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApp } from '@aiwr/server-app';

/** Writes schema.graphql from the code-first schema (the dashboard's types are generated from it). */
async function main() {
  const app = await createApp({ logger: false });
  await app.init();
  const schema = printSchema(app.get(GraphQLSchemaHost).schema);
  fs.writeFileSync(path.join(__dirname, '../../../schema.graphql'), schema + '\n');
  await app.close();
  console.log('schema.graphql written');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
