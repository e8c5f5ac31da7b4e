import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DbConnection } from '../../db/client';
import { ATTACHMENT_TYPES, type AttachmentType } from '../domain/attachmentRules';
import { downloadName } from '../domain/downloadName';

/**
 * Uploaded files sit in uploads/ beside the database file (data/uploads/ by default), so moving the data folder
 * moves them too. An in-memory database (tests) gets a folder under the system's temporary directory.
 */
export function uploadsDir(conn: DbConnection): string {
  const file = conn.$client.name;
  const base = !file || file === ':memory:' ? join(tmpdir(), 'minsheng-uploads') : join(dirname(file), 'uploads');
  return base;
}

export interface StoredFile { fileName: string; storedName: string; mimeType: AttachmentType; size: number }

/**
 * Writes each file under a random name (never a name from the user); on any failure removes what it wrote.
 * No files, no folder: an item without attachments touches nothing on disk.
 */
export function storeFiles(dir: string, files: readonly { name: string; bytes: Uint8Array; type: AttachmentType }[]): StoredFile[] {
  if (files.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  const out: StoredFile[] = [];
  try {
    for (const f of files) {
      const storedName = `${randomBytes(16).toString('hex')}.${ATTACHMENT_TYPES[f.type]}`;
      writeFileSync(join(dir, storedName), f.bytes, { flag: 'wx' });
      // The name is kept only to show and to download by: stored already clean (no control characters, no path,
      // the extension of the sniffed type), so no later reader meets what the uploader typed.
      out.push({ fileName: downloadName(f.name, ATTACHMENT_TYPES[f.type]), storedName, mimeType: f.type, size: f.bytes.byteLength });
    }
    return out;
  } catch (e) {
    removeFiles(dir, out);
    throw e;
  }
}

export function removeFiles(dir: string, files: readonly { storedName: string }[]): void {
  for (const f of files) rmSync(join(dir, f.storedName), { force: true });
}

export function readStoredFile(dir: string, storedName: string): Buffer | null {
  if (!/^[0-9a-f]{32}\.[a-z]{3,4}$/.test(storedName)) return null;
  try {
    return readFileSync(join(dir, storedName));
  } catch {
    return null;
  }
}
