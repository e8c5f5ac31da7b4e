/**
 * A town's emblem for its portal: a PNG or JPEG taken in, served as a small square PNG with no metadata,
 * so the portal's header never carries a phone photo's megabytes or its EXIF.
 */

import { loadSharp } from '../imaging';
import { ok, refuse, type Result } from './result';
import { sniffImage } from './photos';

export const MAX_EMBLEM_BYTES = 256 * 1024;
export const MAX_EMBLEM_SIDE = 1024;
/** Served size: twice the largest place it is shown (64 px), sharp on high-density phone screens. */
export const EMBLEM_SQUARE = 128;
export type EmblemMime = 'image/png' | 'image/jpeg';

export interface CleanEmblem { mime: EmblemMime; bytes: Uint8Array; width: number; height: number }

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) + b[i + 1]!;

// Chunks that draw the picture; text, time, EXIF and the rest are dropped.
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'gAMA', 'sRGB', 'cHRM']);

function cleanPng(b: Uint8Array): CleanEmblem | null {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let width = 0, height = 0;
  for (let i = 8; i + 12 <= b.length;) {
    const len = u32(b, i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    const end = i + 12 + len;
    if (end > b.length) return null;
    if (type === 'IHDR') { width = u32(b, i + 8); height = u32(b, i + 12); }
    if (PNG_KEEP.has(type)) parts.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return { mime: 'image/png', bytes: concat(parts), width, height };
  }
  return null;
}

// JPEG: APP1–APP15 (EXIF, XMP, ICC, maker notes) and comments go; APP0 (JFIF) and the image stay.
function cleanJpeg(b: Uint8Array): CleanEmblem | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let width = 0, height = 0;
  for (let i = 2; i + 4 <= b.length;) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xda) { // start of scan: the compressed picture runs to the end
      parts.push(b.subarray(i));
      return width && height ? { mime: 'image/jpeg', bytes: concat(parts), width, height } : null;
    }
    const len = u16(b, i + 2);
    const end = i + 2 + len;
    if (len < 2 || end > b.length) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) { height = u16(b, i + 5); width = u16(b, i + 7); }
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) parts.push(b.subarray(i, end));
    i = end;
  }
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Size is checked before the bytes are read; then the bytes, not the name, say what the file is. */
export function checkEmblemSize(size: number): string | null {
  if (size === 0) return '请选择徽标图片';
  if (size > MAX_EMBLEM_BYTES) return `徽标图片有 ${(size / 1024).toFixed(0)} KB，超过 ${MAX_EMBLEM_BYTES / 1024} KB 的上限，请缩小后再传`;
  return null;
}

export async function cleanEmblem(bytes: Uint8Array): Promise<Result<CleanEmblem, 'emblem'>> {
  const size = checkEmblemSize(bytes.length);
  if (size) return refuse(size, 'emblem');
  const mime = sniffImage(bytes.subarray(0, 16));
  if (mime !== 'image/png' && mime !== 'image/jpeg') return refuse('徽标只能是 PNG 或 JPEG 图片', 'emblem');
  // The header is read first, so an oversized picture is refused before any pixel is decoded.
  const clean = mime === 'image/png' ? cleanPng(bytes) : cleanJpeg(bytes);
  if (!clean || !clean.width || !clean.height) return refuse(DAMAGED, 'emblem');
  if (clean.width > MAX_EMBLEM_SIDE || clean.height > MAX_EMBLEM_SIDE) {
    return refuse(`徽标图片为 ${clean.width}×${clean.height} 像素，长宽都不能超过 ${MAX_EMBLEM_SIDE} 像素`, 'emblem');
  }
  const square = await squareEmblem(clean.bytes);
  return square ? ok(square) : refuse(DAMAGED, 'emblem');
}

const DAMAGED = '图片文件已损坏，无法读取';

/** Fitted whole into a transparent square (never cropped); sharp writes no metadata unless asked to. */
async function squareEmblem(bytes: Uint8Array): Promise<CleanEmblem | null> {
  const sharp = await loadSharp();
  try {
    const out = await sharp(bytes, { failOn: 'error' })
      .rotate() // a phone's orientation flag is applied to the pixels before the metadata goes
      .resize(EMBLEM_SQUARE, EMBLEM_SQUARE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    return { mime: 'image/png', bytes: new Uint8Array(out), width: EMBLEM_SQUARE, height: EMBLEM_SQUARE };
  } catch {
    return null;
  }
}
