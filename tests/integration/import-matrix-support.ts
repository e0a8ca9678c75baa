import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';

/** An import_record row for one organisation, as a finished import would leave it (for read-access checks). */
export async function recordedImportFor(db: DataSource, orgCode: string): Promise<string> {
  const [row] = await db.query(
    `insert into import_record(kind, mode, file_name, file_sha256, org_codes, as_at, outcome, duration_ms)
     values ('staff', 'validate_only', 'matrix.csv', md5(random()::text), $1, '2026-09-30', 'validated', 1) returning id`,
    [[orgCode]],
  );
  return row.id;
}

/**
 * A file stored as POST /api/uploads would store it, owned by the user with this email: the
 * `runImport` mutation can then run it. One staff row for the organisation given.
 */
export async function storedUploadFor(db: DataSource, email: string, orgCode: string): Promise<string> {
  const [user] = await db.query(`select id from app_user where email = $1`, [email]);
  const dir = path.join(process.env.AIWR_DATA_DIR ?? '.data', 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const uploadId = crypto.randomUUID();
  const file = path.join(dir, `${uploadId}.upload`);
  fs.writeFileSync(
    file,
    `Employee Number,Organisation Code,Staff Group,FTE\nM${uploadId.slice(0, 8)},${orgCode},Medical and Dental,1\n`,
  );
  const meta = {
    uploadId,
    path: file,
    fileName: 'matrix.csv',
    bytes: fs.statSync(file).size,
    userId: user?.id ?? '',
  };
  fs.writeFileSync(`${file}.json`, JSON.stringify(meta));
  return uploadId;
}
