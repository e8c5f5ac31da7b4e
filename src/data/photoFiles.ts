import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { DbConnection } from '../../db/client';
import { downloadName } from '../domain/downloadName';
import { PHOTO_EXT, checkPhoto } from '../domain/photos';
import { ok, type Result } from '../domain/result';
import { checkedDerivatives, derivativeName, derivePhotoSize, type PhotoSize } from './photoSizes';
import type { NewPhoto, PhotoUpload } from './progress';

/**
 * Uploads live beside the database file (data/minsheng.db → data/uploads/), so a backup of the folder
 * keeps them together. An in-memory database (tests) gets a private folder under the system temp dir.
 */
export function uploadsDirFor(db: DbConnection): string {
  const name = db.$client.name;
  if (!name || name === ':memory:') return join(tmpdir(), `minsheng-uploads-${process.pid}`);
  return join(dirname(resolve(name)), 'uploads');
}

/** Writes the files under photos/<projectId>/ with random names; the caller records them (or removes them on failure). */
export function writePhotoFiles(dir: string, projectId: number, files: readonly PhotoUpload[]): NewPhoto[] {
  const sub = join('photos', String(projectId));
  mkdirSync(join(dir, sub), { recursive: true });
  return files.map((f) => {
    const fileName = `${sub}/${randomBytes(16).toString('hex')}.${PHOTO_EXT[f.mime]}`;
    writeFileSync(join(dir, fileName), f.bytes, { flag: 'wx' });
    for (const size of ['thumb', 'display'] as const) writeFileSync(join(dir, derivativeName(fileName, size)), f.sizes[size], { flag: 'wx' });
    // stored clean, as it will be shown and downloaded: no control characters, no path, the sniffed type's extension
    return { fileName, originalName: downloadName(f.originalName, PHOTO_EXT[f.mime], '照片'), mime: f.mime, size: f.bytes.byteLength };
  });
}

/** The original and its derivatives. */
export function removePhotoFiles(dir: string, names: readonly string[]): void {
  for (const n of names) {
    for (const name of [n, derivativeName(n, 'thumb'), derivativeName(n, 'display')]) {
      const p = safePath(dir, name);
      if (p) rmSync(p, { force: true });
    }
  }
}

/** Only names inside the uploads folder are ever read. */
function safePath(dir: string, fileName: string): string | null {
  const root = resolve(dir);
  const full = resolve(root, fileName);
  return full.startsWith(root + sep) ? full : null;
}

export function readPhotoFile(dir: string, fileName: string): Buffer | null {
  const p = safePath(dir, fileName);
  if (!p) return null;
  try {
    return readFileSync(p);
  } catch {
    return null;
  }
}

/** Reads uploaded files and keeps them only if their bytes are a photo; the first refusal refuses them all. */
export async function readPhotos(files: readonly File[]): Promise<Result<PhotoUpload[], 'photos'>> {
  const out: PhotoUpload[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    const check = checkPhoto({ name: f.name, size: bytes.byteLength, head: bytes.subarray(0, 16) });
    if (!check.ok) return check;
    const sizes = await checkedDerivatives(f.name, bytes);
    if (!sizes.ok) return sizes;
    out.push({ bytes, mime: check.value, originalName: f.name, sizes: sizes.value });
  }
  return ok(out);
}

/**
 * What the public is served: the thumbnail or display size, never the original with its metadata. A photo stored
 * before derivatives existed gets its derivative made (and kept) on first request.
 */
export async function readPhotoSize(dir: string, fileName: string, size: PhotoSize): Promise<Buffer | null> {
  const name = derivativeName(fileName, size);
  const stored = readPhotoFile(dir, name);
  if (stored) return stored;
  const original = readPhotoFile(dir, fileName);
  const p = safePath(dir, name);
  if (!original || !p) return null;
  try {
    const bytes = await derivePhotoSize(new Uint8Array(original), size);
    writeFileSync(p, bytes);
    return Buffer.from(bytes);
  } catch {
    return null;
  }
}
