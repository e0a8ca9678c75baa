// Prints the gzip size of the JavaScript a first visit loads (entry chunk plus its static imports).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function reportBundle(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length;
  const all = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const first = initial.reduce((s, f) => s + gz(f), 0);
  const total = all.reduce((s, f) => s + gz(path.join('assets', f)), 0);
  console.log(
    `bundle: first-load JS ${(first / 1024).toFixed(1)} KB gzip (${initial.length} files); all JS ${(total / 1024).toFixed(1)} KB gzip in ${all.length} chunks; budget 450 KB`,
  );
  return first;
}
