import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, proposal, proposalEvent } from '../../db/schema';
import { get, post, testApp } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { NOW, proposalForm, seedCollection, setPhase } from '../helpers/proposals';

const proposals = (t: ReturnType<typeof testApp>) => t.db.select().from(proposal).all();

describe('the public proposal form', () => {
  it('shows the form with the window, every field labelled, and a hidden honeypot (no inline style)', async () => {
    const t = await collectionCase();
    const res = await get(t.app, '/p/QS/propose');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2027 年度民生实事项目征集正在进行：2027年3月1日至2027年3月31日（含当天）');
    for (const label of ['项目名称', '所在村/社区', '项目类别', '项目内容', '受益对象', '估算投资（元）', '政府财政资金占比（%）', '预计工期（月）', '是否跨年度', '提议人姓名', '联系电话', '提议人身份']) {
      expect(html).toContain(`>${label}<`);
    }
    for (const cat of ['教育', '医疗卫生', '养老服务', '道路交通', '供水', '生态环境', '文化体育', '公共安全', '其他']) expect(html).toContain(`>${cat}</option>`);
    expect(html).toContain('<option value="all">全镇</option>');
    expect(html).toContain('>青石村</option>');
    expect(html).toMatch(/<div class="hp" aria-hidden="true">/);
    expect(html).not.toContain('style=');
    expect(html).not.toContain('>人大代表</option>'); // representatives are attributed through their login
  });

  it('a valid submission gets the next receipt and goes to the receipt page', async () => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose', proposalForm({ estimatedCost: '15万', proposerPhone: '139 1234 5678' }));
    expect(res.status).toBe(303);
    const row = proposals(t)[0]!;
    expect(row.receipt).toMatch(/^2027-QS-0001-[2-9A-HJKMNP-TV-Z]{4}$/); // the sequence, then the random part
    expect(res.headers.get('location')).toBe(`/receipt/${row.receipt}`);
    expect(row).toMatchObject({ seq: 1, estimatedCost: 150000, proposerPhone: '13912345678', source: 'public', entryChannel: 'online', submittedBy: null, status: 'submitted', placeId: null });
    const events = t.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, row.id)).all();
    expect(events.map((e) => e.kind)).toEqual(['submitted']);
    const audit = t.db.select().from(auditLog).all().filter((a) => a.action === 'proposal.submit');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe('公众');
    expect(audit[0]!.after).not.toContain('13912345678');

    const receipt = await (await get(t.app, `/receipt/${row.receipt}`)).text();
    expect(receipt).toContain(row.receipt);
    expect(receipt).toContain(`http://localhost/track/${row.receipt}`);
    expect(receipt).toContain('<svg');
    expect(receipt).toContain('张**');
    expect(receipt).not.toContain('张三丰');
    expect(receipt).not.toContain('13912345678');
  });

  it('bad input comes back 422, filled in, with a Chinese message beside each field', async () => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose', proposalForm({
      title: '', estimatedCost: '-5000', fiscalSharePct: '150', proposerPhone: '12345', description: '村口路灯坏了😀，晚上看不见', category: '',
    }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请填写项目名称');
    expect(html).toContain('估算投资不能为负数');
    expect(html).toContain('财政资金占比须在 0–100 之间');
    expect(html).toContain('请填写正确的手机号');
    expect(html).toContain('请选择项目类别');
    expect(html).toContain('村口路灯坏了😀，晚上看不见</textarea>');
    expect(html).toContain('value="-5000"');
    expect(html).toContain('value="12345"');
    expect(html).toMatch(/id="f-title"[^>]*aria-invalid="true"/);
    expect(proposals(t)).toHaveLength(0);
  });

  it.each([
    ['huge', { estimatedCost: '99999999999' }, '不能超过 10 亿元'],
    ['not a number', { estimatedCost: '很多钱' }, '请填写数字金额'],
    ['zero', { estimatedCost: '0' }, '须大于 0 元'],
    ['very long description', { description: '长'.repeat(2001) }, '不能超过 2000 个字（现有 2001 个字）'],
    ['very long name', { proposerName: '名'.repeat(31) }, '不能超过 30 个字'],
    ['a forged village of another township', { place: 'LX01' }, '请选择村/社区'],
    ['a forged source', { source: 'representative' }, '请选择提议人身份'],
    ['half a map point', { lat: '29.56' }, '纬度和经度须同时填写'],
  ])('%s is refused', async (_n, over, message) => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose', proposalForm(over));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
  });

  it('a village of another township or a station elsewhere is refused beside the field', async () => {
    const t = await collectionCase();
    const { f } = t;
    let res = await post(t.app, '/p/QS/propose', proposalForm({ place: String(f.lxVillage.id) }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请从列表中选择本辖区的村/社区');
    res = await post(t.app, '/p/QS/propose', proposalForm({ station: 'lx-home' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('该站点不属于本辖区');
    expect(proposals(t)).toHaveLength(0);
  });

  it('emoji and long text within the limits are kept as typed', async () => {
    const t = await collectionCase();
    const { f } = t;
    const title = '🚰饮水'.repeat(20); // 60 characters
    const res = await post(t.app, '/p/QS/propose', proposalForm({ title, description: '👵'.repeat(2000), place: String(f.village.id) }));
    expect(res.status).toBe(303);
    const row = proposals(t).at(-1)!;
    expect(row.title).toBe(title);
    expect([...row.description]).toHaveLength(2000);
    const page = await (await get(t.app, `/track/${row.receipt}`)).text();
    expect(page).toContain(title);
  });

  it('the honeypot refuses the submission without storing it', async () => {
    const t = await collectionCase();
    const before = proposals(t).length;
    const res = await post(t.app, '/p/QS/propose', proposalForm({ website: 'http://spam.example' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('提交未被接受');
    expect(html).toContain('value="青石村饮水管网改造"');
    expect(html).not.toContain('spam.example');
    expect(proposals(t)).toHaveLength(before);
  });

  it('a station link opens the station page, whose proposal link fills in the station and its village; its QR code points at the short link', async () => {
    const t = await collectionCase();
    const { f } = t;
    const go = await get(t.app, '/s/QS01-LX');
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toBe('/p/QS/stations/qs01-lx');
    expect(await (await get(t.app, '/p/QS/stations/qs01-lx')).text()).toContain('href="/p/QS/propose?station=qs01-lx"');
    const html = await (await get(t.app, '/p/QS/propose?station=qs01-lx')).text();
    expect(html).toContain('<option value="qs01-lx" selected="">青石村人大代表联络站</option>');
    expect(html).toContain(`<option value="${f.village.id}" selected="">青石村</option>`);
    const qr = await get(t.app, '/s/qs01-lx/qr.svg');
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toBe(await QRCode.toString('http://localhost/s/qs01-lx', { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
    expect((await get(t.app, '/s/nope')).status).toBe(404);
    expect((await get(t.app, '/s/nope/qr.svg')).status).toBe(404);
  });

  it('a submission through a station records it', async () => {
    const t = await collectionCase();
    const { f } = t;
    const res = await post(t.app, '/p/QS/propose', proposalForm({ station: 'qs01-lx', place: String(f.village.id) }));
    expect(res.status).toBe(303);
    const row = proposals(t).at(-1)!;
    expect(row.stationId).toBe(f.stations.qs01.id);
    expect(await (await get(t.app, `/track/${row.receipt}`)).text()).toContain('经青石村人大代表联络站');
  });

  it('only towns have a form; unknown codes are 404', async () => {
    const t = await collectionCase();
    expect((await get(t.app, '/p/QS01/propose')).status).toBe(404);
    expect((await get(t.app, '/p/YC/propose')).status).toBe(404);
    expect((await get(t.app, '/p/NOPE/propose')).status).toBe(404);
  });
});

describe('outside the collection window', () => {
  it.each([
    ['before it opens', '2027-02-28T15:59:00Z', '将于2027年3月1日开始，2027年3月31日截止'],
    ['after it closed (00:30 on 1 April in China)', '2027-03-31T16:30:00Z', '已于2027年3月31日截止'],
  ])('%s the page says so, has no form, and a POST stores nothing', async (_n, iso, message) => {
    const t = testApp(undefined, { now: () => new Date(iso) });
    await seedCollection(t.db);
    const res = await get(t.app, '/p/QS/propose');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).not.toContain('action="/p/QS/propose"');
    const sent = await post(t.app, '/p/QS/propose', proposalForm({ description: '村口的路灯坏了三年\r\n晚上看不见路' }));
    expect(sent.status).toBe(422);
    const refusal = await sent.text();
    expect(refusal).toContain('现在不在项目征集时间内');
    expect(refusal).toContain(message); // when it opens, or that it closed
    // What the resident wrote is kept on the page to copy, not thrown away.
    expect(refusal).toContain('您填写的内容（未提交，已保留在这里）');
    expect(refusal).toContain('>青石村饮水管网改造</textarea>');
    expect(refusal).toContain('村口的路灯坏了三年');
    expect(proposals(t)).toHaveLength(0);
  });

  it('open on the last day until midnight China time (23:30 UTC the day before is already the next day)', async () => {
    const last = testApp(undefined, { now: () => new Date('2027-03-31T15:30:00Z') });
    await seedCollection(last.db);
    expect((await post(last.app, '/p/QS/propose', proposalForm())).status).toBe(303);
    const first = testApp(undefined, { now: () => new Date('2027-02-28T23:30:00Z') });
    await seedCollection(first.db);
    expect((await post(first.app, '/p/QS/propose', proposalForm())).status).toBe(303);
  });

  it('no cycle, or a cycle past collection', async () => {
    const t = testApp(undefined, { now: () => NOW });
    const f = await seedCollection(t.db);
    expect(await (await get(t.app, '/p/LX/propose')).text()).toContain('本年度民生实事项目征集尚未开始');
    setPhase(t.db, f.cycle().id, 'screening');
    expect(await (await get(t.app, '/p/QS/propose')).text()).toContain('目前处于“资格审查”阶段');
    expect((await post(t.app, '/p/QS/propose', proposalForm())).status).toBe(422);
  });
});

describe('rate limit', () => {
  it('the 11th submission from one IP within an hour gets the Chinese 429 page; an hour later it works again', async () => {
    let now = NOW;
    const t = testApp(undefined, { now: () => now });
    await seedCollection(t.db);
    for (let i = 0; i < 10; i++) expect((await post(t.app, '/p/QS/propose', proposalForm({ title: `提议${i}号` }))).status).toBe(303);
    const res = await post(t.app, '/p/QS/propose', proposalForm({ title: '第十一条不能丢', description: '这是我打了很久的一段话' }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toContain('提交过于频繁');
    expect(html).toContain('每小时最多提交 10 条');
    // The form comes back filled in, and says when to send it again (NOW is 10:00 in China; all ten sent then).
    expect(html).toContain('请在 60 分钟后（11:00 以后）再点“提交建议”');
    expect(html).toContain('value="第十一条不能丢"');
    expect(html).toContain('>这是我打了很久的一段话</textarea>');
    expect(html).toContain('action="/p/QS/propose"');
    expect(proposals(t)).toHaveLength(10);
    now = new Date(NOW.getTime() + 60 * 60 * 1000 + 1000);
    expect((await post(t.app, '/p/QS/propose', proposalForm())).status).toBe(303);
  });

  it('honeypot trips count too', async () => {
    const t = testApp(undefined, { now: () => NOW });
    await seedCollection(t.db);
    for (let i = 0; i < 10; i++) await post(t.app, '/p/QS/propose', proposalForm({ website: 'x' }));
    expect((await post(t.app, '/p/QS/propose', proposalForm())).status).toBe(429);
  });
});

describe('texts longer than their field allows', () => {
  it('the form counts characters instead of cutting them: no maxlength, a visible counter', async () => {
    const t = await collectionCase();
    const html = await (await get(t.app, '/p/QS/propose')).text();
    expect(html).not.toMatch(/\smaxlength=/);
    expect(html).toContain('data-counter-for="f-title" data-max="60">0 / 60 字</p>');
    expect(html).toContain('data-counter-for="f-description" data-max="2000">0 / 2000 字</p>');
    expect(html).toMatch(/id="f-title"[^>]*aria-describedby="f-title-hint f-title-count"/);
  });

  it('a 61-character title is refused beside the field with all 61 characters kept and the counter red', async () => {
    const t = testApp(undefined, { now: () => NOW });
    await seedCollection(t.db);
    const title = '道'.repeat(61);
    const res = await post(t.app, '/p/QS/propose', proposalForm({ title }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`value="${title}"`);
    expect(html).toContain('不能超过 60 个字（现有 61 个字）');
    expect(html).toContain('class="counter over"');
    expect(html).toContain('61 / 60 字，超出 1 字');
    expect(proposals(t)).toHaveLength(0);
  });
});

describe('size limits', () => {
  it('a huge body is refused with the Chinese 413 page before it is parsed', async () => {
    const t = testApp(undefined, { now: () => NOW });
    await seedCollection(t.db);
    const res = await post(t.app, '/p/QS/propose', proposalForm({ description: '长'.repeat(100_000) }));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('内容过大');
    expect(proposals(t)).toHaveLength(0);
  });
});
