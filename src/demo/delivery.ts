import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, cycle, feedback, jurisdiction, midtermReport, milestone, phaseTransition, progressReport, project, rectification, rectificationEvent, supervisionAssignment, supervisionGroup, supervisionGroupMember, supervisionVisit, user } from '../../db/schema';
import { type MilestoneState } from '../domain/vocabulary';
import { addDays, chinaYearOf } from '../domain/chinaDate';
import { PHASES } from '../domain/phases';
import { dayNumber, lastDayOfMonth, monthsBetween, plannedAt, reportDueDate, type Plan } from '../domain/schedule';

/**
 * Delivery supervision demo for 青石镇: LAST year's cycle, still in "实施与监督", with six projects as the
 * session vote left them (candidate + milestones + project rows), a year of monthly reports — some late, one
 * missing, one milestone slipping, one project seriously behind — a supervision group with visits, an answered
 * and accepted demand and a rejected one now overdue, residents' feedback and a published mid-term report.
 * Rows are inserted directly (no audit entries): the demo is the starting state, not a history of clicks.
 */
interface DemoProject {
  title: string; description: string; budget: number; start: string; end: string; unit: string; lead: string; crossYear?: boolean;
  milestones: [string, string, number, number][]; // title, due (MM-DD, or YYYY-MM-DD for next year), cumulative %, cumulative spend
  /** Reported % per month as a share of the plan (1 = on plan); the last month's figure is kept after it. */
  pace: (month: string) => number;
  lateMonths?: string[]; // MM filed after the due day
  missingMonths?: string[]; // MM never filed
  slipping?: { milestone: number; expected: string }; // a milestone reported late with a new date (MM-DD)
  accepted?: boolean;
  problems?: Record<string, string>; // MM → problems
}

const PROJECTS: DemoProject[] = [
  {
    title: '青石村至杨柳村道路硬化', description: '硬化村道 3.2 公里，宽 4.5 米，设错车道 6 处，惠及两村 2100 余人出行。', budget: 1_800_000,
    start: '03-01', end: '10-31', unit: 'qs.unit2', lead: '副镇长 周建国',
    milestones: [['完成设计和招标', '04-15', 15, 120_000], ['路基完工', '07-15', 55, 900_000], ['路面完工并验收', '10-31', 100, 1_800_000]],
    pace: () => 1, accepted: true, problems: { '06': '6 月雨天较多，路基压实推迟 5 天，已在 7 月赶回。' },
  },
  {
    title: '白果村饮水安全提升工程', description: '新建蓄水池 1 座，更换主管网 2.6 公里，解决白果村 3 个社 680 人饮水不稳定问题。', budget: 950_000,
    start: '04-01', end: '09-30', unit: 'qs.unit1', lead: '副镇长 李红',
    milestones: [['蓄水池建成', '05-31', 30, 300_000], ['主管网铺设', '07-31', 75, 700_000], ['通水验收', '09-30', 100, 950_000]],
    pace: (m) => (m >= '07' ? 0.82 : 0.95), lateMonths: ['06', '08'], slipping: { milestone: 1, expected: '09-10' },
    problems: { '07': '管材供货延迟约 6 周，主管网铺设顺延。', '08': '管材已到场，正加班铺设。' },
  },
  {
    title: '青石镇卫生院老年人健康服务中心', description: '改造卫生院二楼 600 平方米，设置康复理疗室和日间照料床位 20 张。', budget: 1_200_000,
    start: '02-01', end: '12-31', unit: 'qs.unit3', lead: '镇党委委员 王静',
    milestones: [['方案审批', '03-31', 10, 50_000], ['主体改造完成', '08-31', 70, 820_000], ['设备到位并开放', '12-31', 100, 1_200_000]],
    pace: () => 1, missingMonths: ['12'],
  },
  {
    title: '龙井村便民桥改建', description: '拆除危桥，新建 28 米钢筋混凝土桥，解决龙井村两岸 900 余人过河难。', budget: 600_000,
    start: '05-01', end: '11-30', unit: 'qs.unit2', lead: '副镇长 周建国',
    milestones: [['旧桥拆除', '06-15', 15, 60_000], ['桥墩浇筑', '08-31', 50, 300_000], ['桥面完工通行', '11-30', 100, 600_000]],
    pace: (m) => (m >= '08' ? 0.45 : 0.8), lateMonths: ['09', '10'], slipping: { milestone: 1, expected: '11-20' },
    problems: { '08': '汛期河水上涨，桥墩基坑多次进水停工。', '09': '施工单位人员不足。', '10': '桥墩仍未完成浇筑。' },
  },
  {
    title: '新华村文化广场', description: '利用闲置地建设 1500 平方米文化广场，配置健身器材和宣传栏。', budget: 400_000,
    start: '06-15', end: '10-15', unit: 'qs.unit3', lead: '镇党委委员 王静',
    milestones: [['场地平整', '07-31', 40, 150_000], ['铺装和器材安装', '10-15', 100, 400_000]],
    pace: () => 1, lateMonths: ['07'],
  },
  {
    title: '集镇污水管网延伸工程（跨年度）', description: '延伸污水管网 4.8 公里，接入集镇 1200 户，分两年实施。', budget: 2_600_000,
    start: '07-01', end: 'NEXT-06-30', unit: 'qs.unit2', lead: '副镇长 周建国', crossYear: true,
    milestones: [['一期管网铺设', '11-30', 35, 900_000], ['二期管网铺设', 'NEXT-04-30', 80, 2_100_000], ['接户并验收', 'NEXT-06-30', 100, 2_600_000]],
    pace: () => 0.93,
  },
];

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`); // China time

export function seedDeliveryDemo(db: Db, now: Date): { cycleYear: number; projects: number } {
  const year = chinaYearOf(now) - 1;
  const d = (md: string) => (md.startsWith('NEXT-') ? `${year + 1}-${md.slice(5)}` : `${year}-${md}`);
  const town = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
  const uid = (username: string) => db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id;
  const clerk = uid('qs.clerk');

  const cy = db.insert(cycle).values({ jurisdictionId: town.id, year, phase: 'delivery', createdBy: clerk, createdAt: at(`${year - 1}-11-20`), seatsToFill: 6 }).returning().get();
  const steps: [string, string][] = [[`${year - 1}-11-20`, '创建年度工作'], [`${year - 1}-12-20`, '征集结束'], [`${year}-01-08`, '审查完成'], [`${year}-01-15`, '主席团通过候选项目'], [`${year}-02-10`, '人代会票决通过 6 个项目，进入实施与监督']];
  steps.forEach(([date, note], i) => db.insert(phaseTransition).values({ cycleId: cy.id, fromPhase: i === 0 ? null : PHASES[i - 1]!, toPhase: PHASES[i]!, by: clerk, at: at(date), note }).run());

  const ids: number[] = [];
  PROJECTS.forEach((p, i) => {
    const plan: Plan = {
      budget: p.budget, startDate: d(p.start), endDate: d(p.end),
      milestones: p.milestones.map(([title, due, pct, spend]) => ({ title, dueDate: d(due), plannedPct: pct, plannedSpend: spend })),
    };
    const c = db.insert(candidate).values({
      cycleId: cy.id, title: p.title, description: p.description, budget: p.budget, unitName: unitName(db, p.unit), unitUserId: uid(p.unit),
      leadOfficial: p.lead, startDate: plan.startDate, endDate: plan.endDate, crossYear: p.crossYear ?? false, position: i + 1, createdAt: at(`${year}-01-10`),
    }).returning().get();
    plan.milestones.forEach((m, k) => db.insert(milestone).values({ candidateId: c.id, ...m, position: k + 1 }).run());
    const pr = db.insert(project).values({ cycleId: cy.id, candidateId: c.id, status: 'planned', createdAt: at(`${year}-02-10`, 16) }).returning().get();
    ids.push(pr.id);

    let lastPct = 0;
    let lastSpent = 0;
    for (const month of monthsBetween(plan.startDate, plan.endDate).filter((m) => m.startsWith(`${year}-`))) {
      const mm = month.slice(5);
      if (p.missingMonths?.includes(mm)) continue;
      const end = lastDayOfMonth(month);
      const planned = plannedAt(plan, end);
      const pct = Math.max(lastPct, Math.min(100, Math.round(planned.pct * p.pace(mm))));
      lastPct = pct;
      const spent = Math.max(lastSpent, Math.round((planned.spend * p.pace(mm)) / 1000) * 1000); // cumulative: never falls
      lastSpent = spent;
      const due = reportDueDate(month, 10);
      const filed = p.lateMonths?.includes(mm) ? addDays(due, 6) : addDays(due, -3);
      const states = plan.milestones.map((m, k) => {
        // The unit reports the slip from the month before the milestone falls due.
        const slip = p.slipping?.milestone === k && dayNumber(end) >= dayNumber(m.dueDate) - 31 && pct < m.plannedPct;
        const state: MilestoneState = pct >= m.plannedPct ? 'done' : slip ? 'late' : 'onTrack';
        return { title: m.title, dueDate: m.dueDate, state, ...(state === 'late' ? { expectedDate: d(p.slipping!.expected) } : {}) };
      });
      db.insert(progressReport).values({
        projectId: pr.id, month, pct, spent, milestones: JSON.stringify(states),
        problems: p.problems?.[mm] ?? '', helpNeeded: mm === '08' && i === 3 ? '请镇政府协调水利站评估汛期施工方案' : '',
        filedBy: uid(p.unit), filedAt: at(filed, 15), updatedAt: at(filed, 15),
      }).run();
    }
    const status = p.accepted ? 'accepted' : lastPct >= 100 ? 'completed' : lastPct > 0 ? 'inProgress' : 'planned';
    db.update(project).set({ status }).where(eq(project.id, pr.id)).run();
  });

  // 专项监督小组: congress staff and professional representatives, a beneficiary and a reporter as observers.
  const group = db.insert(supervisionGroup).values({ cycleId: cy.id, name: '第一专项监督小组', createdAt: at(`${year}-02-20`) }).returning().get();
  const member = (username: string, role: 'staff' | 'professionalRep') => {
    const u = db.select().from(user).where(eq(user.username, username)).get()!;
    db.insert(supervisionGroupMember).values({ groupId: group.id, name: u.displayName, role, userId: u.id }).run();
    return u.displayName;
  };
  const present = [member('qs.sup1', 'staff'), member('qs.sup2', 'professionalRep'), member('qs.sup3', 'professionalRep')];
  db.insert(supervisionGroupMember).values([
    { groupId: group.id, name: '杨柳村村民 陈素芳（受益群众）', role: 'beneficiary', observer: true },
    { groupId: group.id, name: '渝川区融媒体中心记者 罗小川', role: 'media', observer: true },
  ]).run();
  for (const id of ids) db.insert(supervisionAssignment).values({ projectId: id, groupId: group.id }).run();

  const sup = uid('qs.sup1');
  const visit = (pi: number, quarter: string, date: string, rating: 'good' | 'fair' | 'poor', findings: string, problems: string, published: boolean) =>
    db.insert(supervisionVisit).values({
      projectId: ids[pi]!, groupId: group.id, quarter: `${year}-${quarter}`, date: d(date), membersPresent: JSON.stringify(present),
      findings, problems, rating, publishedAt: published ? at(d(date), 17) : null, recordedBy: sup, recordedAt: at(d(date), 16),
    }).returning().get();
  visit(0, 'Q2', '06-18', 'good', '路基施工有序，质量抽检合格，施工安全标识齐全。', '', true);
  visit(0, 'Q3', '09-12', 'good', '路面铺设完成 80%，群众反映良好。', '', true);
  const wv = visit(1, 'Q3', '08-08', 'fair', '蓄水池已建成；主管网铺设明显滞后于计划。', '管材供货延迟，未及时报告。', true);
  const bv = visit(3, 'Q3', '09-05', 'poor', '桥墩基坑仍在处理，现场施工人员仅 4 人，进度严重滞后。', '施工组织不力，汛期预案不足。', false);
  visit(2, 'Q3', '09-20', 'good', '主体改造按计划推进，康复理疗室已完成装修。', '', true);
  // The rest of the year's round; 文化广场 Q4 and 污水管网 Q4 are left unrecorded (they show as overdue visits).
  visit(2, 'Q1', '03-25', 'good', '改造方案已报批，施工图审查中。', '', true);
  visit(2, 'Q2', '06-20', 'good', '拆除和水电改造完成，进度符合计划。', '', true);
  visit(2, 'Q4', '12-15', 'fair', '设备已到货，部分床位尚未安装，年底开放有困难。', '设备安装进度偏慢。', false);
  visit(1, 'Q2', '05-28', 'good', '蓄水池主体完工，质量抽检合格。', '', true);
  visit(3, 'Q2', '06-10', 'fair', '旧桥拆除完成，汛期施工预案尚未制定。', '缺少汛期施工预案。', true);
  visit(3, 'Q4', '11-25', 'poor', '桥墩浇筑刚完成，桥面未开工，年内无法通行。', '赶工计划未落实。', false);
  visit(4, 'Q2', '06-28', 'good', '场地平整开工，群众参与积极。', '', true);
  visit(4, 'Q3', '08-30', 'good', '铺装进行中，健身器材已采购。', '', true);
  visit(5, 'Q3', '09-25', 'good', '一期管网按计划铺设，交通疏导到位。', '', true);

  const demand = (visitId: number, visitDate: string, pi: number, text: string, deadline: string, events: ['answer' | 'accept' | 'reopen', string, string][], state: 'open' | 'answered' | 'accepted' | 'reopened', finalDeadline = deadline) => {
    const r = db.insert(rectification).values({ visitId, projectId: ids[pi]!, demand: text, deadline: d(finalDeadline), state, response: events.filter((e) => e[0] === 'answer').at(-1)?.[1] ?? '', updatedAt: at(d(deadline)) }).returning().get();
    db.insert(rectificationEvent).values({ rectificationId: r.id, kind: 'demand', text, deadline: d(deadline), by: sup, at: at(d(visitDate), 16) }).run();
    for (const [kind, t, date] of events) {
      db.insert(rectificationEvent).values({ rectificationId: r.id, kind, text: t, deadline: kind === 'reopen' ? d(finalDeadline) : null, by: kind === 'answer' ? uid(PROJECTS[pi]!.unit) : sup, at: at(d(date), 11) }).run();
    }
  };
  demand(wv.id, '08-08', 1, '与供货商签订补充协议，明确管材到货时间，每周报告铺设进度。', '08-31',
    [['answer', '已签订补充协议，管材于 8 月 25 日全部到场，每周五报送进度。', '08-28'], ['accept', '情况属实，同意。', '09-02']], 'accepted');
  demand(bv.id, '09-05', 3, '增加施工人员和设备，制定汛后赶工计划并报监督小组。', '09-30',
    [['answer', '已要求施工单位增加人员。', '09-28'], ['reopen', '未见赶工计划，现场人员仍不足，请重新整改。', '10-08']], 'reopened', '10-31');

  db.insert(feedback).values([
    { projectId: ids[0]!, rating: 'satisfied', text: '路修好了，娃儿上学再也不踩泥巴了。', state: 'published', createdAt: at(d('11-05')), moderatedBy: clerk, moderatedAt: at(d('11-06')) },
    { projectId: ids[1]!, rating: 'basic', text: '水池修好了，但管子还没通到我们社。', state: 'published', createdAt: at(d('08-20')), moderatedBy: clerk, moderatedAt: at(d('08-21')) },
    { projectId: ids[3]!, rating: 'dissatisfied', text: '桥修了大半年还没好，过河要绕 5 公里。', state: 'pending', createdAt: at(d('11-12')) },
  ]).run();

  // The mid-term summary as drafted; the clerk publishes it (which freezes the figures) from the product.
  db.insert(midtermReport).values({
    cycleId: cy.id, updatedBy: clerk, updatedAt: at(d('07-08')),
    summary: `${year} 年镇人代会票决确定的 6 个民生实事项目已全部开工。道路硬化、卫生院老年人健康服务中心和文化广场按计划推进；\n白果村饮水工程受管材供货影响略有滞后，龙井村便民桥受汛期影响进度偏慢，镇政府已督促承办单位制定赶工措施。下半年将重点推进饮水工程和便民桥建设，确保年底前完成。`,
  }).run();

  return { cycleYear: year, projects: ids.length };
}

function unitName(db: Db, username: string): string {
  return db.select({ n: user.displayName }).from(user).where(eq(user.username, username)).get()!.n;
}

