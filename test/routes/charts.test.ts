import { describe, expect, it } from 'vitest';
import { get } from '../helpers/app';
import { deliveryCase, handCountedYear } from '../helpers/deliveryCases';
import { addReport } from '../helpers/deliveryFixture';
import { evaluationPublished, PROJECTS } from '../helpers/evaluationCases';
import { meetingCase, signedOffMeeting, deliberationCase, yearOfItems } from '../helpers/deliberationCases';

/** One chart's rows as the page prints them: label, value text, the numbers inside the bar, each segment's width in %. */
function chart(html: string, id: string) {
  const fig = html.match(new RegExp(`<figure class="chart" id="${id}">([\\s\\S]*?)</figure>`))?.[1];
  if (fig === undefined) throw new Error(`no chart ${id}`);
  const tableId = fig.match(/<a class="chart-table-link no-print" href="#([^"]+)">/)?.[1];
  const rows = [...fig.matchAll(/<li><span class="chart-label">(.*?)<\/span><span class="chart-value">(.*?)<\/span>([\s\S]*?)<\/li>/g)].map((m) => ({
    label: m[1]!, value: m[2]!,
    widths: [...m[3]!.matchAll(/<rect class="chart-seg [^"]*" x="[^"]*" y="0" width="([^"]*)%"/g)].map((w) => Number(w[1])),
    inner: [...m[3]!.matchAll(/<text class="chart-inner"[^>]*>(.*?)<\/text>/g)].map((t) => t[1]!),
    marker: m[3]!.match(/class="chart-marker" x="([^"]*)%"/)?.[1],
  }));
  return { tableId, rows };
}

/** The body rows of the table with this id, each cell's text. */
function table(html: string, id: string): string[][] {
  const t = html.match(new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`))?.[1];
  if (t === undefined) throw new Error(`no table ${id}`);
  const body = t.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

const num = (s: string) => Number(s.replace(/,/g, ''));
const wan = (yuan: number) => `${Math.round(yuan / 1000) / 10}`;

describe('charts print their numbers, and the table beside them holds the same numbers', () => {
  it('the cycle dashboard: each project\'s funds on its own budget, progress against plan, the evaluation as shares', async () => {
    const c = await deliveryCase({ today: '2026-08-15' });
    const { bridge } = handCountedYear(c);
    // 龙井村便民桥 over-spends: 700,000 of its 600,000 budget.
    addReport(c.db, bridge, '2026-07', 30, 700_000, c.fx.users.qsUnit.id, '2026-08-09T02:00:00Z');
    const html = await (await get(c.app, '/j/QS/cycles/2026/dashboard', await c.as('qs.clerk'))).text();

    const projects = table(html, 't-projects');
    expect(projects.map((r) => r[0])).toEqual(['青石村道路硬化', '杨柳村饮水管网改造', '龙井村便民桥', '新华村文化广场']);
    const funds = chart(html, 'c-funds');
    expect(funds.tableId).toBe('t-projects');
    expect(funds.rows.map((r) => r.label)).toEqual(projects.map((r) => r[0]));
    for (const [i, r] of projects.entries()) {
      const [budget, spent, pct] = [num(r[6]!), num(r[7]!), num(r[8]!)];
      expect(funds.rows[i]!.value).toContain(`${wan(spent)} / ${wan(budget)} 万元（${pct}%`);
    }
    // Per-project scale: 450,000 of 1,200,000 fills 37.5 % of the road's bar, whatever the largest budget is.
    expect(funds.rows[0]).toMatchObject({ value: '45 / 120 万元（38%）', widths: [37.5], inner: ['38%'] });
    expect(funds.rows[1]!.widths[0]).toBeCloseTo(100 * 50_000 / 2_400_000, 6);
    expect(funds.rows[1]!.inner).toEqual([]); // 2 % is too narrow to hold its number
    // Over-spent: the track is the spending, the budget a marker at 6/7 of it, the excess hatched past it.
    expect(funds.rows[2]!.value).toBe('70 / 60 万元（117%，超支 10 万元）');
    expect(funds.rows[2]!.widths.map((w) => Math.round(w * 100) / 100)).toEqual([85.71, 14.29]);
    expect(Number(funds.rows[2]!.marker)).toBeCloseTo(600 / 7, 6);
    expect(funds.rows[3]).toMatchObject({ value: '30 / 30 万元（100%）', widths: [100], marker: undefined });

    const progress = chart(html, 'c-progress');
    for (const [i, r] of projects.entries()) {
      expect(progress.rows[i]!.value).toBe(`实际 ${r[5]}% / 计划 ${r[4]}%`);
      expect(progress.rows[i]!.widths).toEqual(num(r[5]!) > 0 ? [num(r[5]!)] : []);
    }

    const satisfaction = table(html, 't-satisfaction');
    const ratings = chart(html, 'c-satisfaction');
    expect(ratings.tableId).toBe('t-satisfaction');
    for (const [i, r] of satisfaction.entries()) {
      expect(ratings.rows[i]!.label).toBe(r[0]);
      expect(ratings.rows[i]!.value).toBe(r[1] === '' ? '未评议' : `满意 ${r[1]} · 基本满意 ${r[2]} · 不满意 ${r[3]} · 满意率 ${r[4]!.replace('.0%', '%')}`);
    }
    // 新华村文化广场 30/6/24 of 60; 青石村道路硬化 10/5/15 of 30 — shares in whole percent adding up to 100.
    expect(ratings.rows[3]).toMatchObject({ inner: ['50%', '10%', '40%'], widths: [50, 10, 40] });
    expect(ratings.rows[0]!.inner).toEqual(['33%', '17%', '50%']);
    expect(ratings.rows[1]).toMatchObject({ value: '未评议', widths: [] });
  });

  it('the district dashboard: each town\'s funds on its own budget, its evaluation counts in the table', async () => {
    const c = await deliveryCase({ today: '2026-08-15' });
    handCountedYear(c);
    const html = await (await get(c.app, '/j/YC/delivery/2026', await c.as('admin'))).text();
    const towns = table(html, 't-towns');
    const qs = towns.find((r) => r[0] === '青石镇')!;
    expect(qs.slice(-3)).toEqual(['40', '11', '39']);
    const funds = chart(html, 'c-town-funds');
    expect(funds.rows).toEqual([expect.objectContaining({ label: '青石镇', value: '80 / 450 万元（18%）' })]);
    expect(funds.rows[0]!.widths[0]).toBeCloseTo(100 * 800_000 / 4_500_000, 6);
    const ratings = chart(html, 'c-town-satisfaction');
    expect(ratings.rows[0]).toMatchObject({ label: '青石镇', value: `满意 ${qs.at(-3)} · 基本满意 ${qs.at(-2)} · 不满意 ${qs.at(-1)} · 满意率 ${qs[13]!.replace('.0%', '%')}` });
    const colours = chart(html, 'c-town-colours');
    expect(colours.rows[0]!.inner).toEqual(qs.slice(2, 7).filter((n) => n !== '0'));
  });

  it('an evaluation\'s result: one stacked bar per project on its own number of ratings, equal to the table', async () => {
    const t = await evaluationPublished();
    const clerk = await t.f.login('qs.clerk');
    const page = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}`, clerk)).text();
    const bars = chart(page, 'c-result');
    const rows = table(page, 'c-result-table');
    expect(bars.rows.map((r) => r.label)).toEqual(PROJECTS);
    for (const [i, r] of rows.entries()) expect(bars.rows[i]!.value).toBe(`满意 ${r[1]} · 基本满意 ${r[2]} · 不满意 ${r[3]} · 满意率 ${r[6]}`);
    // 3/2/1 of 6, 2/2/1 of 5 (one unrated is not a rating), 1/1/4 of 6.
    expect(bars.rows.map((r) => r.inner)).toEqual([['50%', '33%', '17%'], ['40%', '40%', '20%'], ['17%', '17%', '66%']]);
    expect(bars.rows[1]!.widths).toEqual([40, 40, 20]);

    const cyclePage = await (await get(t.f.app, '/j/QS/cycles/2026/evaluation', clerk)).text();
    const mine = chart(cyclePage, 'c-evaluation');
    expect(mine.tableId).toBe('t-evaluation');
    for (const [i, r] of table(cyclePage, 't-evaluation').entries()) {
      expect(mine.rows[i]!.label).toBe(r[0]);
      expect(mine.rows[i]!.value).toBe(`满意 ${r[1]} · 基本满意 ${r[2]} · 不满意 ${r[3]} · 满意率 ${r[4]}`);
    }
  });

  it('deliberation statistics: where the items went, how suggestions were answered, the rating', async () => {
    const c = await deliberationCase();
    await yearOfItems(c);
    const html = await (await c.get('/j/DC/deliberation/stats?year=2026', 'dc.clerk')).text();
    const headline = new Map(table(html, 't-headline').map(([k, v]) => [k!, v!]));
    const items = chart(html, 'c-items');
    expect(items.tableId).toBe('t-headline');
    for (const r of items.rows) expect(headline.get(`其中${r.label}`)).toBe(r.value);
    expect(items.rows.reduce((s, r) => s + num(r.value), 0)).toBe(num(headline.get('民意事项')!));
    const suggestions = chart(html, 'c-suggestions');
    expect(suggestions.rows.find((r) => r.label === '按期答复')!.value).toBe('1 件');
    expect(headline.get('按期答复')).toMatch(/^1 件/);
    expect(suggestions.rows.find((r) => r.label === '逾期答复')!.value).toBe(headline.get('逾期答复'));
    expect(suggestions.rows.reduce((s, r) => s + num(r.value), 0)).toBe(num(headline.get('转为代表建议')!));
    const rating = chart(html, 'c-rating');
    const rated = headline.get('代表已评价')!.match(/满意 (\d+)、基本满意 (\d+)、不满意 (\d+)/)!;
    expect(rating.rows[0]!.value).toContain(`满意 ${rated[1]} · 基本满意 ${rated[2]} · 不满意 ${rated[3]}`);
  });

  it('deliberation statistics: each held meeting\'s attendance on its own roster; nothing yet → no bars', async () => {
    const c = await meetingCase();
    const empty = await (await c.get('/j/DC/deliberation/stats?year=2026', 'dc.clerk')).text();
    expect(chart(empty, 'c-meetings').rows).toEqual([]);
    expect(empty).toContain('本年度尚未召开议事代表会议。');
    expect(chart(empty, 'c-rating').rows[0]).toMatchObject({ value: '未评议', widths: [] }); // no votes: no bar, no 0 %

    await signedOffMeeting(c);
    const html = await (await c.get('/j/DC/deliberation/stats?year=2026', 'dc.clerk')).text();
    const bars = chart(html, 'c-meetings');
    const rows = table(html, 't-meetings').filter((r) => r[5] !== '尚未召开');
    expect(bars.rows.map((r) => r.value)).toEqual(rows.map((r) => `出席 ${r[4]} / 在册 ${r[3]}`));
    expect(bars.rows.map((r) => r.inner[0])).toEqual(rows.map((r) => r[5])); // 71.4%, 50.0%
    expect(bars.rows[0]!.widths[0]).toBeCloseTo(500 / 7, 6);
  });
});
