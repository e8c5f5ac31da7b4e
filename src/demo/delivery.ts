import type { Db } from '../../db/client';
import type { Actor } from '../data/audit';
import { getCycle, transitionCycle } from '../data/cycles';
import { moderateFeedback, submitFeedback } from '../data/feedback';
import { setRatingWindow } from '../data/feedbackWindow';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { saveMidtermSummary } from '../data/midterm';
import { saveReport } from '../data/progress';
import { publishImplementationPlan, saveImplementationPlan, setPublishDeadline } from '../data/implementationPlan';
import { acceptProject, projectsOfCycle } from '../data/projects';
import {
  addMember, assignProject, createGroup, publishVisit, recordVisit, rectificationsOf, stepRectification, type MemberInput, type Rectification,
} from '../data/supervision';
import { getUserByUsername } from '../data/users';
import { addDays, chinaYearOf } from '../domain/chinaDate';
import type { RectificationStep } from '../domain/rectification';
import { dayNumber, lastDayOfMonth, monthsBetween, plannedAt, reportDueDate, type Plan } from '../domain/schedule';
import type { MilestoneState, ProposalCategory, ProposalSource, SatisfactionRating, VisitRating } from '../domain/vocabulary';
import { actorFor, chinaTime, must } from './steps';

/**
 * Delivery supervision demo for 青石镇: LAST year's cycle, still in "实施与监督", with the six projects its congress
 * voted for (lastYearVote.ts), a year of monthly reports — some late, one missing, one milestone slipping, one
 * project seriously behind — a supervision group with visits, an answered and accepted demand and a reopened one
 * now overdue, residents' feedback and a drafted mid-term report.
 */
export interface DemoProject {
  title: string; description: string; budget: number; start: string; end: string; unit: string; lead: string; crossYear?: boolean;
  /** How it came in the autumn before: its kind, its village (null: the whole town), and who proposed it. */
  proposal: { category: ProposalCategory; place: string | null; from: { rep: string } | { name: string; phone: string; source: ProposalSource; paper?: boolean } };
  milestones: [string, string, number, number][]; // title, due (MM-DD, or YYYY-MM-DD for next year), cumulative %, cumulative spend
  /** Reported % per month as a share of the plan (1 = on plan); the last month's figure is kept after it. */
  pace: (month: string) => number;
  lateMonths?: string[]; // MM filed after the due day
  missingMonths?: string[]; // MM never filed
  slipping?: { milestone: number; expected: string }; // a milestone reported late with a new date (MM-DD)
  accepted?: boolean;
  problems?: Record<string, string>; // MM → problems
}

export const PROJECTS: DemoProject[] = [
  {
    title: '青石村至杨柳村道路硬化', description: '硬化村道 3.2 公里，宽 4.5 米，设错车道 6 处，惠及两村 2100 余人出行。', budget: 1_800_000,
    start: '03-01', end: '10-31', unit: 'qs.unit2', lead: '副镇长 周建国',
    proposal: { category: 'transport', place: '杨柳村', from: { rep: 'qs.rep007' } },
    milestones: [['完成设计和招标', '04-15', 15, 120_000], ['路基完工', '07-15', 55, 900_000], ['路面完工并验收', '10-31', 100, 1_800_000]],
    pace: () => 1, accepted: true, problems: { '06': '6 月雨天较多，路基压实推迟 5 天，已在 7 月赶回。' },
  },
  {
    title: '白果村饮水安全提升工程', description: '新建蓄水池 1 座，更换主管网 2.6 公里，解决白果村 3 个社 680 人饮水不稳定问题。', budget: 950_000,
    start: '04-01', end: '09-30', unit: 'qs.unit1', lead: '副镇长 李红',
    proposal: { category: 'water', place: '白果村', from: { name: '张国富', phone: '13908236652', source: 'villageCommittee' } },
    milestones: [['蓄水池建成', '05-31', 30, 300_000], ['主管网铺设', '07-31', 75, 700_000], ['通水验收', '09-30', 100, 950_000]],
    pace: (m) => (m >= '07' ? 0.82 : 0.95), lateMonths: ['06', '08'], slipping: { milestone: 1, expected: '09-10' },
    problems: { '07': '管材供货延迟约 6 周，主管网铺设顺延。', '08': '管材已到场，正加班铺设。' },
  },
  {
    title: '青石镇卫生院老年人健康服务中心', description: '改造卫生院二楼 600 平方米，设置康复理疗室和日间照料床位 20 张。', budget: 1_200_000,
    start: '02-01', end: '12-31', unit: 'qs.unit3', lead: '镇党委委员 王静',
    proposal: { category: 'health', place: null, from: { name: '刘春梅', phone: '13996207741', source: 'department' } },
    milestones: [['方案审批', '03-31', 10, 50_000], ['主体改造完成', '08-31', 70, 820_000], ['设备到位并开放', '12-31', 100, 1_200_000]],
    pace: () => 1, missingMonths: ['12'],
  },
  {
    title: '龙井村便民桥改建', description: '拆除危桥，新建 28 米钢筋混凝土桥，解决龙井村两岸 900 余人过河难。', budget: 600_000,
    start: '05-01', end: '11-30', unit: 'qs.unit2', lead: '副镇长 周建国',
    proposal: { category: 'transport', place: '龙井村', from: { name: '何大福', phone: '13618232015', source: 'public', paper: true } },
    milestones: [['旧桥拆除', '06-15', 15, 60_000], ['桥墩浇筑', '08-31', 50, 300_000], ['桥面完工通行', '11-30', 100, 600_000]],
    pace: (m) => (m >= '08' ? 0.45 : 0.8), lateMonths: ['09', '10'], slipping: { milestone: 1, expected: '11-20' },
    problems: { '08': '汛期河水上涨，桥墩基坑多次进水停工。', '09': '施工单位人员不足。', '10': '桥墩仍未完成浇筑。' },
  },
  {
    title: '新华村文化广场', description: '利用闲置地建设 1500 平方米文化广场，配置健身器材和宣传栏。', budget: 400_000,
    start: '06-15', end: '10-15', unit: 'qs.unit3', lead: '镇党委委员 王静',
    proposal: { category: 'culture', place: '新华村', from: { name: '吴秀英', phone: '15823107763', source: 'public' } },
    milestones: [['场地平整', '07-31', 40, 150_000], ['铺装和器材安装', '10-15', 100, 400_000]],
    pace: () => 1, lateMonths: ['07'],
  },
  {
    title: '集镇污水管网延伸工程（跨年度）', description: '延伸污水管网 4.8 公里，接入集镇 1200 户，分两年实施。', budget: 2_600_000,
    start: '07-01', end: 'NEXT-06-30', unit: 'qs.unit2', lead: '副镇长 周建国', crossYear: true,
    proposal: { category: 'environment', place: null, from: { rep: 'qs.rep042' } },
    milestones: [['一期管网铺设', '11-30', 35, 900_000], ['二期管网铺设', 'NEXT-04-30', 80, 2_100_000], ['接户并验收', 'NEXT-06-30', 100, 2_600_000]],
    pace: () => 0.93,
  },
];

const at = (date: string, hour = 10) => chinaTime(date, `${String(hour).padStart(2, '0')}:00`);

/** Last year: the cycle the demo's 青石镇 delivers, and its dates ('MM-DD', or 'NEXT-MM-DD' in the year after). */
export function lastYearOf(now: Date): { year: number; d: (md: string) => string } {
  const year = chinaYearOf(now) - 1;
  return { year, d: (md) => (md.startsWith('NEXT-') ? `${year + 1}-${md.slice(5)}` : `${year}-${md}`) };
}

/** The plan voted on: budget, dates and milestones of one project. */
export function planOf(p: DemoProject, d: (md: string) => string): Plan {
  return {
    budget: p.budget, startDate: d(p.start), endDate: d(p.end),
    milestones: p.milestones.map(([title, due, pct, spend]) => ({ title, dueDate: d(due), plannedPct: pct, plannedSpend: spend })),
  };
}

/**
 * The year after the vote (lastYearVote.ts published the six projects): the cycle moves to delivery, the units
 * file their monthly reports, the supervision group visits and makes demands, residents rate within the window,
 * the clerk moderates their messages and drafts the mid-term summary — each step by its own login, on its day.
 * A report whose filing day is still to come (a demo started in early January) is left to be filed.
 */
export function seedDeliveryDemo(db: Db, now: Date): void {
  const { year, d } = lastYearOf(now);
  const town = getJurisdictionByCode(db, 'QS')!;
  const clerk = actorFor(db, 'qs.clerk');
  const cy = must(transitionCycle(db, clerk, getCycle(db, town.id, year)!, 'delivery', `人代会票决通过 ${PROJECTS.length} 个项目，进入实施与监督`, at(d('02-10'), 17)),
    '进入实施与监督');
  const projects = projectsOfCycle(db, cy.id);
  if (projects.length !== PROJECTS.length) throw new Error(`演示数据：青石镇票决通过 ${projects.length} 个项目，应为 ${PROJECTS.length} 个`);

  // 实施方案: the first project's plan drafted by its unit and published by the clerk before the deadline.
  {
    const first = projects[0]!;
    setPublishDeadline(db, clerk, first, town.id, d('02-28'), at(d('02-11')));
    must(saveImplementationPlan(db, actorFor(db, PROJECTS[0]!.unit), first, town.id, {
      responsibleUnit: first.unitName, responsibleOfficial: first.leadOfficial, yearlyTargets: `${year} 年内完工并通过验收`,
      funds: [{ source: '区级财政', amount: Math.round(planOf(PROJECTS[0]!, d).budget * 0.6) }, { source: '镇级财政', amount: planOf(PROJECTS[0]!, d).budget - Math.round(planOf(PROJECTS[0]!, d).budget * 0.6) }],
      safeguards: '镇主要领导每月调度一次；监督小组按季度现场督查。', target: null,
    }, at(d('02-20'))), '实施方案草稿');
    must(publishImplementationPlan(db, clerk, first, town.id, at(d('02-26'))), '公布实施方案');
  }

  PROJECTS.forEach((p, i) => {
    const project = projects[i]!;
    const plan = planOf(p, d);
    const unit = actorFor(db, p.unit);
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
      const filedAt = at(p.lateMonths?.includes(mm) ? addDays(due, 6) : addDays(due, -3), 15);
      if (filedAt > now) continue;
      const milestones = plan.milestones.map((m, k) => {
        // The unit reports the slip from the month before the milestone falls due.
        const slip = p.slipping?.milestone === k && dayNumber(end) >= dayNumber(m.dueDate) - 31 && pct < m.plannedPct;
        const state: MilestoneState = pct >= m.plannedPct ? 'done' : slip ? 'late' : 'onTrack';
        return { title: m.title, dueDate: m.dueDate, state, ...(state === 'late' ? { expectedDate: d(p.slipping!.expected) } : {}) };
      });
      must(saveReport(db, unit, project, cy, {
        month, pct, spent, milestones, problems: p.problems?.[mm] ?? '', backwardsReason: '',
        helpNeeded: mm === '08' && i === 3 ? '请镇政府协调水利站评估汛期施工方案' : '',
      }, [], filedAt), `${p.title} ${month} 月度进展`);
    }
    if (p.accepted) must(acceptProject(db, clerk, project, town.id, at(addDays(plan.endDate, 20))), `${p.title}验收`);
  });

  // 专项监督小组: congress staff and professional representatives, a beneficiary and a reporter as observers.
  const formed = at(d('02-20'));
  const group = createGroup(db, clerk, cy.id, town.id, '第一专项监督小组', formed);
  const members: MemberInput[] = [
    ...(['qs.sup1', 'qs.sup2', 'qs.sup3'] as const).map((username, k) => {
      const u = getUserByUsername(db, username)!;
      return { name: u.displayName, role: k === 0 ? 'staff' as const : 'professionalRep' as const, observer: false, userId: u.id };
    }),
    { name: '杨柳村村民 陈素芳（受益群众）', role: 'beneficiary', observer: true, userId: null },
    { name: '渝川区融媒体中心记者 罗小川', role: 'media', observer: true, userId: null },
  ];
  for (const m of members) must(addMember(db, clerk, group, town.id, m, formed), `监督小组成员 ${m.name}`);
  for (const pr of projects) must(assignProject(db, clerk, group, town.id, pr.id, formed), '分配监督项目');
  const present = members.filter((m) => !m.observer).map((m) => m.name);

  const sup = actorFor(db, 'qs.sup1');
  const visit = (pi: number, quarter: string, date: string, rating: VisitRating, findings: string, problems: string, published: boolean,
    demand?: { demand: string; deadline: string }) => {
    const v = recordVisit(db, sup, projects[pi]!.id, group.id, town.id, {
      quarter: `${year}-${quarter}`, date: d(date), membersPresent: present, findings, problems, rating,
      demands: demand ? [{ demand: demand.demand, deadline: d(demand.deadline) }] : [],
    }, at(d(date), 16));
    if (published) publishVisit(db, sup, v, town.id, at(d(date), 17));
    return rectificationsOf(db, [v.projectId]).find((r) => r.visitId === v.id);
  };
  visit(0, 'Q2', '06-18', 'good', '路基施工有序，质量抽检合格，施工安全标识齐全。', '', true);
  visit(0, 'Q3', '09-12', 'good', '路面铺设完成 80%，群众反映良好。', '', true);
  const waterDemand = visit(1, 'Q3', '08-08', 'fair', '蓄水池已建成；主管网铺设明显滞后于计划。', '管材供货延迟，未及时报告。', true,
    { demand: '与供货商签订补充协议，明确管材到货时间，每周报告铺设进度。', deadline: '08-31' })!;
  const bridgeDemand = visit(3, 'Q3', '09-05', 'poor', '桥墩基坑仍在处理，现场施工人员仅 4 人，进度严重滞后。', '施工组织不力，汛期预案不足。', false,
    { demand: '增加施工人员和设备，制定汛后赶工计划并报监督小组。', deadline: '09-30' })!;
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

  // The unit answers each demand; the group accepts one and sends the other back with a new deadline, now overdue.
  const step = (r: Rectification, who: Actor & { id: number }, kind: RectificationStep, text: string, date: string, deadline: string | null = null) =>
    must(stepRectification(db, who, r, town.id, kind, text, deadline && d(deadline), at(d(date), 11)), `整改 ${kind}`);
  step(waterDemand, actorFor(db, PROJECTS[1]!.unit), 'answer', '已签订补充协议，管材于 8 月 25 日全部到场，每周五报送进度。', '08-28');
  step(waterDemand, sup, 'accept', '情况属实，同意。', '09-02');
  step(bridgeDemand, actorFor(db, PROJECTS[3]!.unit), 'answer', '已要求施工单位增加人员。', '09-28');
  step(bridgeDemand, sup, 'reopen', '未见赶工计划，现场人员仍不足，请重新整改。', '10-08', '10-31');

  // The residents' rating window: August to the year-end evaluation, so the published ratings count. Today it is
  // closed: the QR form takes suggestions only.
  must(setRatingWindow(db, clerk, cy, d('08-01'), d('12-31'), at(d('07-25'))), '设定测评时间');
  const message = (pi: number, rating: SatisfactionRating, text: string, date: string, publishedOn?: string) => {
    const f = must(submitFeedback(db, projects[pi]!, { rating, text }, at(d(date))), '群众评价');
    if (publishedOn) moderateFeedback(db, clerk, f, town.id, 'published', at(d(publishedOn)));
  };
  message(0, 'satisfied', '路修好了，娃儿上学再也不踩泥巴了。', '11-05', '11-06');
  message(1, 'basic', '水池修好了，但管子还没通到我们社。', '08-20', '08-21');
  message(3, 'dissatisfied', '桥修了大半年还没好，过河要绕 5 公里。', '11-12');

  // The mid-term summary as drafted; the clerk publishes it (which freezes the figures) from the product.
  must(saveMidtermSummary(db, clerk, cy, `${year} 年镇人代会票决确定的 6 个民生实事项目已全部开工。道路硬化、卫生院老年人健康服务中心和文化广场按计划推进；\n白果村饮水工程受管材供货影响略有滞后，龙井村便民桥受汛期影响进度偏慢，镇政府已督促承办单位制定赶工措施。下半年将重点推进饮水工程和便民桥建设，确保年底前完成。`, at(d('07-08'))), '期中报告概述');
}
