import { describe, expect, it } from 'vitest';
import { cleanEmblem, MAX_EMBLEM_BYTES } from '../../src/domain/emblem';
import { PNG } from '../helpers/deliveryFixture';
import { GIF, JPEG_WITH_EXIF, PNG_WITH_TEXT, pngOfSize } from '../helpers/emblemFiles';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('a town emblem is a small PNG or JPEG with its metadata taken out', () => {
  it('keeps a PNG picture and drops its text chunk', () => {
    const r = cleanEmblem(PNG_WITH_TEXT);
    expect(r.ok && r.value).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
    if (!r.ok) return;
    expect(Buffer.from(r.value.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(text(r.value.bytes)).not.toContain('Author');
  });

  it('keeps a JPEG frame and scan, drops EXIF and comments', () => {
    const r = cleanEmblem(JPEG_WITH_EXIF);
    expect(r.ok && r.value).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    if (!r.ok) return;
    expect(text(r.value.bytes)).toContain('JFIF');
    expect(text(r.value.bytes)).not.toContain('GPS');
    expect(text(r.value.bytes)).not.toContain('camera');
    expect(r.value.bytes.length).toBeLessThan(JPEG_WITH_EXIF.length);
  });

  it.each<[string, Uint8Array, string]>([
    ['a GIF', GIF, '徽标只能是 PNG 或 JPEG 图片'],
    ['text named .png', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), '徽标只能是 PNG 或 JPEG 图片'],
    ['an empty file', new Uint8Array(0), '请选择徽标图片'],
    ['a truncated PNG', PNG.subarray(0, 40), '图片文件已损坏，无法读取'],
    ['1025 px wide', pngOfSize(1025, 10), '徽标图片为 1025×10 像素，长宽都不能超过 1024 像素'],
    ['one byte over the limit', new Uint8Array(MAX_EMBLEM_BYTES + 1), '徽标图片有 256 KB，超过 256 KB 的上限，请缩小后再传'],
  ])('refuses %s', (_, bytes, error) => {
    expect(cleanEmblem(bytes)).toMatchObject({ ok: false, field: 'emblem', error });
  });

  it('takes 1024×1024 and exactly the byte limit is judged on its content', () => {
    expect(cleanEmblem(pngOfSize(1024, 1024)).ok).toBe(true);
    const atLimit = new Uint8Array(MAX_EMBLEM_BYTES); // zeros: within size, not an image
    expect(cleanEmblem(atLimit)).toMatchObject({ ok: false, error: '徽标只能是 PNG 或 JPEG 图片' });
  });
});
