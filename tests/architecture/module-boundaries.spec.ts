import path from 'node:path';
import { spawnSync } from 'node:child_process';

// Proves the architecture rules bite: each snippet breaks one dependency rule and lint must reject it.
const root = path.join(__dirname, '../..');
// The eslint CLI in a child process: jest's module loader cannot load an ESM eslint.config.mjs.
const lint = async (file: string, code: string): Promise<string[]> => {
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', file, '--format', 'json'],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
};

describe('module boundaries (eslint @nx/enforce-module-boundaries is an error)', () => {
  jest.setTimeout(60_000);

  it('rejects shared code importing server code', async () => {
    const errors = await lint(
      'libs/shared/domain/src/lib/bad.ts',
      `import { CoreModule } from '@aiwr/server-core';\nexport const x = CoreModule;\n`,
    );
    // db (and so every server lib) depends on shared-domain, so the rule that fires first may be the
    // cycle it would close; either way the import is an error.
    expect(errors.join('\n')).toMatch(
      /scope:shared|Circular dependency between "shared-domain" and "server-core"/,
    );
  });

  it('rejects a data library importing a feature library', async () => {
    const errors = await lint(
      'libs/server/core/src/lib/bad.ts',
      `import { ReferenceModule } from '@aiwr/server-reference';\nexport const x = ReferenceModule;\n`,
    );
    // Either message rejects it: the layer rule, or the dependency cycle the import would create.
    expect(errors.join('\n')).toMatch(/type:data|Circular dependency/);
  });

  it('allows a feature library to import a data library', async () => {
    const errors = await lint(
      'libs/server/reference/src/lib/ok.ts',
      `import { CoreModule } from '@aiwr/server-core';\nexport const x = CoreModule;\n`,
    );
    expect(errors).toEqual([]);
  });

  // The recompute's dependency order: access ← ingest; access ← archetypes ← coverage ← reporting.
  it.each([
    ['libs/server/ingest/src/lib/bad.ts', '@aiwr/server-coverage', 'recompute'],
    ['libs/server/ingest/src/lib/bad.ts', '@aiwr/server-archetypes', 'evaluateSnapshots'],
    ['libs/server/archetypes/src/lib/bad.ts', '@aiwr/server-coverage', 'refreshRollups'],
    ['libs/server/coverage/src/lib/bad.ts', '@aiwr/server-reporting', 'ReportingModule'],
    ['libs/server/access/src/lib/bad.ts', '@aiwr/server-archetypes', 'ArchetypesModule'],
  ])('rejects %s importing %s (against the domain order)', async (file, lib, name) => {
    const errors = await lint(file, `import { ${name} } from '${lib}';\nexport const x = ${name};\n`);
    expect(errors.join('\n')).toMatch(/domain:|Circular dependency/);
  });

  it.each([
    ['libs/server/coverage/src/lib/ok.ts', '@aiwr/server-archetypes', 'evaluateSnapshots'],
    ['libs/server/ingest/src/lib/ok.ts', '@aiwr/server-access', 'AccessPolicy'],
    ['libs/server/ingest/src/lib/ok.ts', '@aiwr/server-core', 'RECOMPUTE'],
  ])('allows %s to import %s (with the domain order)', async (file, lib, name) => {
    const errors = await lint(file, `import { ${name} } from '${lib}';\nexport const x = ${name};\n`);
    expect(errors).toEqual([]);
  });

  it('rejects a web feature importing another web feature, even through its index', async () => {
    const errors = await lint(
      'libs/web/archetypes/src/lib/bad.ts',
      `import { coverageFeature } from '@aiwr/web-coverage';\nexport const x = coverageFeature;\n`,
    );
    expect(errors.join('\n')).toMatch(/type:feature/);
  });

  it("rejects a web feature reaching into another feature's internals by path", async () => {
    const errors = await lint(
      'libs/web/archetypes/src/lib/bad.ts',
      `import { OverviewPage } from '../../../coverage/src/lib/overview/OverviewPage';\nexport const x = OverviewPage;\n`,
    );
    expect(errors.join('\n')).toMatch(/relative or absolute path/);
  });

  it("rejects a web feature importing another lib's files instead of its index", async () => {
    const errors = await lint(
      'libs/web/archetypes/src/lib/bad.ts',
      `import { FilterBar } from '@aiwr/web-data-access/src/lib/page/FilterBar';\nexport const x = FilterBar;\n`,
    );
    expect(errors.join('\n')).toMatch(/through its index/);
  });

  it('rejects web ui importing web data-access (ui stays presentational)', async () => {
    const errors = await lint(
      'libs/web/ui/src/lib/bad.ts',
      `import { useFilters } from '@aiwr/web-data-access';\nexport const x = useFilters;\n`,
    );
    expect(errors.join('\n')).toMatch(/type:ui|Circular dependency/);
  });

  it('rejects web data-access importing a web feature', async () => {
    const errors = await lint(
      'libs/web/data-access/src/lib/bad.ts',
      `import { coverageFeature } from '@aiwr/web-coverage';\nexport const x = coverageFeature;\n`,
    );
    expect(errors.join('\n')).toMatch(/type:data-access|Circular dependency/);
  });

  it('rejects the dashboard importing server code', async () => {
    const errors = await lint(
      'apps/dashboard/src/app/bad.ts',
      `import { CoreModule } from '@aiwr/server-core';\nexport const x = CoreModule;\n`,
    );
    expect(errors.join('\n')).toMatch(/scope:web/);
  });

  it('allows a web feature to import ui, data-access and shared domain', async () => {
    const errors = await lint(
      'libs/web/archetypes/src/lib/ok.ts',
      [
        `import { formatCount } from '@aiwr/web-ui';`,
        `import { useFilters } from '@aiwr/web-data-access';`,
        `import { ragFor } from '@aiwr/shared-domain';`,
        `export const x = [formatCount, useFilters, ragFor];`,
        ``,
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
