/** Progress photos: what the bytes say, not what the name or the browser claims. */

import { ok, refuse, type Result } from './result';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 6;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';
export const PHOTO_EXT: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Magic bytes: JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; WebP "RIFF" ···· "WEBP". */
export function sniffImage(head: Uint8Array): PhotoMime | null {
  const at = (i: number) => head[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

const label = (name: string) => (name ? `“${name}”` : '所选文件');

/** Checked before the bytes are read: an oversized file is refused without reading it. */
export function checkPhotoSize(name: string, size: number): string | null {
  if (size === 0) return `照片${label(name)}是空文件`;
  if (size > MAX_PHOTO_BYTES) return `照片${label(name)}有 ${mb(size)} MB，超过每张 ${mb(MAX_PHOTO_BYTES)} MB 的上限，请压缩后再传`;
  return null;
}

export function checkPhoto(p: { name: string; size: number; head: Uint8Array }): Result<PhotoMime, 'photos'> {
  const sizeError = checkPhotoSize(p.name, p.size);
  if (sizeError) return refuse(sizeError, 'photos');
  const mime = sniffImage(p.head);
  if (!mime) return refuse(`文件${label(p.name)}不是 JPEG、PNG 或 WebP 格式的照片`, 'photos');
  return ok(mime);
}

/** The report's photos so far plus the new ones must stay within the limit. */
export function checkPhotoCount(existing: number, adding: number): string | null {
  return existing + adding > MAX_PHOTOS_PER_REPORT
    ? `每月进展最多 ${MAX_PHOTOS_PER_REPORT} 张照片${existing > 0 ? `（已有 ${existing} 张）` : ''}，本次选了 ${adding} 张`
    : null;
}

/** A refused photo refuses the whole upload; the unit must know that the rest of the form was kept. */
export function photoRefusal(error: string): string {
  return `${error}。照片未保存，其他填写的内容已保留，请重新选择照片后提交。`;
}

/** Files never survive a re-rendered form: after any other refusal the chosen photos must be picked again. */
export const PHOTOS_NOT_SAVED = '照片未保存，请改正上面的问题后重新选择照片提交。';
