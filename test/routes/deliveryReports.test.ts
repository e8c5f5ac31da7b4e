import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, progressPhoto, progressReport, project } from '../../db/schema';
import { createApp } from '../../src/app';
import { MAX_PHOTO_BYTES } from '../../src/domain/photos';
import { freshDb, get, login, ORIGIN, post } from '../helpers/app';
import { chinaMorning, deliveryFixture, PNG } from '../helpers/deliveryFixture';


function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  for (const f of files) fd.append('photos', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'image/png' }));
  return fd;
}

describe('monthly progress reports', () => {
  const db = freshDb();
  const uploads = mkdtempSync(join(tmpdir(), 'ms-up-'));
  let now = chinaMorning('2026-05-05');
  const app = createApp({ db, log: () => {}, now: () => now, uploadsDir: uploads });
  let fx: Awaited<ReturnType<typeof deliveryFixture>>;
  const cookies: Record<string, string> = {};
  const send = (path: string, fd: FormData, cookie: string) => app.request(path, { method: 'POST', body: fd, headers: { Origin: ORIGIN, Cookie: cookie } });
  const roadReport = (m: string) => `/j/QS/cycles/2026/projects/${fx.road}/reports/${m}`;
  const good = { pct: '12', spent: '80000', m0_state: 'onTrack', m1_state: 'onTrack', m2_state: 'onTrack', problems: '雨天较多', helpNeeded: '请协调征地', backwardsReason: '' };

  /** Moves the clock; sessions expire after 2 idle hours, so everyone logs in again. */
  async function at(date: string) {
    now = chinaMorning(date);
    for (const u of ['qs.unit', 'qs.clerk', 'lx.clerk', 'qs.sup', 'qs.rep']) cookies[u] = await login(app, u);
  }
  const filed = (res: Response) => {
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/projects\/\d+#reports$/);
  };

  beforeAll(async () => {
    fx = await deliveryFixture(db);
    await at('2026-05-05');
  });
  afterAll(() => rmSync(uploads, { recursive: true, force: true }));

  it('the unit files March with a photo; the project starts and the audit log has it', async () => {
    filed(await send(roadReport('2026-03'), multipart(good, [{ name: '现场.png', bytes: PNG }]), cookies['qs.unit']!));
    const r = db.select().from(progressReport).all();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ month: '2026-03', pct: 12, spent: 80000, problems: '雨天较多', helpNeeded: '请协调征地' });
    const photos = db.select().from(progressPhoto).all();
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mime: 'image/png', size: PNG.byteLength, originalName: '现场.png' });
    expect(readdirSync(join(uploads, 'photos', String(fx.road)))).toHaveLength(1);
    expect(db.select().from(project).where(eq(project.id, fx.road)).get()!.status).toBe('inProgress');
    expect(db.select().from(auditLog).all().some((a) => a.action === 'progress.file')).toBe(true);
    const img = await get(app, `/p/QS/2026/projects/photos/${photos[0]!.id}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(PNG);
  });

  it('negative spend is refused beside the field, everything typed kept', async () => {
    const res = await send(roadReport('2026-04'), multipart({ ...good, pct: '25', spent: '-5', problems: '材料涨价' }), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('累计支出不能为负数');
    expect(html).toContain('value="25"');
    expect(html).toContain('材料涨价');
    expect(html).toContain('请协调征地');
    expect(db.select().from(progressReport).all()).toHaveLength(1);
  });

  it('% going backwards needs a reason; with one it is accepted', async () => {
    const back = await send(roadReport('2026-04'), multipart({ ...good, pct: '10', problems: '返工' }), cookies['qs.unit']!);
    expect(back.status).toBe(422);
    const html = await back.text();
    expect(html).toContain('累计完成比例 10% 低于之前报送的 12%，请说明原因');
    expect(html).toContain('返工');
    filed(await send(roadReport('2026-04'), multipart({ ...good, pct: '10', backwardsReason: '三月误将材料进场计入完成量' }), cookies['qs.unit']!));
    expect(db.select().from(progressReport).where(eq(progressReport.month, '2026-04')).get()!.backwardsReason).toBe('三月误将材料进场计入完成量');
  });

  it('an oversized photo is refused with a clear message, nothing stored, the rest kept', async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(PNG);
    const before = readdirSync(join(uploads, 'photos', String(fx.road))).length;
    const res = await send(roadReport('2026-05'), multipart({ ...good, pct: '30', spent: '200000', problems: '进度正常' }, [{ name: '大图.png', bytes: big }]), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('照片“大图.png”有 5.0 MB，超过每张 5.0 MB 的上限');
    expect(html).toContain('其他填写的内容已保留');
    expect(html).toContain('value="30"');
    expect(html).toContain('value="200000"');
    expect(html).toContain('进度正常');
    expect(db.select().from(progressReport).where(eq(progressReport.month, '2026-05')).get()).toBeUndefined();
    expect(readdirSync(join(uploads, 'photos', String(fx.road))).length).toBe(before);
  });

  it('a file that is not a photo is refused by its bytes, whatever its name says', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 not an image');
    const res = await send(roadReport('2026-05'), multipart({ ...good, pct: '30', spent: '200000' }, [{ name: 'photo.jpg', bytes: pdf, type: 'image/jpeg' }]), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('文件“photo.jpg”不是 JPEG、PNG 或 WebP 格式的照片');
    expect(html).toContain('value="30"');
    expect(db.select().from(progressPhoto).all()).toHaveLength(1);
  });

  it('more than six photos are refused', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, bytes: PNG }));
    const res = await send(roadReport('2026-05'), multipart({ ...good, pct: '30' }, seven), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('每月进展最多 6 张照片');
  });

  it('a late milestone needs its new expected date', async () => {
    const res = await send(roadReport('2026-05'), multipart({ ...good, pct: '30', m0_state: 'late', m0_expected: '' }), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('节点滞后时请填写预计完成日期');
    filed(await send(roadReport('2026-05'), multipart({ ...good, pct: '30', m0_state: 'late', m0_expected: '2026-06-15' }), cookies['qs.unit']!));
    const r = db.select().from(progressReport).where(eq(progressReport.month, '2026-05')).get()!;
    expect(JSON.parse(r.milestones)[0]).toEqual({ title: '完成设计和招标', dueDate: '2026-04-30', state: 'late', expectedDate: '2026-06-15' });
  });

  it.each([['2026-06', '还没有到'], ['2026-02', '不在本项目本年度的实施期内']])('month %s is refused: %s', async (m, msg) => {
    const res = await send(roadReport(m), multipart(good), cookies['qs.unit']!);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(msg);
  });

  it('only the named unit files; others get 403, another township 403, a bad month 404', async () => {
    expect((await send(roadReport('2026-05'), multipart(good), cookies['qs.clerk']!)).status).toBe(403);
    expect((await send(roadReport('2026-05'), multipart(good), cookies['lx.clerk']!)).status).toBe(403);
    expect((await get(app, roadReport('2026-05'), cookies['lx.clerk'])).status).toBe(403);
    expect((await get(app, `/j/QS/cycles/2026/projects/${fx.road}`, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(app, roadReport('2026-13'), cookies['qs.unit'])).status).toBe(404);
    expect((await get(app, `/j/LX/cycles/2026/projects/${fx.road}`, cookies['lx.clerk'])).status).toBe(404);
  });

  it('any unit of the township may file for a project whose candidate named no login', async () => {
    await at('2026-08-03');
    const res = await send(`/j/QS/cycles/2026/projects/${fx.water}/reports/2026-07`, multipart({ pct: '5', spent: '0', m0_state: 'onTrack', m1_state: 'onTrack', m2_state: 'onTrack' }), cookies['qs.unit']!);
    filed(res);
  });

  it('the project page lists the months with their standing; the public page hides internal notes', async () => {
    await at('2026-06-20');
    const page = await (await get(app, `/j/QS/cycles/2026/projects/${fx.road}`, cookies['qs.clerk'])).text();
    expect(page).toContain('逾期补报'); // March, filed on 5 May
    expect(page).toContain('按时报送'); // April and May
    expect(page).toContain('请协调征地');
    const pub = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(pub).toContain('累计完成 30%');
    expect(pub).not.toContain('请协调征地');
    expect(pub).not.toContain('三月误将材料进场计入完成量');
    expect(pub).toContain('class="progress-bar"');
  });

  it('a plain urlencoded POST with no file still works (no JavaScript, no photo)', async () => {
    filed(await post(app, roadReport('2026-06'), { ...good, pct: '45', spent: '400000' }, cookies['qs.unit']));
    expect(db.select().from(progressReport).where(eq(progressReport.month, '2026-06')).get()!.pct).toBe(45);
  });
});
