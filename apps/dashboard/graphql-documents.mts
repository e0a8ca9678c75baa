// Build step (vite.config.mts): each `graphql(`...`)` call becomes an import of that one
// document, as the client preset's babel plugin does, and each document is a module of its own (taken
// from the generated module). Without it every page would load the generated map of all the dashboard's
// documents (about 12 KB brotli) on first load; with it each chunk carries only the documents it uses.
// Types are unchanged: they come from codegen.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const DEFINITION = /\b(query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/;
const PREFIX = '\0aiwr-document:';

export function graphqlDocuments(): Plugin {
  const generated = path.join(import.meta.dirname, '../../libs/web/data-access/src/generated/graphql.ts');
  let documents: Map<string, string> | undefined;
  const documentJson = (name: string) => {
    documents ??= new Map(
      [
        ...fs
          .readFileSync(generated, 'utf8')
          .matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode/gm),
      ].map((m) => [m[1], m[2]]),
    );
    const json = documents.get(name);
    if (!json) throw new Error(`${name} is not in ${generated}: run npm run codegen`);
    return json;
  };
  return {
    name: 'aiwr-graphql-documents',
    enforce: 'pre',
    buildStart() {
      documents = undefined;
    },
    resolveId: (id) => (id.startsWith(PREFIX) ? id : undefined),
    load: (id) =>
      id.startsWith(PREFIX) ? `export default ${documentJson(id.slice(PREFIX.length))};` : undefined,
    transform(code, id) {
      if (!/[\\/]libs[\\/]web[\\/].*\.tsx?$/.test(id) || id.includes(`${path.sep}generated${path.sep}`))
        return;
      if (!code.includes('graphql(')) return;
      const names = new Set<string>();
      const out = code.replace(CALL, (call, body: string) => {
        const match = DEFINITION.exec(body);
        if (!match) return call;
        const name = `${match[2]}${match[1] === 'fragment' ? 'FragmentDoc' : 'Document'}`;
        names.add(name);
        return `__document_${name}`;
      });
      if (names.size === 0) return;
      const imports = [...names].map((n) => `import __document_${n} from ${JSON.stringify(PREFIX + n)};`);
      return { code: `${imports.join('\n')}\n${out}`, map: null };
    },
  };
}
