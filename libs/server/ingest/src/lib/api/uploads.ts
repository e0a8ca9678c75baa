import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';

/** Largest upload accepted (the contract's 1 GB file plus headroom). */
export const MAX_UPLOAD_BYTES = 1.5 * 1024 ** 3;

export type StoredUpload = {
  uploadId: string;
  path: string;
  fileName: string;
  bytes: number;
  userId: string;
};
export type ReceivedUpload = { fields: Record<string, string>; upload: StoredUpload | null };

const uploadDir = (dataDir: string) => path.join(dataDir, 'uploads');
const isUploadId = (id: string) => /^[0-9a-f-]{36}$/.test(id);

/**
 * Streams a multipart upload to a file in the data directory (never the whole file in memory), with
 * its form fields. The file's own name is kept only as a label.
 */
export function receiveUpload(req: Request, dataDir: string, userId: string): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 20 } });
    } catch {
      reject(new UploadError('Send the file as multipart/form-data with a "file" field.'));
      return;
    }
    const fields: Record<string, string> = {};
    let saving: Promise<StoredUpload> | null = null;
    parser.on('field', (name, value) => {
      fields[name] = value.slice(0, 200);
    });
    parser.on('file', (_name, stream, info) => {
      const uploadId = crypto.randomUUID();
      const dir = uploadDir(dataDir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const target = path.join(dir, `${uploadId}.upload`);
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      saving = pipeline(stream, fs.createWriteStream(target, { mode: 0o600 })).then(() => {
        if (truncated) {
          fs.rmSync(target, { force: true });
          throw new UploadError(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`);
        }
        const upload: StoredUpload = {
          uploadId,
          path: target,
          fileName: path.basename(info.filename || 'upload').slice(0, 200),
          bytes: fs.statSync(target).size,
          userId,
        };
        fs.writeFileSync(`${target}.json`, JSON.stringify(upload), { mode: 0o600 });
        return upload;
      });
    });
    parser.on('error', (e) => reject(e));
    parser.on('close', () => {
      if (!saving) return resolve({ fields, upload: null });
      saving.then((upload) => resolve({ fields, upload }), reject);
    });
    req.pipe(parser);
  });
}

/** An upload stored earlier, only for the user who sent it. */
export function findUpload(dataDir: string, uploadId: string, userId: string): StoredUpload | null {
  if (!isUploadId(uploadId)) return null;
  const meta = path.join(uploadDir(dataDir), `${uploadId}.upload.json`);
  if (!fs.existsSync(meta)) return null;
  const upload = JSON.parse(fs.readFileSync(meta, 'utf8')) as StoredUpload;
  return upload.userId === userId ? upload : null;
}

export function discardUpload(upload: StoredUpload): void {
  fs.rmSync(upload.path, { force: true });
  fs.rmSync(`${upload.path}.json`, { force: true });
}

export class UploadError extends Error {}
