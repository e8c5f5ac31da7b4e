import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanEmblem, EMBLEM_SQUARE, MAX_EMBLEM_BYTES } from '../../src/domain/emblem';
import { PNG } from '../helpers/deliveryFixture';
import { GIF, JPEG_WITH_EXIF, PNG_WITH_TEXT, pngOfSize, realJpegWithExif, realPng } from '../helpers/emblemFiles';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('a town emblem is a small square PNG with its metadata taken out', () => {
  it('keeps a PNG picture as a 128 px square and drops its text chunk', async () => {
    expect(text(PNG_WITH_TEXT)).toContain('Author');
    const r = await cleanEmblem(PNG_WITH_TEXT);
    expect(r.ok && r.value).toMatchObject({ mime: 'image/png', width: EMBLEM_SQUARE, height: EMBLEM_SQUARE });
    if (!r.ok) return;
    expect(await sharp(r.value.bytes).metadata()).toMatchObject({ format: 'png', width: 128, height: 128 });
    expect(text(r.value.bytes)).not.toContain('Author');
  });

  it('turns a JPEG with EXIF into a small PNG without the camera or the place', async () => {
    const jpeg = await realJpegWithExif();
    expect(text(jpeg)).toContain('camera X');
    const r = await cleanEmblem(jpeg);
    expect(r.ok && r.value).toMatchObject({ mime: 'image/png', width: 128, height: 128 });
    if (!r.ok) return;
    const meta = await sharp(r.value.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 128, height: 128 });
    expect(meta.exif).toBeUndefined();
    expect(text(r.value.bytes)).not.toContain('GPS');
    expect(text(r.value.bytes)).not.toContain('camera');
  });

  it('shrinks a large picture to the square, whole (not cropped), far smaller than it came', async () => {
    const big = await realPng(1024, 512);
    const r = await cleanEmblem(big);
    expect(r.ok && r.value).toMatchObject({ width: 128, height: 128 });
    if (!r.ok) return;
    // Fitted whole: the top row is the transparent margin above a 128×64 picture, the middle row is the picture.
    const { data } = await sharp(r.value.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
    expect(data[(64 * 128 + 64) * 4 + 3]).toBe(255);
  });

  it.each<[string, Uint8Array, string]>([
    ['a GIF', GIF, '徽标只能是 PNG 或 JPEG 图片'],
    ['text named .png', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), '徽标只能是 PNG 或 JPEG 图片'],
    ['an empty file', new Uint8Array(0), '请选择徽标图片'],
    ['a truncated PNG', PNG.subarray(0, 40), '图片文件已损坏，无法读取'],
    ['a JPEG whose scan does not decode', JPEG_WITH_EXIF, '图片文件已损坏，无法读取'],
    ['1025 px wide', pngOfSize(1025, 10), '徽标图片为 1025×10 像素，长宽都不能超过 1024 像素'],
    ['one byte over the limit', new Uint8Array(MAX_EMBLEM_BYTES + 1), '徽标图片有 256 KB，超过 256 KB 的上限，请缩小后再传'],
  ])('refuses %s', async (_, bytes, error) => {
    expect(await cleanEmblem(bytes)).toMatchObject({ ok: false, field: 'emblem', error });
  });

  it('takes 1024×1024 and exactly the byte limit is judged on its content', async () => {
    expect((await cleanEmblem(await realPng(1024, 1024))).ok).toBe(true);
    const atLimit = new Uint8Array(MAX_EMBLEM_BYTES); // zeros: within size, not an image
    expect(await cleanEmblem(atLimit)).toMatchObject({ ok: false, error: '徽标只能是 PNG 或 JPEG 图片' });
  });
});
