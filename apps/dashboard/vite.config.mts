import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompress } from './precompress.mts';
import { ownOriginAssets } from './own-origin-assets.mts';
import { webAliases } from './vite-aliases.mts';
import { graphqlDocuments } from './graphql-documents.mts';

const root = path.resolve(import.meta.dirname);
const workspace = path.resolve(root, '../..');
// A web lib's index only re-exports (and declares its routes): marking it side-effect free lets the
// bundler take from it just what each chunk uses, so the shell's first load does not carry the page
// furniture that only lazily loaded pages need.
const webLibIndex = /[\\/]libs[\\/]web[\\/][^\\/]+[\\/]src[\\/]index\.ts$/;

export default defineConfig({
  root,
  // precompress last: it compresses what the other plugins wrote.
  plugins: [graphqlDocuments(), react(), ownOriginAssets(), precompress()],
  resolve: { alias: webAliases(workspace) },
  build: {
    cssMinify: false,
    outDir: path.join(workspace, 'dist/dashboard'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !webLibIndex.test(id) } },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000' } },
});
