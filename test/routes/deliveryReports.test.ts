import { readdirSync, rmSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, progressPhoto, progressReport, project } from '../../db/schema';
import { MAX_PHOTO_BYTES } from '../../src/domain/photos';
import { get, ORIGIN, post } from '../helpers/app';
import { deliveryCase, springReports, uploadsFolder, type DeliveryCase } from '../helpers/deliveryCases';
import { PNG } from '../helpers/deliveryFixture';

function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  for (const f of files) fd.append('photos', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'image/png' }));
  return fd;
}

const good = { pct: '12', spent: '80000', m0_state: 'onTrack', m1_state: 'onTrack', m2_state: 'onTrack', problems: '雨天较多', helpNeeded: '请协调征地', backwardsReason: '' };

const filed = (res: Response) => {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(/\/projects\/\d+#reports$/);
};

describe('monthly progress reports', () => {
  const folders: ReturnType<typeof uploadsFolder>[] = [];
  afterEach(() => { for (const f of folders.splice(0)) f.remove(); });

  /** A case of its own (database, uploads folder, clock: 5 May 2026 unless given), with the unit's helpers. */
  async function reportCase(today = '2026-05-05', arrange?: (c: DeliveryCase) => void) {
    const uploads = uploadsFolder();
    folders.push(uploads);
    const c = await deliveryCase({ today, uploadsDir: uploads.dir });
    arrange?.(c);
    const cookies: Record<string, string> = {};
    for (const u of ['qs.unit', 'qs.clerk', 'lx.clerk']) cookies[u] = await c.as(u);
    return {
      ...c, uploads, cookies,
      roadReport: (m: string) => `/j/QS/cycles/2026/projects/${c.fx.road}/reports/${m}`,
      send: (path: string, fd: FormData, cookie: string) => c.app.request(path, { method: 'POST', body: fd, headers: { Origin: ORIGIN, Cookie: cookie } }),
    };
  }

  it('the unit files March with a photo; the project starts and the audit log has it', async () => {
    const c = await reportCase();
    // the typed name carries a path, CR/LF and NUL: it is stored clean, with the sniffed type's extension
    filed(await c.send(c.roadReport('2026-03'), multipart(good, [{ name: '..\\..\\现\u0000场\r\n.html', bytes: PNG }]), c.cookies['qs.unit']!));
    const r = c.db.select().from(progressReport).all();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ month: '2026-03', pct: 12, spent: 80000, problems: '雨天较多', helpNeeded: '请协调征地' });
    const photos = c.db.select().from(progressPhoto).all();
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mime: 'image/png', size: PNG.byteLength, originalName: '现场.png' });
    // The original and its two derivatives (thumbnail, display size).
    expect(readdirSync(join(c.uploads.dir, 'photos', String(c.fx.road)))).toHaveLength(3);
    expect(c.db.select().from(project).where(eq(project.id, c.fx.road)).get()!.status).toBe('inProgress');
    expect(c.db.select().from(auditLog).all().some((a) => a.action === 'progress.file')).toBe(true);
    const img = await get(c.app, `/p/QS/2026/projects/photos/${photos[0]!.id}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    const original = await get(c.app, `/j/QS/cycles/2026/photos/${photos[0]!.id}/original`, c.cookies['qs.clerk']);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(PNG);
  });

  it('a phone photo is resized and stripped of its EXIF (GPS) for the public; the original is for staff only', async () => {
    const c = await reportCase();
    const phone = new Uint8Array(await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a7' } }).jpeg()
      .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 5/1' } })
      .toBuffer());
    expect((await sharp(phone).metadata()).exif).toBeDefined();
    filed(await c.send(c.roadReport('2026-03'), multipart(good, [{ name: 'IMG_0001.jpg', bytes: phone, type: 'image/jpeg' }]), c.cookies['qs.unit']!));
    const photo = c.db.select().from(progressPhoto).get()!;
    const base = `/p/QS/2026/projects/photos/${photo.id}`;
    for (const [path, edge] of [[base, 1280], [`${base}/thumb`, 320]] as const) {
      const res = await get(c.app, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(edge);
      expect(meta.exif).toBeUndefined();
      expect(bytes.toString('latin1')).not.toContain('PhoneMaker');
    }
    // The page shows the thumbnail, linking to the display size; the staff page also offers the original.
    const page = await (await get(c.app, `/p/QS/2026/projects/${c.fx.road}`)).text();
    expect(page).toContain(`src="${base}/thumb"`);
    expect(page).not.toContain('/original');
    const staffPage = await (await get(c.app, c.roadReport('2026-03'), c.cookies['qs.clerk'])).text();
    expect(staffPage).toContain(`/j/QS/cycles/2026/photos/${photo.id}/original`);
    expect((await get(c.app, `/j/QS/cycles/2026/photos/${photo.id}/original`)).status).toBe(303); // to the login page
    expect((await get(c.app, `/j/QS/cycles/2026/photos/${photo.id}/original`, c.cookies['lx.clerk'])).status).toBe(403);
    const original = await get(c.app, `/j/QS/cycles/2026/photos/${photo.id}/original`, c.cookies['qs.clerk']);
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(phone);
  });

  it('a photo stored before derivatives existed still displays: its sizes are made on first request', async () => {
    const c = await reportCase();
    filed(await c.send(c.roadReport('2026-03'), multipart(good, [{ name: '现场.png', bytes: PNG }]), c.cookies['qs.unit']!));
    const photo = c.db.select().from(progressPhoto).get()!;
    const folder = join(c.uploads.dir, 'photos', String(c.fx.road));
    for (const f of readdirSync(folder)) if (/\.(thumb|display)\.jpg$/.test(f)) rmSync(join(folder, f));
    expect(readdirSync(folder)).toHaveLength(1);
    const res = await get(c.app, `/p/QS/2026/projects/photos/${photo.id}/thumb`);
    expect(res.status).toBe(200);
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('jpeg');
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('a file with photo magic bytes that no decoder can read is refused beside the field', async () => {
    const c = await reportCase();
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(200).fill(7)]);
    const res = await c.send(c.roadReport('2026-03'), multipart({ ...good, problems: '保留这段' }, [{ name: '坏.jpg', bytes: broken, type: 'image/jpeg' }]), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('照片“坏.jpg”已损坏或无法读取');
    expect(html).toContain('保留这段');
    expect(c.db.select().from(progressPhoto).all()).toHaveLength(0);
  });

  it('negative spend is refused beside the field, everything typed kept', async () => {
    const c = await reportCase('2026-05-05', (x) => springReports(x, 'march'));
    const res = await c.send(c.roadReport('2026-04'), multipart({ ...good, pct: '25', spent: '-5', problems: '材料涨价' }), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('累计支出不能为负数');
    expect(html).toContain('value="25"');
    expect(html).toContain('材料涨价');
    expect(html).toContain('请协调征地');
    expect(c.db.select().from(progressReport).all()).toHaveLength(1);
  });

  it('% going backwards needs a reason; with one it is accepted', async () => {
    const c = await reportCase('2026-05-05', (x) => springReports(x, 'march')); // March: 12%
    const back = await c.send(c.roadReport('2026-04'), multipart({ ...good, pct: '10', problems: '返工' }), c.cookies['qs.unit']!);
    expect(back.status).toBe(422);
    const html = await back.text();
    expect(html).toContain('累计完成比例 10% 低于之前报送的 12%，请说明原因');
    expect(html).toContain('返工');
    filed(await c.send(c.roadReport('2026-04'), multipart({ ...good, pct: '10', backwardsReason: '三月误将材料进场计入完成量' }), c.cookies['qs.unit']!));
    expect(c.db.select().from(progressReport).where(eq(progressReport.month, '2026-04')).get()!.backwardsReason).toBe('三月误将材料进场计入完成量');
  });

  it('an oversized photo is refused with a clear message, nothing stored, the rest kept', async () => {
    const c = await reportCase();
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(PNG);
    const before = c.uploads.files(c.fx.road);
    const res = await c.send(c.roadReport('2026-05'), multipart({ ...good, pct: '30', spent: '200000', problems: '进度正常' }, [{ name: '大图.png', bytes: big }]), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('照片“大图.png”有 5.0 MB，超过每张 5.0 MB 的上限');
    expect(html).toContain('其他填写的内容已保留');
    expect(html).toContain('value="30"');
    expect(html).toContain('value="200000"');
    expect(html).toContain('进度正常');
    expect(c.db.select().from(progressReport).where(eq(progressReport.month, '2026-05')).get()).toBeUndefined();
    expect(c.uploads.files(c.fx.road)).toBe(before);
  });

  it('a file that is not a photo is refused by its bytes, whatever its name says', async () => {
    const c = await reportCase('2026-05-05', (x) => springReports(x, 'march')); // one photo so far
    const pdf = new TextEncoder().encode('%PDF-1.7 not an image');
    const res = await c.send(c.roadReport('2026-05'), multipart({ ...good, pct: '30', spent: '200000' }, [{ name: 'photo.jpg', bytes: pdf, type: 'image/jpeg' }]), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('文件“photo.jpg”不是 JPEG、PNG 或 WebP 格式的照片');
    expect(html).toContain('value="30"');
    expect(c.db.select().from(progressPhoto).all()).toHaveLength(1);
    expect(c.uploads.files(c.fx.road)).toBe(0);
  });

  it('more than six photos are refused', async () => {
    const c = await reportCase();
    const seven = Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, bytes: PNG }));
    const res = await c.send(c.roadReport('2026-05'), multipart({ ...good, pct: '30' }, seven), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('每月进展最多 6 张照片');
  });

  it('a late milestone needs its new expected date', async () => {
    const c = await reportCase();
    const res = await c.send(c.roadReport('2026-05'), multipart({ ...good, pct: '30', m0_state: 'late', m0_expected: '' }), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('节点滞后时请填写预计完成日期');
    filed(await c.send(c.roadReport('2026-05'), multipart({ ...good, pct: '30', m0_state: 'late', m0_expected: '2026-06-15' }), c.cookies['qs.unit']!));
    const r = c.db.select().from(progressReport).where(eq(progressReport.month, '2026-05')).get()!;
    expect(JSON.parse(r.milestones)[0]).toEqual({ title: '完成设计和招标', dueDate: '2026-04-30', state: 'late', expectedDate: '2026-06-15' });
  });

  it.each([['2026-06', '还没有到'], ['2026-02', '不在本项目本年度的实施期内']])('month %s is refused: %s', async (m, msg) => {
    const c = await reportCase();
    const res = await c.send(c.roadReport(m), multipart(good), c.cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(msg);
  });

  it('only the named unit files; others get 403, another township 403, a bad month 404', async () => {
    const c = await reportCase();
    expect((await c.send(c.roadReport('2026-05'), multipart(good), c.cookies['qs.clerk']!)).status).toBe(403);
    expect((await c.send(c.roadReport('2026-05'), multipart(good), c.cookies['lx.clerk']!)).status).toBe(403);
    expect((await get(c.app, c.roadReport('2026-05'), c.cookies['lx.clerk'])).status).toBe(403);
    expect((await get(c.app, `/j/QS/cycles/2026/projects/${c.fx.road}`, c.cookies['lx.clerk'])).status).toBe(403);
    expect((await get(c.app, c.roadReport('2026-13'), c.cookies['qs.unit'])).status).toBe(404);
    expect((await get(c.app, `/j/LX/cycles/2026/projects/${c.fx.road}`, c.cookies['lx.clerk'])).status).toBe(404);
  });

  it('any unit of the township may file for a project whose candidate named no login', async () => {
    const c = await reportCase('2026-08-03');
    const res = await c.send(`/j/QS/cycles/2026/projects/${c.fx.water}/reports/2026-07`, multipart({ pct: '5', spent: '0', m0_state: 'onTrack', m1_state: 'onTrack', m2_state: 'onTrack' }), c.cookies['qs.unit']!);
    filed(res);
  });

  it('the project page lists the months with their standing; the public page hides internal notes', async () => {
    const c = await reportCase('2026-06-20', (x) => springReports(x)); // March filed on 5 May, April and May on time
    const page = await (await get(c.app, `/j/QS/cycles/2026/projects/${c.fx.road}`, c.cookies['qs.clerk'])).text();
    expect(page).toContain('逾期补报'); // March, filed on 5 May
    expect(page).toContain('按时报送'); // April and May
    expect(page).toContain('请协调征地');
    const pub = await (await get(c.app, `/p/QS/2026/projects/${c.fx.road}`)).text();
    expect(pub).toContain('累计完成 30%');
    expect(pub).not.toContain('请协调征地');
    expect(pub).not.toContain('三月误将材料进场计入完成量');
    expect(pub).toContain('class="progress-bar"');
  });

  it('a plain urlencoded POST with no file still works (no JavaScript, no photo)', async () => {
    const c = await reportCase('2026-06-20', (x) => springReports(x));
    filed(await post(c.app, c.roadReport('2026-06'), { ...good, pct: '45', spent: '400000' }, c.cookies['qs.unit']));
    expect(c.db.select().from(progressReport).where(eq(progressReport.month, '2026-06')).get()!.pct).toBe(45);
  });
});
