import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { generateDemoFiles } from './demo-files';
import { monthEnds } from './demo-sizes';

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-demo-'));

describe('demo workforce generator', () => {
  it('gives byte-identical files for the same seed and different files for another seed', async () => {
    const a = await generateDemoFiles({ seed: 7, size: 'test', outDir: tmp() });
    const b = await generateDemoFiles({ seed: 7, size: 'test', outDir: tmp() });
    const c = await generateDemoFiles({ seed: 8, size: 'test', outDir: tmp() });
    expect(a.staffFiles.map((f) => sha(f.path))).toEqual(b.staffFiles.map((f) => sha(f.path)));
    expect(sha(a.completionFiles[0].path)).toBe(sha(b.completionFiles[0].path));
    expect(sha(a.staffFiles[0].path)).not.toBe(sha(c.staffFiles[0].path));
  });

  it('writes month-end snapshots in the import contract format with a realistic mix', async () => {
    const files = await generateDemoFiles({ seed: 2026, size: 'test', outDir: tmp() });
    expect(files.staffFiles.map((f) => f.asAt)).toEqual(monthEnds(3));
    expect(files.organisations).toEqual(['RJ1', 'RQM', 'R0A']);
    const rows: Record<string, string>[] = parse(fs.readFileSync(files.staffFiles[2].path), {
      columns: true,
    });
    expect(rows.length).toBe(files.staffFiles[2].rows);
    const groups = new Set(rows.map((r) => r['Staff Group']));
    for (const g of ['01', '03', '04', '07', '08', 'Add Prof Scientific and Technic'])
      expect(groups).toContain(g);
    const perPerson = new Map<string, number>();
    for (const r of rows)
      perPerson.set(
        `${r['Organisation Code']}:${r['Employee Number']}`,
        (perPerson.get(`${r['Organisation Code']}:${r['Employee Number']}`) ?? 0) + 1,
      );
    const multi = [...perPerson.values()].filter((n) => n > 1).length;
    expect(multi / perPerson.size).toBeGreaterThan(0.02);
    expect(rows.every((r) => Number(r.FTE) > 0 && Number(r.FTE) <= 1)).toBe(true);
    expect(rows.some((r) => r['Assignment Status'] === 'Maternity Leave')).toBe(true);
    const titles = rows.map((r) => r['Position Title']).join('|');
    expect(titles).toMatch(/Consultant Radiologist|Diagnostic Radiographer/);
  });

  it('grows completions over time and includes records that match nobody', async () => {
    const files = await generateDemoFiles({ seed: 2026, size: 'test', outDir: tmp() });
    const rows: Record<string, string>[] = parse(fs.readFileSync(files.completionFiles[0].path), {
      columns: true,
    });
    const dates = monthEnds(3);
    const byMonth = dates.map(
      (d) => rows.filter((r) => r['Course Code'] === 'AIF-01' && r['Completion Date'] <= d).length,
    );
    expect(byMonth[2]).toBeGreaterThan(byMonth[0]);
    const staffIds = new Set(
      files.staffFiles.flatMap((f) =>
        (parse(fs.readFileSync(f.path), { columns: true }) as Record<string, string>[]).map(
          (r) => r['Employee Number'],
        ),
      ),
    );
    expect(rows.some((r) => !staffIds.has(r['Employee Number']))).toBe(true);
  });
});
