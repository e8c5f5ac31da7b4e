import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { closureSignature, jurisdiction, poll, representative, resolution, roleAssignment, session, sessionOfficer, sessionRoster, user } from '../../db/schema';
import { ok, refuse, type Result } from '../domain/result';
import { checkOfficerAssignment, officerChangeReason, type OfficerPerson } from '../domain/sessionOfficers';
import { SESSION_OFFICER_ROLES, SESSION_OFFICER_ROLE_WORDS, type Role, type SessionOfficerRole } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Session } from './sessions';

export type SessionOfficer = typeof sessionOfficer.$inferSelect;

const roleOrder = sql`case ${sessionOfficer.role} when 'chiefScrutineer' then 0 when 'scrutineer' then 1 else 2 end`;

/** The session's officers: 总监票人 first, then 监票人, then 计票人, each in the order named. */
export function officersOf(db: Db, sessionId: number): SessionOfficer[] {
  return db.select().from(sessionOfficer).where(eq(sessionOfficer.sessionId, sessionId)).orderBy(roleOrder, asc(sessionOfficer.id)).all();
}

/** The roles a login holds at one session (none for anyone else, whatever they hold elsewhere). */
export function officerRolesOf(db: Db, sessionId: number, userId: number): SessionOfficerRole[] {
  return db.select({ role: sessionOfficer.role }).from(sessionOfficer)
    .where(and(eq(sessionOfficer.sessionId, sessionId), eq(sessionOfficer.userId, userId))).all().map((r) => r.role);
}

/** Once a poll of the session has opened, its officers are fixed (a change then needs a reason). */
export function officersFrozen(db: Db, sessionId: number): boolean {
  return db.select({ n: sql<number>`1` }).from(poll).where(and(eq(poll.sessionId, sessionId), isNotNull(poll.openedAt))).get() !== undefined;
}

/** Staff roles whose accounts may be named 计票人 (representatives come in through the roster). */
const STAFF_ROLES: Role[] = ['clerk', 'implementingUnit', 'supervisionMember'];

export interface OfficerChoice { value: string; name: string; note: string }

/**
 * Who can be named: the session's roster representatives with a login (value rep:<id>) and the active staff
 * accounts of the session's own jurisdiction (value user:<id>). Only a login can enter ballots or sign.
 */
export function officerChoices(db: Db, s: Session): { reps: OfficerChoice[]; staff: OfficerChoice[] } {
  const reps = db.select({ id: sessionRoster.representativeId, name: sessionRoster.name, community: sessionRoster.community })
    .from(sessionRoster).innerJoin(representative, eq(representative.id, sessionRoster.representativeId))
    .innerJoin(user, eq(user.id, representative.userId))
    .where(and(eq(sessionRoster.sessionId, s.id), eq(user.active, true))).orderBy(asc(sessionRoster.representativeId)).all();
  const staff = db.selectDistinct({ id: user.id, name: user.displayName, username: user.username }).from(user)
    .innerJoin(roleAssignment, eq(roleAssignment.userId, user.id))
    .where(and(eq(roleAssignment.jurisdictionId, s.jurisdictionId), inArray(roleAssignment.role, STAFF_ROLES), eq(user.active, true)))
    .orderBy(asc(user.id)).all();
  return {
    reps: reps.map((r) => ({ value: `rep:${r.id}`, name: r.name, note: r.community })),
    staff: staff.map((u) => ({ value: `user:${u.id}`, name: u.name, note: u.username })),
  };
}

export interface OfficerInput { role: SessionOfficerRole; person: string; reason: string }

/** Reads rep:<id> / user:<id> against the session: a roster representative with a login, or a staff account here. */
function personOf(db: Db, s: Session, value: string): Result<OfficerPerson & { name: string }> {
  const m = /^(rep|user):(\d{1,9})$/.exec(value);
  const choices = officerChoices(db, s);
  const listed = m && (m[1] === 'rep' ? choices.reps : choices.staff).find((c) => c.value === value);
  if (!m || !listed) return refuse('请从列表中选择本次会议的代表或本辖区的工作人员', 'person');
  if (m[1] === 'rep') {
    const rep = db.select().from(representative).where(eq(representative.id, Number(m[2]))).get()!;
    return ok({ kind: 'rep', representativeId: rep.id, userId: rep.userId!, name: listed.name });
  }
  return ok({ kind: 'staff', userId: Number(m[2]), name: listed.name });
}

/** Names one officer: audited; after the first poll opened only with a reason. */
export function assignOfficer(db: Db, actor: Actor & { id: number }, s: Session, input: OfficerInput, now: Date): Result<SessionOfficer> {
  return db.transaction((tx) => {
    if (!SESSION_OFFICER_ROLES.includes(input.role)) return refuse('请选择职务', 'role');
    const reason = officerChangeReason(officersFrozen(tx, s.id), input.reason);
    if (!reason.ok) return reason;
    const person = personOf(tx, s, input.person);
    if (!person.ok) return person;
    const allowed = checkOfficerAssignment(officersOf(tx, s.id), input.role, person.value);
    if (!allowed.ok) return allowed;
    const p = person.value;
    const row = tx.insert(sessionOfficer).values({
      sessionId: s.id, role: input.role, representativeId: p.kind === 'rep' ? p.representativeId : null, userId: p.userId,
      name: p.name, assignedBy: actor.id, assignedAt: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'session.officer.assign', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { officerId: row.id, role: row.role, name: row.name, representativeId: row.representativeId, userId: row.userId, reason: reason.value || undefined },
    }, now);
    return ok(row);
  });
}

/** Removes one officer: before the first poll freely, after it with a reason; never one who has signed a certificate. */
export function removeOfficer(db: Db, actor: Actor, s: Session, officerId: number, reasonText: string, now: Date): Result<SessionOfficer> {
  return db.transaction((tx) => {
    const o = tx.select().from(sessionOfficer).where(and(eq(sessionOfficer.id, officerId), eq(sessionOfficer.sessionId, s.id))).get();
    if (!o) return refuse('该人员不是本次会议的监票人或计票人');
    const reason = officerChangeReason(officersFrozen(tx, s.id), reasonText);
    if (!reason.ok) return reason;
    const signed = tx.select({ n: sql<number>`count(*)` }).from(closureSignature).where(eq(closureSignature.officerId, o.id)).get()!.n;
    if (signed > 0) return refuse(`${o.name}已在计票结果报告单上签署，不能撤换`);
    tx.delete(sessionOfficer).where(eq(sessionOfficer.id, o.id)).run();
    recordAudit(tx, actor, {
      action: 'session.officer.remove', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { officerId: o.id, role: o.role, name: o.name, representativeId: o.representativeId, userId: o.userId },
      after: reason.value ? { reason: reason.value } : undefined,
    }, now);
    return ok(o);
  });
}

export interface OfficerDuty { code: string; sessionId: number; title: string; roles: SessionOfficerRole[] }

/** Where a login is an officer of a session still under way (not closed, or closed with its result unpublished). */
export function officerDutiesOf(db: Db, userId: number): OfficerDuty[] {
  const rows = prepared(db, 'officerDutiesOf', (db) => db.select({ code: jurisdiction.code, sessionId: session.id, title: session.title, role: sessionOfficer.role })
    .from(sessionOfficer).innerJoin(session, eq(session.id, sessionOfficer.sessionId))
    .innerJoin(jurisdiction, eq(jurisdiction.id, session.jurisdictionId))
    .leftJoin(resolution, eq(resolution.sessionId, session.id))
    .where(and(eq(sessionOfficer.userId, sql.placeholder('userId')), or(ne(session.state, 'closed'), isNull(resolution.publishedAt))))
    .orderBy(asc(session.date), asc(session.id), roleOrder).prepare()).all({ userId });
  const out: OfficerDuty[] = [];
  for (const r of rows) {
    const hit = out.find((d) => d.sessionId === r.sessionId);
    if (hit) hit.roles.push(r.role);
    else out.push({ code: r.code, sessionId: r.sessionId, title: r.title, roles: [r.role] });
  }
  return out;
}

export const officerWords = (roles: readonly SessionOfficerRole[]) => roles.map((r) => SESSION_OFFICER_ROLE_WORDS[r]).join('、');
