import { loadSharp } from '../imaging';
import { ok, refuse, type Result } from '../domain/result';

/**
 * What the public gets of a photo: a thumbnail for lists and a display size for the page, both JPEG without any of
 * the camera's metadata (EXIF GPS says where the photographer stood). A phone's 3–5 MB photo becomes ~200 KB.
 */
export const PHOTO_SIZES = { thumb: 320, display: 1280 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

export interface PhotoDerivatives { thumb: Uint8Array; display: Uint8Array }

/** The derivative's stored name beside the original: photos/12/ab…cd.jpg → photos/12/ab…cd.thumb.jpg */
export function derivativeName(fileName: string, size: PhotoSize): string {
  return `${fileName.replace(/\.[a-z]+$/, '')}.${size}.jpg`;
}

async function resized(bytes: Uint8Array, edge: number): Promise<Uint8Array> {
  // rotate() turns the pixels upright by the EXIF orientation before the metadata is dropped (sharp keeps none by default).
  const sharp = await loadSharp();
  const out = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return new Uint8Array(out);
}

export async function derivePhoto(bytes: Uint8Array): Promise<PhotoDerivatives> {
  return { thumb: await resized(bytes, PHOTO_SIZES.thumb), display: await resized(bytes, PHOTO_SIZES.display) };
}

/** One size, for a photo stored before derivatives existed. */
export function derivePhotoSize(bytes: Uint8Array, size: PhotoSize): Promise<Uint8Array> {
  return resized(bytes, PHOTO_SIZES[size]);
}

/** A file whose first bytes say "photo" but that no decoder can read is refused like any other non-photo. */
export async function checkedDerivatives(name: string, bytes: Uint8Array): Promise<Result<PhotoDerivatives, 'photos'>> {
  try {
    return ok(await derivePhoto(bytes));
  } catch {
    return refuse(`照片${name ? `“${name}”` : ''}已损坏或无法读取`, 'photos');
  }
}
