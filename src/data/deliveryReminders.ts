import { and, asc, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cycle, jurisdiction, project } from '../../db/schema';
import type { Settings } from '../domain/settings';
import type { Assignment } from '../domain/authz';
import { isProjectUnit } from '../domain/projectUnit';
import { isRectificationOverdue } from '../domain/rectification';
import { lastDayOfMonth, nextReportDueDate, quarterOf, scheduleQuarters } from '../domain/schedule';
import { quarterLabel } from '../domain/supervision';
import { assessCycles, type AssessedProject } from './delivery';
import { pendingFeedbackCount } from './feedback';
import { getMidterm } from './midterm';
import { getSettings } from './settings';
import { groupsOfCycle, visitsOf } from './supervision';
import { evaluationsToCast } from './voteNow';
import { colourTask, followUpDue, isFollowUpOverdue, overrunLine } from '../domain/deliveryTasks';
import { openFollowUps } from './evaluation';
import { idList, idsIn, prepared } from './statements';
import { keptUntilWrite } from './keptUntilWrite';
import { compareDates } from '../domain/chinaDate';

/** One thing due from the person looking at their home page. */
export interface DeliveryTodo { label: string; href: string; due?: string; overdue: boolean }

/** The home page's delivery section: what is due, and a way into each year's projects under supervision. */
export interface DeliveryHome { todos: DeliveryTodo[]; cycles: { label: string; href: string }[] }

export function deliveryHome(db: Db, user: { id: number; assignments: readonly Assignment[] }, today: string): DeliveryHome {
  // Read from the database alone, for this user and their roles, on this China date: kept until the next write.
  return keptUntilWrite(db, `deliveryHome|${user.id}|${JSON.stringify(user.assignments)}|${today}`, () => deliveryHomeNow(db, user, today));
}

function deliveryHomeNow(db: Db, user: { id: number; assignments: readonly Assignment[] }, today: string): DeliveryHome {
  const desk = deskOf(db, user.assignments, today);
  const withProjects = new Set(desk.cycles.length === 0 ? [] : prepared(db, 'cyclesWithProjects', (db) => db.selectDistinct({ id: project.cycleId })
    .from(project).where(inArray(project.cycleId, idsIn('ids'))).prepare()).all({ ids: idList(desk.cycles.map((cy) => cy.id)) }).map((r) => r.id));
  const cycles = new Map<string, string>();
  for (const a of user.assignments) {
    if (a.role === 'districtAdmin') continue;
    const j = desk.jurisdictions.get(a.jurisdictionId);
    if (!j) continue;
    for (const cy of desk.cyclesOf(j.id)) {
      if (withProjects.has(cy.id)) cycles.set(`/j/${j.code}/cycles/${cy.year}/projects`, `${j.name} ${cy.year} 年度项目实施进展`);
    }
  }
  return { todos: todosAt(db, user, today, desk), cycles: [...cycles].map(([href, label]) => ({ href, label })) };
}

// Roles whose home page lists the projects of their jurisdictions' open cycles, assessed.
const ASSESSING = ['implementingUnit', 'supervisionMember', 'clerk'];

/**
 * What the home page reads once for all of a user's role assignments (a person may hold several in one town):
 * their jurisdictions, those jurisdictions' cycles not closed (in year order), settings, and the cycles
 * the delivery roles look at, assessed together.
 */
function deskOf(db: Db, assignments: readonly Assignment[], today: string) {
  const ids = [...new Set(assignments.map((a) => a.jurisdictionId))];
  const jurisdictions = new Map(ids.length === 0 ? [] : prepared(db, 'deskJurisdictions', (db) => db.select().from(jurisdiction)
    .where(inArray(jurisdiction.id, idsIn('ids'))).prepare()).all({ ids: idList(ids) }).map((j) => [j.id, j]));
  const cycles = ids.length === 0 ? [] : prepared(db, 'deskCycles', (db) => db.select().from(cycle)
    .where(and(inArray(cycle.jurisdictionId, idsIn('ids')), ne(cycle.phase, 'closed'))).orderBy(asc(cycle.jurisdictionId), asc(cycle.year)).prepare())
    .all({ ids: idList(ids) });
  const settings = new Map<number, Settings>();
  const settingsOf = (jurisdictionId: number) => {
    let s = settings.get(jurisdictionId);
    if (!s) settings.set(jurisdictionId, (s = getSettings(db, jurisdictionId)));
    return s;
  };
  const assessedJurisdictions = new Set(assignments.filter((a) => ASSESSING.includes(a.role)).map((a) => a.jurisdictionId));
  const assessed = assessCycles(db, cycles.filter((cy) => assessedJurisdictions.has(cy.jurisdictionId))
    .map((cy) => ({ cycle: cy, settings: settingsOf(cy.jurisdictionId) })), today);
  return {
    jurisdictions, cycles, settingsOf, assessed,
    cyclesOf: (jurisdictionId: number) => cycles.filter((cy) => cy.jurisdictionId === jurisdictionId),
  };
}
type Desk = ReturnType<typeof deskOf>;

function quarterEnd(q: string): string {
  const [y, n] = q.split('-Q');
  return lastDayOfMonth(`${y}-${String(Number(n) * 3).padStart(2, '0')}`);
}

/**
 * What delivery supervision expects from this user now (DOMAIN §3.5): the unit's reports and answers and the
 * task a red project puts on it, the supervision member's visits and decisions, the clerk's queue.
 * and the representative's year-end evaluation ballot while its poll is open. Most urgent first.
 */
export function deliveryTodos(db: Db, user: { id: number; assignments: readonly Assignment[] }, today: string): DeliveryTodo[] {
  return todosAt(db, user, today, deskOf(db, user.assignments, today));
}

function todosAt(db: Db, user: { id: number; assignments: readonly Assignment[] }, today: string, desk: Desk): DeliveryTodo[] {
  const out: (DeliveryTodo & { rank: number })[] = [];
  const add = (t: DeliveryTodo, rank: number) => out.push({ ...t, rank });
  if (user.assignments.some((a) => a.role === 'representative' || a.role === 'deliberationRep')) {
    // The poll is open now, in the hall: nothing is more urgent. The vote page checks in first if need be.
    for (const e of evaluationsToCast(db, user.id)) add({ label: `参加满意度测评：${e.title}（${e.sessionTitle}）`, href: `/j/${e.code}/vote`, overdue: false }, -1);
  }
  for (const a of user.assignments) {
    const j = desk.jurisdictions.get(a.jurisdictionId);
    if (!j) continue;
    if (a.role === 'districtAdmin' && j.kind === 'district') {
      add({ label: `查看各镇街民生实事项目实施统计`, href: `/j/${j.code}/delivery`, overdue: false }, 9);
      continue;
    }
    if (!ASSESSING.includes(a.role)) continue;
    if (a.role === 'implementingUnit' || a.role === 'clerk') followUpTodos(db, j, a.role, user.id, today, add, desk.settingsOf(j.id));
    for (const cy of desk.cyclesOf(j.id)) {
      const settings = desk.settingsOf(j.id);
      const items = desk.assessed.get(cy.id) ?? [];
      if (items.length === 0) continue;
      const base = `/j/${j.code}/cycles/${cy.year}`;
      if (a.role === 'implementingUnit') {
        for (const it of items.filter((x) => isProjectUnit(x.project, user.id))) {
          const href = `${base}/projects/${it.project.id}`;
          for (const s of it.assessment.standings.filter((x) => x.standing === 'open' || x.standing === 'overdue')) {
            add({ label: `报送“${it.project.title}”${s.month} 月度进展`, href: `${href}/reports/${s.month}`, due: s.due, overdue: s.standing === 'overdue' }, s.standing === 'overdue' ? 1 : 3);
          }
          for (const r of it.rectifications.filter((x) => x.state === 'open' || x.state === 'reopened')) {
            add({ label: `答复“${it.project.title}”整改要求：${r.demand}`, href: `${href}/rectifications/${r.id}`, due: r.deadline, overdue: isRectificationOverdue(r.state, r.deadline, today) }, 2);
          }
          const task = colourTask(it.project.title, it.assessment, it.plan.endDate);
          if (task) add({ label: task, href, due: nextReportDueDate(today, settings.reportDueDay), overdue: false }, 0);
        }
      }
      if (a.role === 'supervisionMember' || a.role === 'clerk') {
        const mine = a.role === 'clerk' ? [] : groupsOfCycle(db, cy.id).filter((g) => g.members.some((m) => m.userId === user.id));
        const projectIds = new Set(mine.flatMap((g) => g.projectIds));
        const visits = visitsOf(db, [...projectIds]);
        for (const it of items.filter((x) => projectIds.has(x.project.id) && x.project.status !== 'accepted')) {
          const href = `${base}/projects/${it.project.id}`;
          for (const q of scheduleQuarters(it.plan.startDate, it.plan.endDate, cy.year).filter((q) => q <= quarterOf(today))) {
            if (visits.some((v) => v.projectId === it.project.id && v.quarter === q)) continue;
            add({ label: `记录“${it.project.title}”${quarterLabel(q)}督查`, href: `${href}/visits/new`, due: quarterEnd(q), overdue: quarterEnd(q) < today }, 4);
          }
          for (const r of it.rectifications.filter((x) => x.state === 'answered')) {
            add({ label: `确认“${it.project.title}”整改答复：${r.demand}`, href: `${href}/rectifications/${r.id}`, overdue: false }, 4);
          }
        }
      }
      if (a.role === 'clerk') {
        const pending = pendingFeedbackCount(db, items.map((x) => x.project.id));
        if (pending > 0) add({ label: `审核群众留言 ${pending} 条（${cy.year} 年度）`, href: `${base}/feedback`, overdue: false }, 5);
        const ungrouped = items.filter((x) => x.groupId === null).length;
        if (ungrouped > 0) add({ label: `为 ${ungrouped} 个项目分配监督小组（${cy.year} 年度）`, href: `${base}/supervision`, overdue: false }, 5);
        const overdue = items.reduce((n, x) => n + x.assessment.standings.filter((s) => s.standing === 'overdue').length, 0);
        if (overdue > 0) add({ label: `${overdue} 份月度进展逾期未报，请督促承办单位（${cy.year} 年度）`, href: `${base}/dashboard#t-overdue`, overdue: true }, 6);
        for (const it of items.filter((x) => x.assessment.overrunMonths > 0)) {
          add({
            label: overrunLine(it.project.title, it.plan.endDate, it.assessment.overrunMonths, it.assessment.colour),
            href: `${base}/projects/${it.project.id}`, due: it.plan.endDate, overdue: true,
          }, 6);
        }
        planTodos(items, base, today, add);
        const mid = getMidterm(db, cy.id);
        if (!mid?.publishedAt && today >= `${cy.year}-07-01`) {
          add({ label: `编写并发布 ${cy.year} 年度期中报告`, href: `${base}/midterm`, overdue: false }, 7);
        }
      }
    }
  }
  return out.sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.rank - y.rank || compareDates(x.due ?? '9', y.due ?? '9'))
    .map(({ rank: _r, ...t }) => t);
}

/** 实施方案 not yet published (overdue after the clerk's deadline) and adjustment requests awaiting a decision. */
function planTodos(items: readonly AssessedProject[], base: string, today: string, add: (t: DeliveryTodo, rank: number) => void) {
  for (const { project: p, implementationPlan: plan } of items) {
    if (!plan?.publishBy || plan.publishedAt) continue;
    const overdue = today > plan.publishBy;
    add({ label: `公布“${p.title}”实施方案${overdue ? '：已逾期' : ''}`, href: `${base}/projects/${p.id}/implementation`, due: plan.publishBy, overdue }, overdue ? 1 : 5);
  }
  // In the order they were asked, across the cycle's projects.
  const requested = items.flatMap((x) => x.amendments.filter((a) => a.state === 'requested').map((a) => ({ a, title: x.project.title })))
    .sort((x, y) => x.a.id - y.a.id);
  for (const { a, title } of requested) {
    add({ label: `“${title}”有调整申请待提请决定`, href: `${base}/projects/${a.projectId}/amendments`, overdue: false }, 5);
  }
}

/**
 * 测评整改: the unit puts a below-threshold project right by its deadline; the clerk sees the same follow-up, and
 * both see it turn overdue. Listed from every year, closed ones too, until the clerk marks it done.
 */
function followUpTodos(db: Db, j: { id: number; code: string }, role: 'implementingUnit' | 'clerk', userId: number, today: string,
  add: (t: DeliveryTodo, rank: number) => void, settings: Settings) {
  const days = settings.followUpDays;
  for (const f of openFollowUps(db, j.id)) {
    if (role === 'implementingUnit' && !isProjectUnit(f, userId)) continue;
    const due = followUpDue(f.followUp, days);
    const overdue = isFollowUpOverdue(f.followUp, days, today);
    const label = role === 'clerk'
      ? `跟踪“${f.title}”满意度测评整改（${f.year} 年度）${overdue ? '：已逾期' : ''}`
      : `落实“${f.title}”满意度测评整改（${f.year} 年度）`;
    add({ label, href: `/j/${j.code}/cycles/${f.year}/projects/${f.projectId}#evaluation`, due, overdue }, role === 'clerk' ? 5 : 2);
  }
}
