import crypto from 'node:crypto';
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { FileRejected } from './import-types';

export type FileFacts = {
  format: 'csv' | 'xlsx';
  sha256: string;
  size: number;
  /** for CSV: utf8 (BOM or not) or windows-1252 when the bytes are not valid UTF-8 */
  encoding: 'utf8' | 'windows-1252';
  bom: boolean;
};

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Formats people send by mistake, named so the error can say what the file is. */
const KNOWN_OTHERS: { magic: Buffer; what: string }[] = [
  { magic: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), what: 'an old Excel .xls (or other Office 97-2003) file' },
  { magic: Buffer.from('%PDF'), what: 'a PDF' },
  { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: 'a PNG image' },
  { magic: Buffer.from([0xff, 0xd8, 0xff]), what: 'a JPEG image' },
  { magic: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive' },
];

/**
 * One pass over the bytes: SHA-256 (for the duplicate check and the record), whether the text is valid
 * UTF-8 (otherwise it is read as Windows-1252, as ESR exports often are), and what kind of file it is.
 */
export async function examineFile(filePath: string): Promise<FileFacts> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  let head: Buffer | null = null;
  let utf8 = true;
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(filePath, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (!head) head = chunk.subarray(0, 8192);
    if (utf8) {
      // Check whole characters only: a multi-byte sequence may straddle two chunks.
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = lastCharacterBoundary(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) utf8 = false;
      carry = Buffer.from(bytes.subarray(cut));
    }
  }
  if (carry.length && !isUtf8(carry)) utf8 = false;
  const sha256 = hash.digest('hex');
  if (!head || size === 0) throw new FileRejected('EMPTY_FILE', 'The file is empty.', null);
  if (head.subarray(0, 4).equals(ZIP)) return { format: 'xlsx', sha256, size, encoding: 'utf8', bom: false };
  const other = KNOWN_OTHERS.find((k) => head!.subarray(0, k.magic.length).equals(k.magic));
  if (other)
    throw new FileRejected(
      'FILE_TYPE_UNSUPPORTED',
      `This looks like ${other.what}, not a CSV or XLSX file. Export the list as CSV (or save it as .xlsx) and upload that.`,
    );
  if (looksBinary(head))
    throw new FileRejected(
      'FILE_TYPE_UNSUPPORTED',
      'This is not a CSV or XLSX file (it contains binary data). Export the list as CSV or .xlsx and upload that.',
    );
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return { format: 'csv', sha256, size, encoding: utf8 ? 'utf8' : 'windows-1252', bom };
}

/** Index after the last complete UTF-8 character (or the whole buffer when it ends on one). */
function lastCharacterBoundary(bytes: Buffer): number {
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Text files have no NUL bytes and few control characters other than tab, CR and LF. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 100;
}
