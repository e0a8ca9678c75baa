import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Everything the dashboard loads comes from its own origin. The NHS.UK frontend's stylesheet declares
 * the Frutiger webfont from assets.nhs.uk; the font is licensed to the NHS and cannot ship with this
 * product, so those @font-face rules are dropped and text falls back to the NHS.UK stack (a locally
 * installed Frutiger, else Arial). Every page otherwise asked a third party for four font files (which
 * also fail on a network without internet). The build fails if any output still names another origin
 * for something the browser would fetch. The stylesheet's own icons (/assets/images/nhsuk-icon-*.svg,
 * e.g. the sort arrows) are copied from the package into the build, so they load from here too.
 */
const nhsukImages = path.join(
  path.dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')),
  'dist/nhsuk/assets/images',
);

export function ownOriginAssets(): Plugin {
  const remoteFontFace = /@font-face\s*{[^}]*url\(\s*["']?https?:\/\/[^}]*}/g;
  const remoteUrl = /url\(\s*["']?(https?:)?\/\/[^)]*\)|@import\s+["'](https?:)?\/\//;
  return {
    name: 'aiwr-own-origin-assets',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0].endsWith('.css')) return null;
      return { code: code.replace(remoteFontFace, ''), map: null };
    },
    generateBundle(_options, bundle) {
      const images = new Set<string>();
      for (const file of Object.values(bundle)) {
        const text = file.type === 'asset' ? String(file.source) : '';
        if (!file.fileName.endsWith('.css')) continue;
        if (remoteUrl.test(text))
          this.error(`${file.fileName} loads something from another origin: ${text.match(remoteUrl)?.[0]}`);
        for (const m of text.matchAll(/url\(\/assets\/images\/(nhsuk-[\w-]+\.svg)\)/g)) images.add(m[1]);
      }
      for (const name of images)
        this.emitFile({
          type: 'asset',
          fileName: `assets/images/${name}`,
          source: fs.readFileSync(path.join(nhsukImages, name)),
        });
    },
  };
}
