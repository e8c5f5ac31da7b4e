import { PNG } from './deliveryFixture';

/** A PNG chunk: length, type, data, and a CRC the cleaner does not check (zeros). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  return out;
}

const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** The 1×1 PNG with a text chunk naming its author placed after IHDR. */
export const PNG_WITH_TEXT = join(PNG.subarray(0, 33), chunk('tEXt', new TextEncoder().encode('Author\0张三 13800001111')), PNG.subarray(33));

/** A PNG whose IHDR claims the given size (the pixels are never decoded). */
export function pngOfSize(width: number, height: number): Uint8Array {
  const b = PNG.slice();
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

const seg = (marker: number, data: Uint8Array) => join(new Uint8Array([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data);

/** A JPEG's structure: JFIF, an EXIF segment with a GPS note, a comment, a 64×48 frame, then the scan. */
export const JPEG_WITH_EXIF = join(
  new Uint8Array([0xff, 0xd8]),
  seg(0xe0, new TextEncoder().encode('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')),
  seg(0xe1, new TextEncoder().encode('Exif\0\0GPS 29.56N 106.55E')),
  seg(0xfe, new TextEncoder().encode('made by camera X')),
  seg(0xc0, new Uint8Array([8, 0, 48, 0, 64, 1, 1, 0x11, 0])),
  new Uint8Array([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0xff, 0xd9]),
);

export const GIF = new TextEncoder().encode('GIF89a\x01\0\x01\0\0\0\0;');

/** A real picture of the given size, decodable to its pixels. */
export async function realPng(width: number, height: number): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  return new Uint8Array(await sharp({ create: { width, height, channels: 4, background: '#c0392b' } }).png().toBuffer());
}

/** A real 64×48 JPEG carrying the camera's EXIF: its make and a GPS note. */
export async function realJpegWithExif(): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  return new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2255aa' } })
    .jpeg().withExif({ IFD0: { Make: 'camera X', ImageDescription: 'GPS 29.56N 106.55E' } }).toBuffer());
}
