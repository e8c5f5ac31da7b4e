import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationFollowUp, station } from '../../db/schema';
import { toCsv } from '../../src/domain/csv';
import { get, post } from '../helpers/app';
import { deliveryCase, handCountedYear } from '../helpers/deliveryCases';

/**
 * A small year counted by hand, as of 15 Aug 2026 (reports due on the 10th, tolerance 10, serious 25):
 *
 * | project | reports (month: filed)                                  | on time | late | overdue | colour |
 * | road    | 03: 04-08, 04: 05-12, 05: 06-10, 06 —, 07: 08-09 (50%)   | 3       | 1    | 1       | yellow: plan 60% at 31 Jul, 50% reported → exactly 10 behind |
 * | water   | 07: 08-03 (8%)                                          | 1       | 0    | 0       | green: plan 7.4% at 31 Jul |
 * | bridge  | none for 04–07                                          | 0       | 0    | 4       | red: 53 points behind, and an overdue demand |
 * | plaza   | 03–06 on time, 100%, accepted                           | 4       | 0    | 0       | blue |
 *
 * On-time rate 8 / (8 + 1 + 5) = 57.1%. Budget 4,500,000, spent 450,000 + 50,000 + 0 + 300,000 = 800,000.
 * Demands: bridge open and overdue, road answered → 2 open, 1 overdue.
 * Evaluation: plaza 30/6/24 (60%, not below 60), road 10/5/15 (50%, marked) → overall 51/90 = 56.7%.
 */
describe('dashboards against a hand count', () => {
  /** The hand-counted year on 15 Aug 2026, on a database of its own, with the clerk, the admin, another town's clerk and the unit signed in. */
  async function dashboardCase() {
    const c = await deliveryCase({ today: '2026-08-15' });
    const extra = handCountedYear(c);
    const cookies: Record<string, string> = {};
    for (const u of ['qs.clerk', 'admin', 'lx.clerk', 'qs.unit']) cookies[u] = await c.as(u);
    return { ...c, ...extra, cookies };
  }

  // The figures are only read by the first three cases: one year built once serves them all.
  let year: Awaited<ReturnType<typeof dashboardCase>>;
  beforeAll(async () => { year = await dashboardCase(); });

  it('the cycle dashboard shows the hand-counted figures', async () => {
    const { app, cookies } = year;
    const res = await get(app, '/j/QS/cycles/2026/dashboard', cookies['qs.clerk']);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<dt>项目</dt><dd>4</dd>');
    expect(html).toContain('<dt>按时报送率</dt><dd>57.1%</dd>');
    expect(html).toContain('<dt>逾期未报</dt><dd>5<!-- --> 个月次</dd>'.replace('<!-- -->', ''));
    expect(html).toMatch(/未结整改<\/dt><dd>2 项<small>（逾期 1）<\/small>/);
    expect(html).toContain('800,000 元');
    expect(html).toContain('4,500,000 元');
    expect(html).toContain('<dt>代表评议满意率</dt><dd>56.7%</dd>');
    expect(html).toContain('<figure class="chart" id="c-colours"><figcaption>督办亮灯 <a class="chart-table-link no-print" href="#t-colours">数字见表</a>');
  });

  it('every table exports as UTF-8 CSV with a BOM, the same numbers', async () => {
    const { app, cookies } = year;
    const colours = await get(app, '/j/QS/cycles/2026/dashboard/colours.csv', cookies['qs.clerk']);
    expect(colours.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(colours.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await colours.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')).toEqual(['亮灯,项目数', '蓝灯 · 完工验收,1', '绿灯 · 按计划推进,1', '黄灯 · 轻微滞后,1', '橙灯 · 滞后,0', '红灯 · 严重滞后或整改逾期,1', '']);
    const reports = (await (await get(app, '/j/QS/cycles/2026/dashboard/reports.csv', cookies['qs.clerk'])).text()).replace(/^\uFEFF/, '');
    expect(reports.split('\r\n').slice(0, 5)).toEqual([
      '项目,按时报送,逾期补报,逾期未报,按时报送率', '青石村道路硬化,3,1,1,60.0%', '杨柳村饮水管网改造,1,0,0,100.0%', '龙井村便民桥,0,0,4,0.0%', '新华村文化广场,4,0,0,100.0%',
    ]);
    const overdue = (await (await get(app, '/j/QS/cycles/2026/dashboard/overdue.csv', cookies['qs.clerk'])).text()).replace(/^\uFEFF/, '');
    expect(overdue.split('\r\n')).toContain('青石村道路硬化,2026-06,2026-07-10,36');
    expect(overdue.split('\r\n')).toContain('龙井村便民桥,2026-04,2026-05-10,97');
    const projects = (await (await get(app, '/j/QS/cycles/2026/dashboard/projects.csv', cookies['qs.clerk'])).text()).replace(/^\uFEFF/, '');
    expect(projects.split('\r\n')[1]).toBe('青石村道路硬化,青石镇农业服务中心,实施中,黄灯 · 轻微滞后,60,50,1200000,450000,38,1,1');
    for (const t of ['status', 'demands', 'satisfaction']) expect((await get(app, `/j/QS/cycles/2026/dashboard/${t}.csv`, cookies['qs.clerk'])).status).toBe(200);
    expect((await get(app, '/j/QS/cycles/2026/dashboard/nope.csv', cookies['qs.clerk'])).status).toBe(404);
    expect((await get(app, '/j/QS/cycles/2026/dashboard/colours.csv', cookies['lx.clerk'])).status).toBe(403);
    expect((await get(app, '/j/QS/cycles/2026/dashboard/colours.csv', cookies['qs.unit'])).status).toBe(403);
  });

  it('the district admin sees every township side by side; a township clerk cannot', async () => {
    const { app, cookies } = year;
    const res = await get(app, '/j/YC/delivery/2026', cookies['admin']);
    expect(res.status).toBe(200);
    const csv = (await (await get(app, '/j/YC/delivery/2026/towns.csv', cookies['admin'])).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('镇街,项目数,蓝灯,绿灯,黄灯,橙灯,红灯,按时报送率,逾期未报(月),未结整改,逾期整改,预算(元),已支出(元),满意率,评议·满意,基本满意,不满意');
    expect(csv).toContain('青石镇,4,1,1,1,0,1,57.1%,5,2,1,4500000,800000,56.7%,40,11,39');
    expect(csv).toContain('柳溪镇,无年度工作,,,,,,,,,,,,,,,');
    expect((await get(app, '/j/YC/delivery/2026', cookies['qs.clerk'])).status).toBe(403);
    expect((await get(app, '/j/QS/delivery/2026', cookies['qs.clerk'])).status).toBe(404); // a township has the cycle dashboard instead
    expect((await get(app, '/j/QS/delivery', cookies['qs.clerk'])).headers.get('location')).toBe('/j/QS/cycles/2026/dashboard');
  });

  it('evaluation: the marked project has a follow-up record the clerk keeps; the portal shows the rating', async () => {
    const { app, db, fx, cookies } = await dashboardCase();
    expect(db.select().from(evaluationFollowUp).all().map((f) => f.projectId)).toEqual([fx.road]);
    const page = await (await get(app, '/j/QS/cycles/2026/evaluation', cookies['qs.clerk'])).text();
    expect(page).toContain('总体满意率：<strong>56.7%</strong>');
    const bad = await post(app, `/j/QS/cycles/2026/projects/${fx.road}/follow-up`, { measures: '', deadline: '2027-03-31', state: 'open', outcome: '' }, cookies['qs.clerk']);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请填写整改措施');
    expect((await post(app, `/j/QS/cycles/2026/projects/${fx.road}/follow-up`, { measures: '返修破损路段', deadline: '2027-03-31', state: 'open', outcome: '' }, cookies['qs.unit'])).status).toBe(403);
    expect((await post(app, `/j/QS/cycles/2026/projects/${fx.road}/follow-up`, { measures: '返修破损路段', deadline: '2027-03-31', state: 'open', outcome: '' }, cookies['qs.clerk'])).status).toBe(303);
    expect(db.select().from(evaluationFollowUp).get()).toMatchObject({ measures: '返修破损路段', deadline: '2027-03-31', state: 'open' });
    const pub = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(pub).toContain('代表年底评议');
    expect(pub).toContain('满意率 <strong>50%</strong>');
    expect(pub).toContain('满意率低于 60%，项目须整改');
    expect(pub).toContain('返修破损路段');
  });

  it('a notice-board sheet per station lists the projects with colours; a station elsewhere is 404', async () => {
    const { app, db, fx } = await dashboardCase();
    db.insert(station).values({ jurisdictionId: fx.village.id, kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村委会', shortCode: 'qs01-lx' }).run();
    db.insert(station).values({ jurisdictionId: fx.lx.id, kind: 'home', name: '柳溪镇人大代表之家', address: '', shortCode: 'lx-home' }).run();
    const res = await get(app, '/p/QS/2026/projects/board/qs01-lx');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('青石村人大代表联络站');
    for (const c of ['light-blue', 'light-green', 'light-yellow', 'light-red']) expect(html).toContain(c);
    expect((await get(app, '/p/QS/2026/projects/board/lx-home')).status).toBe(404);
  });
});

describe('CSV cells', () => {
  it('quotes, doubles quotes, and neutralises formulas', () => {
    expect(toCsv([['a', 'b'], ['x,y', 'say "hi"'], ['=SUM(A1)', -5], ['@cmd', null]])).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),-5\r\n\'@cmd,\r\n');
  });
});
