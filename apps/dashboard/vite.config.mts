import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { ownOriginAssets } from './own-origin-assets.mts';

const root = path.resolve(import.meta.dirname);
const workspace = path.resolve(root, '../..');

export default defineConfig({
  root,
  plugins: [react(), ownOriginAssets()],
  resolve: {
    alias: {
      '@aiwr/shared-domain': path.join(workspace, 'libs/shared/domain/src/index.ts'),
      '@aiwr/web-ui': path.join(workspace, 'libs/web/ui/src/index.ts'),
    },
  },
  build: {
    cssMinify: false,
    outDir: path.join(workspace, 'dist/dashboard'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000' } },
});
