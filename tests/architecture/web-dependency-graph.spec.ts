import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// The web side's dependency graph, read from `nx graph --file` (the same graph lint enforces): web
// features depend only on ui, data-access and shared domain, never on each other. Checked on the live
// graph and on the copy committed as docs/dependency-graph.json.
const root = path.join(__dirname, '../..');

interface Graph {
  graph: {
    nodes: Record<string, { data: { tags?: string[]; root: string } }>;
    dependencies: Record<string, { target: string }[]>;
  };
}

function liveGraph(): Graph {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-graph-')), 'graph.json');
  const r = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (r.status !== 0) throw new Error(`nx graph failed: ${r.stderr}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Graph;
}

const tagsOf = (g: Graph, project: string) => g.graph.nodes[project]?.data.tags ?? [];
const withTags = (g: Graph, ...tags: string[]) =>
  Object.keys(g.graph.nodes).filter((p) => tags.every((t) => tagsOf(g, p).includes(t)));

/** Each project's dependencies that carry none of the allowed type tags. */
function outsideLayers(g: Graph, projects: string[], allowedTypes: string[]): Record<string, string[]> {
  return Object.fromEntries(
    projects.map((p) => [
      p,
      (g.graph.dependencies[p] ?? [])
        .map((d) => d.target)
        .filter((t) => !allowedTypes.some((type) => tagsOf(g, t).includes(type))),
    ]),
  );
}

describe.each([
  ['live `nx graph`', () => liveGraph()],
  [
    'docs/dependency-graph.json',
    () => JSON.parse(fs.readFileSync(path.join(root, 'docs/dependency-graph.json'), 'utf8')) as Graph,
  ],
])('web dependency graph (%s)', (_name, load) => {
  jest.setTimeout(120_000);
  let g: Graph;
  beforeAll(() => {
    g = load();
  });

  it('has the web feature libs cut by domain', () => {
    expect(withTags(g, 'scope:web', 'type:feature')).toEqual(
      expect.arrayContaining([
        'web-access',
        'web-archetypes',
        'web-coverage',
        'web-ingest',
        'web-quality',
        'web-reference',
      ]),
    );
  });

  it('web features depend only on ui, data-access and shared domain', () => {
    const features = withTags(g, 'scope:web', 'type:feature');
    const bad = outsideLayers(g, features, ['type:ui', 'type:data-access', 'type:domain']);
    expect(bad).toEqual(Object.fromEntries(features.map((f) => [f, []])));
    // And they do use the shared layers rather than re-implementing them.
    for (const f of features)
      expect(g.graph.dependencies[f].map((d) => d.target)).toContain('web-data-access');
  });

  it('data-access depends only on ui and shared domain; ui only on shared domain', () => {
    expect(outsideLayers(g, ['web-data-access'], ['type:ui', 'type:domain'])).toEqual({
      'web-data-access': [],
    });
    expect(outsideLayers(g, ['web-ui'], ['type:domain'])).toEqual({ 'web-ui': [] });
  });

  it('the dashboard app is a shell over the web features', () => {
    const deps = g.graph.dependencies['dashboard'].map((d) => d.target);
    expect(deps).toEqual(expect.arrayContaining(withTags(g, 'scope:web', 'type:feature')));
    expect(deps.filter((d) => !tagsOf(g, d).includes('scope:web'))).toEqual([]);
  });
});

describe('apps/dashboard is a thin shell', () => {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

  it('stays under 600 lines in all (pages, documents and hooks belong in libs/web/<feature>)', () => {
    const app = path.join(root, 'apps/dashboard');
    const lines = files(app).reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(600);
  });
});
