import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { feedback, feedbackWindow, progressPhoto, project, rectification, roleAssignment, supervisionGroup, supervisionVisit, user } from '../../db/schema';
import { createApp } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { recordEvaluationResults } from '../../src/data/evaluation';
import { addMember, assignProject, createGroup, recordVisit, type VisitInput } from '../../src/data/supervision';
import type { SatisfactionRating } from '../../src/domain/vocabulary';
import { freshDb, login, PASSWORD } from './app';
import { addProject, addReport, chinaMorning, deliveryFixture, PNG } from './deliveryFixture';

/**
 * One delivery case: a fresh database with deliveryFixture's year (青石镇 2026, the road and the water projects),
 * an app whose clock the test sets, and logins taken at that clock (sessions expire after 2 idle hours, so a test
 * that moves the clock signs in again).
 */
export async function deliveryCase(opts: { today: string; uploadsDir?: string; trustProxy?: boolean; publicUrl?: string }) {
  const db = freshDb();
  let now = chinaMorning(opts.today);
  const app = createApp({ db, log: () => {}, now: () => now, uploadsDir: opts.uploadsDir, trustProxy: opts.trustProxy, publicUrl: opts.publicUrl });
  const fx = await deliveryFixture(db);
  return {
    db, app, fx,
    /** Moves the clock to 10:00 China time on `date`, or to an exact instant. */
    at(date: string | Date) { now = typeof date === 'string' ? chinaMorning(date) : date; },
    now: () => now,
    as: (username: string) => login(app, username),
    /** Another app on the same database and clock (a separate rate limiter; behind a proxy if asked). */
    sibling: (o: { trustProxy?: boolean } = {}) => createApp({ db, log: () => {}, now: () => now, ...o }),
  };
}
export type DeliveryCase = Awaited<ReturnType<typeof deliveryCase>>;

/** A private uploads folder for one test; remove it afterwards. */
export function uploadsFolder(): { dir: string; files: (projectId: number) => number; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ms-up-'));
  return {
    dir,
    /** Photo files stored for a project (0 when none was ever stored). */
    files: (projectId) => { try { return readdirSync(join(dir, 'photos', String(projectId))).length; } catch { return 0; } },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const ROAD_MILESTONES = ['完成设计和招标', '路基完工', '路面完工并验收'] as const;
const roadMilestones = (states: readonly string[]) =>
  JSON.stringify(states.map((state, i) => ({ title: ROAD_MILESTONES[i], dueDate: ['2026-04-30', '2026-07-31', '2026-10-31'][i], state })));

/**
 * The road's reports as the unit filed them in the spring, all on 5 May: March late (12%, with an internal note and
 * one photo), then — unless only March is asked for — April on time (10%, corrected downwards with a reason) and
 * May on time (30%, the first milestone late).
 */
export function springReports(c: DeliveryCase, through: 'march' | 'may' = 'may') {
  const { db, fx } = c;
  const unit = fx.users.qsUnit.id;
  const filed = '2026-05-05T02:00:00Z';
  const march = addReport(db, fx.road, '2026-03', 12, 80_000, unit, filed,
    { problems: '雨天较多', helpNeeded: '请协调征地', milestones: roadMilestones(['onTrack', 'onTrack', 'onTrack']) });
  db.insert(progressPhoto).values({ reportId: march.id, fileName: `photos/${fx.road}/0123456789abcdef0123456789abcdef.png`, originalName: '现场.png', mime: 'image/png', size: PNG.byteLength, uploadedAt: new Date(filed) }).run();
  db.update(project).set({ status: 'inProgress' }).where(eq(project.id, fx.road)).run();
  if (through === 'march') return;
  addReport(db, fx.road, '2026-04', 10, 80_000, unit, filed,
    { problems: '雨天较多', helpNeeded: '请协调征地', backwardsReason: '三月误将材料进场计入完成量', milestones: roadMilestones(['onTrack', 'onTrack', 'onTrack']) });
  addReport(db, fx.road, '2026-05', 30, 80_000, unit, filed,
    { problems: '雨天较多', helpNeeded: '请协调征地', milestones: JSON.stringify([{ title: '完成设计和招标', dueDate: '2026-04-30', state: 'late', expectedDate: '2026-06-15' }, { title: '路基完工', dueDate: '2026-07-31', state: 'onTrack' }, { title: '路面完工并验收', dueDate: '2026-10-31', state: 'onTrack' }]) });
}

/** A supervision member of 青石镇 who belongs to no group (qs.sup2). */
export async function outsideSupervisor(c: DeliveryCase) {
  const other = c.db.insert(user).values({ username: 'qs.sup2', displayName: '青石镇监督小组 吴刚', passwordHash: await hashPassword(PASSWORD) }).returning().get();
  c.db.insert(roleAssignment).values({ userId: other.id, role: 'supervisionMember', jurisdictionId: c.fx.qs.id }).run();
  return other;
}

/**
 * 第一专项监督小组 as the clerk forms it: 周伟 (staff, qs.sup's login), 王建 (a professional representative) and
 * 村民 陈素芳 (a beneficiary observer), supervising the road.
 */
export function roadGroup(c: DeliveryCase): number {
  const { db, fx } = c;
  const clerk = { id: fx.users.qsClerk.id, name: '测试' };
  const at = c.now();
  const g = createGroup(db, clerk, fx.cycle.id, fx.qs.id, '第一专项监督小组', at);
  addMember(db, clerk, g, fx.qs.id, { name: '周伟（人大干部）', role: 'staff', observer: false, userId: fx.users.qsSup.id }, at);
  addMember(db, clerk, g, fx.qs.id, { name: '王建（代表·建筑工程）', role: 'professionalRep', observer: false, userId: null }, at);
  addMember(db, clerk, g, fx.qs.id, { name: '村民 陈素芳', role: 'beneficiary', observer: true, userId: null }, at);
  assignProject(db, clerk, g, fx.qs.id, fx.road, at);
  return g.id;
}

/** The group's Q2 visit to the road on 9 June, as qs.sup records it: safety signs missing, one demand due 20 June. */
export function roadVisit(c: DeliveryCase, groupId: number, v: Partial<VisitInput> = {}) {
  const { db, fx } = c;
  const visit = recordVisit(db, { id: fx.users.qsSup.id, name: '测试' }, fx.road, groupId, fx.qs.id, {
    quarter: '2026-Q2', date: '2026-06-09', membersPresent: ['周伟（人大干部）', '村民 陈素芳'],
    findings: '路基施工中，安全标识不全', problems: '夜间无警示灯', rating: 'fair',
    demands: [{ demand: '补齐安全标识和夜间警示灯', deadline: '2026-06-20' }], ...v,
  }, c.now());
  const demand = db.select().from(rectification).where(eq(rectification.visitId, visit.id)).get();
  return { visit, demand };
}

/** The residents' rating window of the year, set directly (no audit entry). */
export function ratingWindow(c: DeliveryCase, opens: string, closes: string) {
  c.db.insert(feedbackWindow).values({ cycleId: c.fx.cycle.id, opens, closes, updatedAt: c.now(), updatedBy: c.fx.users.qsClerk.id }).run();
}

/** A resident's message about a project, as if submitted at `at` (a UTC instant; default: the case's clock). */
export function residentMessage(c: DeliveryCase, projectId: number, m: { rating?: SatisfactionRating | null; text?: string; state?: 'pending' | 'published' | 'hidden'; at?: Date }) {
  return c.db.insert(feedback).values({ projectId, rating: m.rating ?? null, text: m.text ?? '', state: m.state ?? 'pending', createdAt: m.at ?? c.now() }).returning().get();
}

/**
 * The year counted by hand in test/routes/deliveryDashboard.test.ts (as of 15 Aug 2026): the road (yellow), the
 * water (green), a bridge with nothing reported and an overdue demand (red), an accepted plaza (blue), and the
 * representatives' evaluation of the plaza and the road.
 */
export function handCountedYear(c: DeliveryCase) {
  const { db, fx } = c;
  const now = c.now();
  const unit = fx.users.qsUnit.id;
  const ms = (a: string, b: string) => JSON.stringify([{ title: '完成设计和招标', dueDate: '2026-04-30', state: a }, { title: '路基完工', dueDate: '2026-07-31', state: b }, { title: '路面完工并验收', dueDate: '2026-10-31', state: 'onTrack' }]);
  addReport(db, fx.road, '2026-03', 10, 50_000, unit, '2026-04-08T02:00:00Z', { milestones: ms('onTrack', 'onTrack') });
  addReport(db, fx.road, '2026-04', 20, 100_000, unit, '2026-05-12T02:00:00Z', { milestones: ms('done', 'onTrack') });
  addReport(db, fx.road, '2026-05', 35, 250_000, unit, '2026-06-10T13:00:00Z', { milestones: ms('done', 'onTrack') }); // 21:00 China on the due day
  addReport(db, fx.road, '2026-07', 50, 450_000, unit, '2026-08-09T02:00:00Z', { milestones: ms('done', 'onTrack') });
  addReport(db, fx.water, '2026-07', 8, 50_000, unit, '2026-08-03T02:00:00Z');
  const bridge = addProject(db, fx.cycle.id, {
    title: '龙井村便民桥', budget: 600_000, startDate: '2026-04-01', endDate: '2026-09-30',
    milestones: [{ title: '拆除旧桥', dueDate: '2026-05-31', plannedPct: 20, plannedSpend: 100_000 }, { title: '主体完工', dueDate: '2026-08-31', plannedPct: 70, plannedSpend: 400_000 }],
  }, 3);
  const plaza = addProject(db, fx.cycle.id, {
    title: '新华村文化广场', budget: 300_000, startDate: '2026-03-01', endDate: '2026-06-30', status: 'accepted', milestones: [],
  }, 4);
  ['03', '04', '05', '06'].forEach((m, i) => addReport(db, plaza, `2026-${m}`, [25, 50, 75, 100][i]!, [75_000, 150_000, 225_000, 300_000][i]!, unit, `2026-${String(Number(m) + 1).padStart(2, '0')}-05T02:00:00Z`));
  db.update(project).set({ status: 'inProgress' }).where(eq(project.id, fx.road)).run();
  const g = db.insert(supervisionGroup).values({ cycleId: fx.cycle.id, name: '第一组', createdAt: now }).returning().get();
  const visit = (pid: number) => db.insert(supervisionVisit).values({ projectId: pid, groupId: g.id, quarter: '2026-Q3', date: '2026-07-20', findings: '检查', rating: 'fair', recordedBy: fx.users.qsSup.id, recordedAt: now }).returning().get();
  db.insert(rectification).values({ visitId: visit(bridge).id, projectId: bridge, demand: '增加施工力量', deadline: '2026-08-01', state: 'open', updatedAt: now }).run();
  db.insert(rectification).values({ visitId: visit(fx.road).id, projectId: fx.road, demand: '补齐标识', deadline: '2026-08-30', state: 'answered', updatedAt: now }).run();
  recordEvaluationResults(db, { id: fx.users.qsClerk.id, name: '测试' }, fx.cycle, null, [
    { projectId: plaza, counts: { satisfied: 30, basic: 6, dissatisfied: 24 } },
    { projectId: fx.road, counts: { satisfied: 10, basic: 5, dissatisfied: 15 } },
  ], 60, now);
  return { bridge, plaza };
}
