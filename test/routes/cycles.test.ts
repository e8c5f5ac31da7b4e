import { describe, expect, it } from 'vitest';
import { auditLog, cycle, phaseTransition } from '../../db/schema';
import { get, post } from '../helpers/app';
import { basicsCase, cycleCase } from '../helpers/collectionCases';

describe('yearly cycle', () => {
  it('a clerk creates the cycle for own jurisdiction and year', async () => {
    const t = await basicsCase();
    const clerk = await t.as('qs.clerk');
    const res = await post(t.app, '/j/QS/cycles', { year: '2027' }, clerk);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/j/QS/cycles/2027');
    const page = await (await get(t.app, '/j/QS/cycles/2027', clerk)).text();
    expect(page).toContain('项目征集');
    expect(page).toContain('青石镇 陈敏');
    expect(t.db.select().from(auditLog).all().some((r) => r.action === 'cycle.create')).toBe(true);
  });

  it('one per jurisdiction-year: a second gets a message beside the field', async () => {
    const t = await cycleCase();
    const res = await post(t.app, '/j/QS/cycles', { year: '2027' }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('2027年度的票决工作已经创建');
    expect(html).toContain('value="2027"');
    expect(t.db.select().from(cycle).all()).toHaveLength(1);
  });

  it.each([['', '请填写年度'], ['abc', '年度须为数字'], ['1999', '2000–2100'], ['2026.5', '整数']])('year %j is refused: %s', async (year, msg) => {
    const t = await basicsCase();
    const res = await post(t.app, '/j/QS/cycles', { year }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(msg);
  });

  it('advances one phase with an optional note; cannot skip; going back needs a note', async () => {
    const t = await cycleCase();
    const clerk = await t.as('qs.clerk');
    expect((await post(t.app, '/j/QS/cycles/2027/transition', { to: 'screening', note: '' }, clerk)).status).toBe(303);
    const skip = await post(t.app, '/j/QS/cycles/2027/transition', { to: 'voting', note: '' }, clerk);
    expect(skip.status).toBe(422);
    expect(await skip.text()).toContain('不能跳过阶段');
    const back = await post(t.app, '/j/QS/cycles/2027/transition', { to: 'collection', note: '' }, clerk);
    expect(back.status).toBe(422);
    expect(await back.text()).toContain('退回到之前的阶段必须填写原因');
    expect((await post(t.app, '/j/QS/cycles/2027/transition', { to: 'collection', note: '延长征集期' }, clerk)).status).toBe(303);
    const page = await (await get(t.app, '/j/QS/cycles/2027', clerk)).text();
    expect(page).toContain('延长征集期');
    const rows = t.db.select().from(phaseTransition).all();
    expect(rows.map((r) => r.toPhase)).toEqual(['collection', 'screening', 'collection']);
    const audits = t.db.select().from(auditLog).all().filter((r) => r.action === 'cycle.transition');
    expect(JSON.parse(audits.at(-1)!.before!)).toEqual({ phase: 'screening' });
  });

  it('an unknown phase is a field error, not a crash', async () => {
    const t = await cycleCase();
    const res = await post(t.app, '/j/QS/cycles/2027/transition', { to: 'party', note: '' }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请选择要变更到的阶段');
  });

  it('a clerk of another township gets 403 on the cycle and its actions', async () => {
    const t = await cycleCase();
    const lx = await t.as('lx.clerk');
    expect((await get(t.app, '/j/QS/cycles/2027', lx)).status).toBe(403);
    expect((await get(t.app, '/j/QS', lx)).status).toBe(403);
    expect((await post(t.app, '/j/QS/cycles/2027/transition', { to: 'screening', note: '' }, lx)).status).toBe(403);
    expect((await post(t.app, '/j/QS/cycles', { year: '2028' }, lx)).status).toBe(403);
    expect((await post(t.app, '/j/QS/cycles', { year: '' }, await t.as('dc.clerk'))).status).toBe(403); // even with a bad form
    expect(t.db.select().from(cycle).all()).toHaveLength(1);
  });

  it('representatives and units read their own cycle but cannot change it; the admin reads all', async () => {
    const t = await cycleCase();
    const page = await get(t.app, '/j/QS/cycles/2027', await t.as('qs.rep'));
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('确认变更');
    expect((await post(t.app, '/j/QS/cycles/2027/transition', { to: 'screening', note: '' }, await t.as('qs.rep'))).status).toBe(403);
    expect((await get(t.app, '/j/QS/cycles/2027', await t.as('qs.unit'))).status).toBe(200);
    expect((await get(t.app, '/j/QS/cycles/2027', await t.as('admin'))).status).toBe(200);
    expect((await post(t.app, '/j/QS/cycles/2027/transition', { to: 'screening', note: '' }, await t.as('admin'))).status).toBe(403);
  });

  it('anonymous visitors are sent to log in; missing things are 404', async () => {
    const t = await cycleCase();
    const res = await get(t.app, '/j/QS/cycles/2027');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fj%2FQS%2Fcycles%2F2027');
    expect((await get(t.app, '/j/QS/cycles/2031', await t.as('qs.clerk'))).status).toBe(404);
    const nf = await get(t.app, '/j/NOPE', await t.as('qs.clerk'));
    expect(nf.status).toBe(404);
    expect(await nf.text()).toContain('页面不存在');
  });
});
