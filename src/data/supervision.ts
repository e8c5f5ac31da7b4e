import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rectification, rectificationEvent, roleAssignment, supervisionAssignment, supervisionGroup, supervisionGroupMember, supervisionVisit, user } from '../../db/schema';
import { type SupervisionMemberRole, type VisitRating } from '../domain/vocabulary';
import { checkRectificationStep, type RectificationState, type RectificationStep } from '../domain/rectification';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import { projectsOfCycle, type Project } from './projects';

export type SupervisionGroup = typeof supervisionGroup.$inferSelect;
export type GroupMember = typeof supervisionGroupMember.$inferSelect;
export type Visit = typeof supervisionVisit.$inferSelect;
export type Rectification = typeof rectification.$inferSelect;

export interface GroupWithMembers extends SupervisionGroup { members: GroupMember[]; projectIds: number[] }

export function groupsOfCycle(db: Db, cycleId: number): GroupWithMembers[] {
  const groups = db.select().from(supervisionGroup).where(eq(supervisionGroup.cycleId, cycleId)).orderBy(asc(supervisionGroup.id)).all();
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.id);
  const members = db.select().from(supervisionGroupMember).where(inArray(supervisionGroupMember.groupId, ids)).orderBy(asc(supervisionGroupMember.id)).all();
  const assigned = db.select().from(supervisionAssignment).where(inArray(supervisionAssignment.groupId, ids)).all();
  return groups.map((g) => ({
    ...g, members: members.filter((m) => m.groupId === g.id), projectIds: assigned.filter((a) => a.groupId === g.id).map((a) => a.projectId),
  }));
}

export function getGroup(db: Db, cycleId: number, groupId: number): SupervisionGroup | undefined {
  return db.select().from(supervisionGroup).where(and(eq(supervisionGroup.id, groupId), eq(supervisionGroup.cycleId, cycleId))).get();
}

export function groupOfProject(db: Db, projectId: number): GroupWithMembers | undefined {
  const a = db.select().from(supervisionAssignment).where(eq(supervisionAssignment.projectId, projectId)).get();
  if (!a) return undefined;
  const g = db.select().from(supervisionGroup).where(eq(supervisionGroup.id, a.groupId)).get()!;
  return groupsOfCycle(db, g.cycleId).find((x) => x.id === g.id);
}

export function isGroupMember(db: Db, groupId: number, userId: number): boolean {
  return !!db.select({ id: supervisionGroupMember.id }).from(supervisionGroupMember)
    .where(and(eq(supervisionGroupMember.groupId, groupId), eq(supervisionGroupMember.userId, userId))).get();
}

/** Accounts that may be linked to a member: the jurisdiction's supervision members and clerks. */
export function supervisionAccounts(db: Db, jurisdictionId: number): { id: number; displayName: string }[] {
  return db.selectDistinct({ id: user.id, displayName: user.displayName }).from(roleAssignment).innerJoin(user, eq(user.id, roleAssignment.userId))
    .where(and(eq(roleAssignment.jurisdictionId, jurisdictionId), inArray(roleAssignment.role, ['supervisionMember', 'clerk']), eq(user.active, true)))
    .orderBy(asc(user.id)).all();
}

export function createGroup(db: Db, actor: Actor, cycleId: number, jurisdictionId: number, name: string, now: Date): SupervisionGroup {
  return db.transaction((tx) => {
    const row = tx.insert(supervisionGroup).values({ cycleId, name, createdAt: now }).returning().get();
    recordAudit(tx, actor, { action: 'supervision.group.create', targetType: 'supervisionGroup', targetId: row.id, jurisdictionId, after: { name } }, now);
    return row;
  });
}

export interface MemberInput { name: string; role: SupervisionMemberRole; observer: boolean; userId: number | null }

/** A member may be linked to a login only of this jurisdiction's supervision members and clerks. */
export function addMember(db: Db, actor: Actor, group: SupervisionGroup, jurisdictionId: number, m: MemberInput, now: Date): Result<GroupMember, 'userId'> {
  return db.transaction((tx) => {
    if (m.userId !== null && !supervisionAccounts(tx, jurisdictionId).some((a) => a.id === m.userId)) {
      return refuse('只能关联本辖区的监督小组成员或人大工作人员账号', 'userId');
    }
    const row = tx.insert(supervisionGroupMember).values({ ...m, groupId: group.id }).returning().get();
    recordAudit(tx, actor, { action: 'supervision.member.add', targetType: 'supervisionGroup', targetId: group.id, jurisdictionId, after: { ...m, memberId: row.id } }, now);
    return ok(row);
  });
}

export function removeMember(db: Db, actor: Actor, group: SupervisionGroup, jurisdictionId: number, memberId: number, now: Date): boolean {
  return db.transaction((tx) => {
    const m = tx.select().from(supervisionGroupMember).where(and(eq(supervisionGroupMember.id, memberId), eq(supervisionGroupMember.groupId, group.id))).get();
    if (!m) return false;
    tx.delete(supervisionGroupMember).where(eq(supervisionGroupMember.id, memberId)).run();
    recordAudit(tx, actor, { action: 'supervision.member.remove', targetType: 'supervisionGroup', targetId: group.id, jurisdictionId, before: m }, now);
    return true;
  });
}

/** One group per project, of the group's own year: assigning again moves it. */
export function assignProject(db: Db, actor: Actor, group: SupervisionGroup, jurisdictionId: number, projectId: number, now: Date): Result<Project, 'projectId'> {
  return db.transaction((tx) => {
    const p = projectsOfCycle(tx, group.cycleId).find((x) => x.id === projectId);
    if (!p) return refuse('请选择本年度的项目', 'projectId');
    const before = tx.select().from(supervisionAssignment).where(eq(supervisionAssignment.projectId, projectId)).get();
    tx.insert(supervisionAssignment).values({ projectId, groupId: group.id })
      .onConflictDoUpdate({ target: supervisionAssignment.projectId, set: { groupId: group.id } }).run();
    recordAudit(tx, actor, {
      action: 'supervision.assign', targetType: 'project', targetId: projectId, jurisdictionId,
      before: before ? { groupId: before.groupId } : undefined, after: { groupId: group.id },
    }, now);
    return ok(p);
  });
}

export function assignmentsOfCycle(db: Db, projectIds: readonly number[]): Map<number, number> {
  if (projectIds.length === 0) return new Map();
  return new Map(prepared(db, 'supervisionAssignmentsOf', (db) => db.select().from(supervisionAssignment).where(inArray(supervisionAssignment.projectId, idsIn('ids'))).prepare())
    .all({ ids: idList(projectIds) }).map((a) => [a.projectId, a.groupId]));
}

export interface VisitInput {
  quarter: string; date: string; membersPresent: string[]; findings: string; problems: string; rating: VisitRating;
  demands: { demand: string; deadline: string }[];
}

/** The visit and its demands land together, each demand with its first history entry. */
export function recordVisit(db: Db, actor: Actor & { id: number }, projectId: number, groupId: number, jurisdictionId: number, v: VisitInput, now: Date): Visit {
  return db.transaction((tx) => {
    const visit = tx.insert(supervisionVisit).values({
      projectId, groupId, quarter: v.quarter, date: v.date, membersPresent: JSON.stringify(v.membersPresent),
      findings: v.findings, problems: v.problems, rating: v.rating, recordedBy: actor.id, recordedAt: now,
    }).returning().get();
    for (const d of v.demands) {
      const r = tx.insert(rectification).values({ visitId: visit.id, projectId, demand: d.demand, deadline: d.deadline, updatedAt: now }).returning().get();
      tx.insert(rectificationEvent).values({ rectificationId: r.id, kind: 'demand', text: d.demand, deadline: d.deadline, by: actor.id, at: now }).run();
    }
    recordAudit(tx, actor, {
      action: 'supervision.visit.record', targetType: 'project', targetId: projectId, jurisdictionId,
      after: { visitId: visit.id, quarter: v.quarter, date: v.date, rating: v.rating, demands: v.demands.length },
    }, now);
    return visit;
  });
}

/** Publishing twice changes nothing: the first publication time stays. */
export function publishVisit(db: Db, actor: Actor, visit: Visit, jurisdictionId: number, now: Date): void {
  if (visit.publishedAt) return;
  db.transaction((tx) => {
    tx.update(supervisionVisit).set({ publishedAt: now }).where(eq(supervisionVisit.id, visit.id)).run();
    recordAudit(tx, actor, { action: 'supervision.visit.publish', targetType: 'project', targetId: visit.projectId, jurisdictionId, after: { visitId: visit.id } }, now);
  });
}

export interface VisitWithDemands extends Visit { members: string[]; recordedByName: string; rectifications: Rectification[] }

export function visitsOf(db: Db, projectIds: readonly number[]): VisitWithDemands[] {
  if (projectIds.length === 0) return [];
  const visits = db.select({ v: supervisionVisit, name: user.displayName }).from(supervisionVisit).innerJoin(user, eq(user.id, supervisionVisit.recordedBy))
    .where(inArray(supervisionVisit.projectId, [...projectIds])).orderBy(asc(supervisionVisit.date), asc(supervisionVisit.id)).all();
  const rects = rectificationsOf(db, projectIds);
  return visits.map(({ v, name }) => ({
    ...v, recordedByName: name, members: JSON.parse(v.membersPresent) as string[], rectifications: rects.filter((r) => r.visitId === v.id),
  }));
}

export function getVisit(db: Db, projectId: number, visitId: number): Visit | undefined {
  return db.select().from(supervisionVisit).where(and(eq(supervisionVisit.id, visitId), eq(supervisionVisit.projectId, projectId))).get();
}

export function rectificationsOf(db: Db, projectIds: readonly number[]): Rectification[] {
  if (projectIds.length === 0) return [];
  return prepared(db, 'rectificationsOf', (db) => db.select().from(rectification).where(inArray(rectification.projectId, idsIn('ids')))
    .orderBy(asc(rectification.deadline), asc(rectification.id)).prepare()).all({ ids: idList(projectIds) });
}

export function getRectification(db: Db, projectId: number, id: number): Rectification | undefined {
  return db.select().from(rectification).where(and(eq(rectification.id, id), eq(rectification.projectId, projectId))).get();
}

export function rectificationHistory(db: Db, id: number) {
  return db.select({ e: rectificationEvent, byName: user.displayName }).from(rectificationEvent).innerJoin(user, eq(user.id, rectificationEvent.by))
    .where(eq(rectificationEvent.rectificationId, id)).orderBy(asc(rectificationEvent.id)).all()
    .map(({ e, byName }) => ({ ...e, byName }));
}

/** answer (the unit), accept / reopen (the group): the state machine decides, the history keeps every note. */
export function stepRectification(db: Db, actor: Actor & { id: number }, r: Rectification, jurisdictionId: number,
  step: RectificationStep, text: string, newDeadline: string | null, now: Date): Result<RectificationState> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(rectification).where(eq(rectification.id, r.id)).get()!;
    const check = checkRectificationStep(fresh.state, step);
    if (!check.ok) return check;
    const to = check.value;
    tx.update(rectification).set({
      state: to, updatedAt: now,
      ...(step === 'answer' ? { response: text } : {}),
      ...(step === 'reopen' && newDeadline ? { deadline: newDeadline } : {}),
    }).where(eq(rectification.id, r.id)).run();
    tx.insert(rectificationEvent).values({ rectificationId: r.id, kind: step, text, deadline: step === 'reopen' ? newDeadline : null, by: actor.id, at: now }).run();
    recordAudit(tx, actor, {
      action: `rectification.${step}`, targetType: 'rectification', targetId: r.id, jurisdictionId,
      before: { state: fresh.state, deadline: fresh.deadline }, after: { state: to, text, ...(newDeadline ? { deadline: newDeadline } : {}) },
    }, now);
    return ok(to);
  });
}
