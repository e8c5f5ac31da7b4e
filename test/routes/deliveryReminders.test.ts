import { beforeAll, describe, expect, it } from 'vitest';
import { feedback, rectification, supervisionAssignment, supervisionGroup, supervisionGroupMember, supervisionVisit } from '../../db/schema';
import { createApp } from '../../src/app';
import { deliveryTodos } from '../../src/data/deliveryReminders';
import { assignmentsOf } from '../../src/data/users';
import { freshDb, get, login } from '../helpers/app';
import { addReport, chinaMorning, deliveryFixture } from '../helpers/deliveryFixture';

/** As of 12 Aug 2026: what each role's home page asks of them. */
describe('home-page reminders', () => {
  const db = freshDb();
  const now = chinaMorning('2026-08-12');
  const app = createApp({ db, log: () => {}, now: () => now });
  let fx: Awaited<ReturnType<typeof deliveryFixture>>;

  beforeAll(async () => {
    fx = await deliveryFixture(db);
    const unit = fx.users.qsUnit.id;
    for (const m of ['03', '04', '05', '06']) addReport(db, fx.road, `2026-${m}`, 10 * Number(m), 0, unit, `2026-${String(Number(m) + 1).padStart(2, '0')}-08T02:00:00Z`);
    const g = db.insert(supervisionGroup).values({ cycleId: fx.cycle.id, name: '第一组', createdAt: now }).returning().get();
    db.insert(supervisionGroupMember).values({ groupId: g.id, name: '周伟', role: 'staff', userId: fx.users.qsSup.id }).run();
    db.insert(supervisionAssignment).values({ projectId: fx.road, groupId: g.id }).run();
    const v = db.insert(supervisionVisit).values({ projectId: fx.road, groupId: g.id, quarter: '2026-Q2', date: '2026-06-15', findings: '正常', rating: 'good', recordedBy: fx.users.qsSup.id, recordedAt: now }).returning().get();
    db.insert(rectification).values([
      { visitId: v.id, projectId: fx.road, demand: '补齐标识', deadline: '2026-08-20', state: 'open', updatedAt: now },
      { visitId: v.id, projectId: fx.road, demand: '清理弃土', deadline: '2026-07-31', state: 'answered', response: '已清理', updatedAt: now },
    ]).run();
    db.insert(feedback).values({ projectId: fx.road, rating: 'basic', text: '希望加快', createdAt: now }).run();
  });

  const labels = (username: keyof Awaited<ReturnType<typeof deliveryFixture>>['users']) => {
    const u = fx.users[username];
    return deliveryTodos(db, { id: u.id, assignments: assignmentsOf(db, u.id) }, '2026-08-12').map((t) => `${t.overdue ? '!' : ''}${t.label}${t.due ? ` @${t.due}` : ''}`);
  };

  // The road's reports never marked 完成设计和招标 (due 30 Apr) done: 92 days late of a 244-day schedule → red.
  it('the unit: July’s reports, the red project’s task, the open demand; the project with no named unit is theirs too', () => {
    expect(labels('qsUnit')).toEqual([
      '!报送“青石村道路硬化”2026-07 月度进展 @2026-08-10',
      '!报送“杨柳村饮水管网改造”2026-07 月度进展 @2026-08-10',
      '“青石村道路硬化”亮红灯：进度严重滞后，请报送赶工措施 @2026-09-10',
      '答复“青石村道路硬化”整改要求：补齐标识 @2026-08-20',
    ]);
  });

  it('the supervision member: Q1’s missed visit (March is in the schedule), this quarter’s, and the answer to judge', () => {
    expect(labels('qsSup')).toEqual([
      '!记录“青石村道路硬化”2026年第一季度督查 @2026-03-31',
      '记录“青石村道路硬化”2026年第三季度督查 @2026-09-30',
      '确认“青石村道路硬化”整改答复：清理弃土',
    ]);
  });

  it('the clerk: the overdue reports, the feedback queue, the project without a group, the mid-term report', () => {
    expect(labels('qsClerk')).toEqual([
      '!2 份月度进展逾期未报，请督促承办单位（2026 年度）',
      '审核群众留言 1 条（2026 年度）',
      '为 1 个项目分配监督小组（2026 年度）',
      '编写并发布 2026 年度期中报告',
    ]);
  });

  it('a representative has nothing here yet; another township’s clerk sees none of it', () => {
    expect(labels('qsRep')).toEqual([]);
    expect(labels('lxClerk')).toEqual([]);
  });

  it('the home page shows the list with links into the year’s projects', async () => {
    const html = await (await get(app, '/', await login(app, 'qs.sup'))).text();
    expect(html).toContain('待办 · 项目实施监督（3）');
    expect(html).toContain('href="/j/QS/cycles/2026/projects"');
  });
});
