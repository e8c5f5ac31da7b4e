import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cycle, jurisdictionEmblem, project, representative, station, user } from '../../db/schema';
import type { Phase } from '../../src/domain/vocabulary';
import { get, login, ORIGIN, post, seedBasics, testApp } from '../helpers/app';
import { addReport, PNG } from '../helpers/deliveryFixture';
import { GIF, PNG_WITH_TEXT } from '../helpers/emblemFiles';
import { publishedSession } from '../helpers/pollCases';
import { CANDIDATE_TITLES } from '../helpers/votingFixture';

async function town(phase?: Phase) {
  const t = testApp();
  const b = await seedBasics(t.db);
  if (phase) t.db.insert(cycle).values({ jurisdictionId: b.qs.id, year: 2027, phase, createdBy: b.users.qsClerk.id }).run();
  return { ...t, ...b };
}

/** The label of the step marked current, or null. */
const currentStepOf = (html: string) => html.match(/<li class="step current" aria-current="step"><strong>(.+?)<\/strong>/)?.[1] ?? null;

describe('the portal home: the year as a timeline', () => {
  it.each<[Phase, string | null]>([
    ['collection', '征集'], ['screening', '审查'], ['candidates', '审查'], ['voting', '票决'],
    ['delivery', '监督'], ['evaluation', '评议'], ['closed', null],
  ])('phase %s marks %s as the current step', async (phase, step) => {
    const t = await town(phase);
    const res = await get(t.app, '/p/QS');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2027 年度工作进程');
    expect(currentStepOf(html)).toBe(step);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('href="/p/QS/stations"');
    expect(html).toContain('名词解释');
  });

  it('offers the form only while the window is open', async () => {
    const t = await town('collection');
    const closed = await (await get(t.app, '/p/QS')).text();
    expect(closed).not.toContain('href="/p/QS/propose"');
    t.db.update(cycle).set({ collectionOpens: '2020-01-01', collectionCloses: '2099-12-31' }).run();
    const open = await (await get(t.app, '/p/QS')).text();
    expect(open).toContain('href="/p/QS/propose"');
  });

  it('a town without a year says so and still has its name and the station finder', async () => {
    const t = await town();
    const html = await (await get(t.app, '/p/QS')).text();
    expect(html).toContain('本辖区还没有年度工作');
    expect(html).toContain('class="town-name" href="/p/QS">青石镇</a>');
  });
});

describe('the portal home once results are published', () => {
  it('shows the adopted projects with their progress, not the phase and bare candidates', async () => {
    const t = await publishedSession();
    expect(t.f.db.select().from(cycle).where(eq(cycle.id, t.f.qsCycle.cycle.id)).get()!.phase).toBe('voting');
    const html = await (await get(t.f.app, '/p/QS')).text();
    expect(html).not.toContain('当前阶段');
    expect(html).toContain('表决结果：确定实施的项目');
    const results = html.slice(html.indexOf('表决结果：确定实施的项目'));
    expect(results).toContain(CANDIDATE_TITLES[0]);
    expect(results).toContain(CANDIDATE_TITLES[1]);
    expect(html).not.toContain(CANDIDATE_TITLES[2]); // not adopted, and the candidate list gives way to the result
    expect(html).not.toContain(CANDIDATE_TITLES[3]);
    expect(html).toMatch(/href="\/p\/QS\/2027\/projects\/\d+"/);
    expect(html).toContain('href="/p/QS/2027/results"');
    expect(currentStepOf(html)).toBe('监督');
    expect(new TextEncoder().encode(html).length).toBeLessThan(100_000);
  });

  it("shows each adopted project's latest month's report, and 0% before its first", async () => {
    const t = await publishedSession();
    const projects = t.f.db.select().from(project).where(eq(project.cycleId, t.f.qsCycle.cycle.id)).all();
    expect(projects.length).toBe(2);
    const filer = t.f.db.select().from(user).limit(1).get()!.id;
    addReport(t.f.db, projects[0]!.id, '2027-05', 40, 1000, filer, '2027-06-02T02:00:00Z');
    addReport(t.f.db, projects[0]!.id, '2027-04', 20, 500, filer, '2027-05-02T02:00:00Z');
    const results = (await (await get(t.f.app, '/p/QS')).text()).split('表决结果：确定实施的项目')[1]!;
    expect(results).toContain('完成 40%');
    expect(results).not.toContain('完成 20%');
    expect(results).toContain('完成 0%');
  });
});

describe('the station finder', () => {
  async function withStations() {
    const t = await town('collection');
    t.db.insert(station).values([
      { jurisdictionId: t.qs.id, kind: 'home', name: '青石镇人大代表之家', address: '青石镇人民路 8 号二楼', openingHours: '周一至周五 9:00–17:00', shortCode: 'qs-home' },
      { jurisdictionId: t.village.id, kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村民委员会', openingHours: '每月 15 日上午', shortCode: 'qs01-lx' },
      { jurisdictionId: t.village.id, kind: 'contact', name: '已撤销的联系点', address: '旧址', shortCode: 'qs01-old', active: false },
    ]).run();
    t.db.insert(representative).values([
      { jurisdictionId: t.qs.id, body: 'congress', name: '李强', community: '青石村', status: 'seated', phone: '13800001111' },
      { jurisdictionId: t.qs.id, body: 'congress', name: '离任的人', community: '青石村', status: 'retired' },
      { jurisdictionId: t.lx.id, body: 'congress', name: '别镇代表', community: '青石村', status: 'seated' },
    ]).run();
    return t;
  }

  it('lists by village the station, its address, hours, QR and seated representatives, without phones', async () => {
    const t = await withStations();
    const res = await get(t.app, '/p/QS/stations');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of ['青石镇代表之家和联络站', '青石镇人民路 8 号二楼', '周一至周五 9:00–17:00', '青石村人大代表联络站', '每月 15 日上午',
      'src="/s/qs01-lx/qr.svg"', 'href="/p/QS/stations/qs01-lx"', 'href="/p/QS/propose?station=qs01-lx"', '李强', '<label for="f-place">']) expect(html).toContain(s);
    for (const s of ['已撤销的联系点', '离任的人', '别镇代表', '13800001111']) expect(html).not.toContain(s);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(new TextEncoder().encode(html).length).toBeLessThan(100_000);
  });

  it('narrows to one village without JavaScript, refuses a bad choice, exists only for towns', async () => {
    const t = await withStations();
    const one = await (await get(t.app, `/p/QS/stations?place=${t.village.id}`)).text();
    expect(one).toContain(`<option value="${t.village.id}" selected="">青石村</option>`);
    expect(one).toContain('青石村人大代表联络站');
    expect((await get(t.app, '/p/QS/stations?place=abc')).status).toBe(400);
    expect((await get(t.app, '/p/QS01/stations')).status).toBe(404);
    expect((await get(t.app, '/p/NOPE/stations')).status).toBe(404);
  });

  it('the district admin records opening hours on the station form', async () => {
    const t = await town();
    const admin = await login(t.app, 'admin');
    const res = await post(t.app, `/admin/jurisdictions/${t.qs.id}/stations`,
      { stationKind: 'home', stationName: '青石镇人大代表之家', stationAddress: '人民路 8 号', stationHours: '  周一至周五 9:00–17:00 ', stationCode: 'qs-home' }, admin);
    expect(res.status).toBe(303);
    expect(t.db.select().from(station).get()).toMatchObject({ openingHours: '周一至周五 9:00–17:00', address: '人民路 8 号' });
    const s = t.db.select().from(station).get()!;
    const edit = await (await get(t.app, `/admin/jurisdictions/${t.qs.id}/stations/${s.id}`, admin)).text();
    expect(edit).toContain('value="周一至周五 9:00–17:00"');
    const long = await post(t.app, `/admin/jurisdictions/${t.qs.id}/stations/${s.id}`,
      { stationKind: 'home', stationName: '之家', stationAddress: '', stationHours: '时'.repeat(101), stationCode: 'qs-home', stationActive: '1' }, admin);
    expect(long.status).toBe(422);
  });
});

describe('the town emblem', () => {
  const upload = (t: Awaited<ReturnType<typeof town>>, jurisdictionId: number, bytes: Uint8Array, name: string, cookie: string) => {
    const fd = new FormData();
    fd.append('emblem', new File([bytes as BlobPart], name, { type: 'image/png' }));
    return t.app.request(`/admin/jurisdictions/${jurisdictionId}/emblem`, { method: 'POST', body: fd, headers: { Origin: ORIGIN, Cookie: cookie } });
  };

  it('the district admin uploads a PNG: stored without its text chunk, served, shown on the portal and the finder', async () => {
    const t = await town('collection');
    const before = await (await get(t.app, '/p/QS')).text();
    expect(before).toContain('<span class="emblem default" aria-hidden="true">青</span>');
    expect((await get(t.app, '/p/QS/emblem')).status).toBe(404);
    const admin = await login(t.app, 'admin');
    expect((await upload(t, t.qs.id, PNG_WITH_TEXT, 'logo.png', admin)).status).toBe(303);
    const row = t.db.select().from(jurisdictionEmblem).get()!;
    expect(row).toMatchObject({ jurisdictionId: t.qs.id, mime: 'image/png' });
    expect(await sharp(row.image).metadata()).toMatchObject({ format: 'png', width: 128, height: 128 });
    expect(Buffer.from(row.image).toString('latin1')).not.toContain('Author');
    const served = await get(t.app, '/p/QS/emblem');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(row.image))).toBe(true);
    for (const path of ['/p/QS', '/p/QS/stations']) {
      expect(await (await get(t.app, path)).text()).toContain(`src="/p/QS/emblem?v=${row.updatedAt.getTime()}"`);
    }
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'jurisdiction.emblem')).all()).toHaveLength(1);
    expect((await post(t.app, `/admin/jurisdictions/${t.qs.id}/emblem/remove`, {}, admin)).status).toBe(303);
    expect(t.db.select().from(jurisdictionEmblem).all()).toEqual([]);
  });

  it.each<[string, Uint8Array, number, string]>([
    ['a GIF', GIF, 422, '徽标只能是 PNG 或 JPEG 图片'],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 422, '徽标只能是 PNG 或 JPEG 图片'],
    ['300 KB', new Uint8Array(300 * 1024), 422, '徽标图片有 300 KB，超过 256 KB 的上限，请缩小后再传'],
    ['2 MB', new Uint8Array(2 * 1024 * 1024), 413, ''],
  ])('refuses %s beside the field and keeps the old emblem', async (_, bytes, status, error) => {
    const t = await town();
    const admin = await login(t.app, 'admin');
    const res = await upload(t, t.qs.id, bytes, 'logo.png', admin);
    expect(res.status).toBe(status);
    if (error) {
      const html = await res.text();
      expect(html).toContain(error);
      expect(html).toContain('id="f-emblem-error"');
    }
    expect(t.db.select().from(jurisdictionEmblem).all()).toEqual([]);
  });

  it('only the district admin, only for a town', async () => {
    const t = await town();
    expect((await upload(t, t.qs.id, PNG, 'logo.png', await login(t.app, 'qs.clerk'))).status).toBe(403);
    const admin = await login(t.app, 'admin');
    expect((await upload(t, t.village.id, PNG, 'logo.png', admin)).status).toBe(404);
    expect((await get(t.app, `/admin/jurisdictions/${t.qs.id}`, admin)).ok).toBe(true);
    expect(await (await get(t.app, `/admin/jurisdictions/${t.qs.id}`, admin)).text()).toContain('门户徽标');
  });
});
