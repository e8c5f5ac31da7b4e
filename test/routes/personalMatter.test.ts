import { describe, expect, it } from 'vitest';
import { proposal } from '../../db/schema';
import { get, post } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';

const form = (over: Record<string, string> = {}) => ({
  matter: 'land', description: '与邻居宅基地界址纠纷，多次协商未果', place: 'all', proposerName: '赵六', proposerPhone: '13900001111', year: '2027', website: '', ...over,
});

describe('the personal path of the public form (个人事项)', () => {
  it('the project form offers the personal path first; the personal form asks no cost, fiscal share or duration', async () => {
    const t = await collectionCase();
    const front = await (await get(t.app, '/p/QS/propose')).text();
    expect(front).toContain('这是一个民生项目建议');
    expect(front).toContain('href="/p/QS/propose/personal"');
    const res = await get(t.app, '/p/QS/propose/personal');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const label of ['属于哪一类', '具体情况', '所在村/社区', '您的姓名', '联系电话']) expect(html).toContain(`>${label}<`);
    for (const absent of ['估算投资', '财政资金占比', '预计工期']) expect(html).not.toContain(absent);
  });

  it('is stored redirected with no cost; receipt and tracking tell where to go; portal and export show it masked', async () => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose/personal', form({ matter: 'labour', description: '老板拖欠三个月工资' }));
    expect(res.status).toBe(303);
    const row = t.db.select().from(proposal).all()[0]!;
    expect(res.headers.get('location')).toBe(`/receipt/${row.receipt}`);
    expect(row).toMatchObject({ personalMatter: 'labour', status: 'redirected', estimatedCost: 0, fiscalSharePct: 0, durationMonths: 0, title: '个人事项（已引导至仲裁渠道）' });

    expect((await get(t.app, `/receipt/${row.receipt}`)).status).toBe(200);
    const track = await (await get(t.app, `/track/${row.receipt}`)).text();
    expect(track).toContain('劳动人事争议仲裁委员会');
    expect(track).toContain('不属于民生实事项目征集范围');

    const portal = await (await get(t.app, '/p/QS')).text();
    expect(portal).toContain('个人事项（已引导至仲裁渠道）');
    expect(portal).not.toContain('拖欠');
    expect(portal).not.toContain('赵*');

    const csv = await (await get(t.app, '/j/QS/cycles/2027/proposals/export.csv', await t.as('qs.clerk'))).text();
    expect(csv).toContain('个人事项（已引导至仲裁渠道）');
    expect(csv).not.toContain('拖欠');
    expect(csv).not.toContain('13900001111');
  });

  it('without the kind of matter or a phone it comes back 422 with the words kept', async () => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose/personal', form({ matter: '', proposerPhone: '' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请选择您反映的事项属于哪一类');
    expect(html).toContain('与邻居宅基地界址纠纷');
    expect(t.db.select().from(proposal).all()).toHaveLength(0);
  });
});
