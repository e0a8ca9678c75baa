// Brotli (.br) and gzip (.gz) copies of the built text assets, written next to them as a CDN would hold them,
// so the server sends them by Accept-Encoding (express-static-gzip) without compressing per request; once at
// build time at the highest levels, which would be too slow per request. Files under 1 KB gain nothing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'aiwr-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' });
      let raw = 0;
      let br = 0;
      for (const file of files.map((f) => path.join(outDir, f))) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file) || fs.statSync(file).size < 1024) continue;
        const body = fs.readFileSync(file);
        const q = {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        };
        const brotli = zlib.brotliCompressSync(body, { params: q });
        fs.writeFileSync(`${file}.br`, brotli);
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
        raw += body.length;
        br += brotli.length;
      }
      this.info(
        `precompressed: ${(raw / 1024).toFixed(0)} KB -> ${(br / 1024).toFixed(0)} KB brotli (+ gzip)`,
      );
    },
  };
}
