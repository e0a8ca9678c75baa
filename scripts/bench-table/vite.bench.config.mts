// Builds only the table benchmark harness (scripts/bench-table), never shipped with the product.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { webAliases } from '../../apps/dashboard/vite-aliases.mts';

const root = path.resolve(import.meta.dirname);
const workspace = path.resolve(root, '../..');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: {
    alias: webAliases(workspace),
  },
  // cssMinify off as in the dashboard's config: lightningcss rejects nhsuk-frontend's IE hacks.
  build: {
    cssMinify: false,
    outDir: path.join(workspace, 'dist/bench-table'),
    emptyOutDir: true,
    rollupOptions: { input: path.join(root, 'table-harness.html') },
  },
  logLevel: 'warn',
});
