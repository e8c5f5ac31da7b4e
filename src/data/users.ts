import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { type Role } from '../domain/vocabulary';
import type { Assignment } from '../domain/authz';
import { createLoginSession, invalidateLoginSession, invalidateUserLoginSessions } from '../auth/loginSession';
import { recordAudit, type Actor } from './audit';
import { contains } from './sql';
import { ok, refuse } from '../domain/result';

export type User = typeof user.$inferSelect;

export function getUserByUsername(db: Db, username: string): User | undefined {
  return db.select().from(user).where(eq(user.username, username)).get();
}

export function getUser(db: Db, id: number): User | undefined {
  return db.select().from(user).where(eq(user.id, id)).get();
}

export function assignmentsOf(db: Db, userId: number): Assignment[] {
  return db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId })
    .from(roleAssignment).where(eq(roleAssignment.userId, userId)).all();
}

export interface Scope extends Assignment { id: number; code: string; name: string; kind: string }

/** A user's role assignments with their jurisdictions, for navigation and the admin pages. */
export function scopesOf(db: Db, userId: number): Scope[] {
  return db.select({
    id: roleAssignment.id, role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId,
    code: jurisdiction.code, name: jurisdiction.name, kind: jurisdiction.kind,
  }).from(roleAssignment).innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
    .where(eq(roleAssignment.userId, userId)).orderBy(asc(jurisdiction.id), asc(roleAssignment.role)).all();
}

export interface UserFilter { q?: string; role?: Role; jurisdictionId?: number; page: number; pageSize: number }

export function listUsers(db: Db, f: UserFilter) {
  const where: SQL[] = [];
  if (f.q) {
    where.push(or(contains(user.username, f.q), contains(user.displayName, f.q))!);
  }
  if (f.role || f.jurisdictionId) {
    const conds: SQL[] = [sql`ra.user_id = ${user.id}`];
    if (f.role) conds.push(sql`ra.role = ${f.role}`);
    if (f.jurisdictionId) conds.push(sql`ra.jurisdiction_id = ${f.jurisdictionId}`);
    where.push(sql`exists (select 1 from role_assignment ra where ${and(...conds)})`);
  }
  const cond = where.length ? and(...where) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(user).where(cond).get()?.n ?? 0;
  const rows = db.select().from(user).where(cond).orderBy(asc(user.id))
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).all();
  const roles = rows.length
    ? db.select({ userId: roleAssignment.userId, role: roleAssignment.role, name: jurisdiction.name })
      .from(roleAssignment).innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
      .where(sql`${roleAssignment.userId} in ${rows.map((r) => r.id)}`).all()
    : [];
  return { total, rows: rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id) })) };
}

/** New hash, every old session ended, a fresh one for this device: one transaction. */
export function changePassword(db: Db, userId: number, passwordHash: string, actor: Actor, now: Date) {
  return db.transaction((tx) => {
    tx.update(user).set({ passwordHash }).where(eq(user.id, userId)).run();
    invalidateUserLoginSessions(tx, userId);
    recordAudit(tx, actor, { action: 'user.password.change', targetType: 'user', targetId: userId }, now);
    return createLoginSession(tx, userId, now);
  });
}

export interface UserInput { username: string; displayName: string }

export function createUser(db: Db, actor: Actor, input: UserInput & { passwordHash: string }, now: Date): User {
  return db.transaction((tx) => {
    const row = tx.insert(user).values({ ...input, createdAt: now }).returning().get();
    recordAudit(tx, actor, {
      action: 'user.create', targetType: 'user', targetId: row.id,
      after: { username: row.username, displayName: row.displayName },
    }, now);
    return row;
  });
}

export function updateUser(db: Db, actor: Actor, id: number, input: { displayName: string }, now: Date): void {
  db.transaction((tx) => {
    const before = tx.select().from(user).where(eq(user.id, id)).get()!;
    tx.update(user).set(input).where(eq(user.id, id)).run();
    recordAudit(tx, actor, {
      action: 'user.update', targetType: 'user', targetId: id,
      before: { displayName: before.displayName }, after: input,
    }, now);
  });
}

/** Deactivating ends every session of the user at once. */
export function setUserActive(db: Db, actor: Actor, id: number, active: boolean, now: Date): void {
  db.transaction((tx) => {
    const before = tx.select().from(user).where(eq(user.id, id)).get()!;
    tx.update(user).set({ active }).where(eq(user.id, id)).run();
    if (!active) invalidateUserLoginSessions(tx, id);
    recordAudit(tx, actor, {
      action: active ? 'user.activate' : 'user.deactivate', targetType: 'user', targetId: id,
      before: { active: before.active }, after: { active },
    }, now);
  });
}

export function resetPassword(db: Db, actor: Actor, id: number, passwordHash: string, now: Date): void {
  db.transaction((tx) => {
    tx.update(user).set({ passwordHash }).where(eq(user.id, id)).run();
    invalidateUserLoginSessions(tx, id);
    recordAudit(tx, actor, { action: 'user.password.reset', targetType: 'user', targetId: id }, now);
  });
}

export function addRole(db: Db, actor: Actor, userId: number, role: Role, jurisdictionId: number, now: Date): boolean {
  return db.transaction((tx) => {
    const exists = tx.select().from(roleAssignment).where(and(
      eq(roleAssignment.userId, userId), eq(roleAssignment.role, role), eq(roleAssignment.jurisdictionId, jurisdictionId),
    )).get();
    if (exists) return false;
    const row = tx.insert(roleAssignment).values({ userId, role, jurisdictionId }).returning().get();
    recordAudit(tx, actor, {
      action: 'role.grant', targetType: 'user', targetId: userId, jurisdictionId, after: { role, jurisdictionId, assignmentId: row.id },
    }, now);
    return true;
  });
}

export function removeRole(db: Db, actor: Actor, userId: number, assignmentId: number, now: Date): boolean {
  return db.transaction((tx) => {
    const row = tx.select().from(roleAssignment)
      .where(and(eq(roleAssignment.id, assignmentId), eq(roleAssignment.userId, userId))).get();
    if (!row) return false;
    tx.delete(roleAssignment).where(eq(roleAssignment.id, assignmentId)).run();
    recordAudit(tx, actor, {
      action: 'role.revoke', targetType: 'user', targetId: userId, jurisdictionId: row.jurisdictionId,
      before: { role: row.role, jurisdictionId: row.jurisdictionId },
    }, now);
    return true;
  });
}

/** The user and their optional first role land together or not at all (createUser/addRole nest as savepoints). */
export function createAccount(
  db: Db, actor: Actor, input: { username: string; displayName: string; passwordHash: string },
  first: { role: Role; jurisdictionId: number } | undefined, now: Date,
): { ok: true; value: User } | { ok: false; field: string; error: string } {
  return db.transaction((tx) => {
    if (getUserByUsername(tx, input.username)) {
      return refuse(`用户名 ${input.username} 已被使用，请换一个`, 'username');
    }
    const row = createUser(tx, actor, input, now);
    if (first) addRole(tx, actor, row.id, first.role, first.jurisdictionId, now);
    return ok(row);
  });
}


/** A successful login: the new session and its audit entry land together. */
export function logIn(db: Db, found: User, ip: string, now: Date) {
  return db.transaction((tx) => {
    const created = createLoginSession(tx, found.id, now);
    recordAudit(tx, { id: found.id, name: `${found.displayName}（${found.username}）`, ip }, {
      action: 'login.success', targetType: 'user', targetId: found.id,
    }, now);
    return created;
  });
}

export function logOut(db: Db, actor: Actor, loginSessionId: string, now: Date): void {
  db.transaction((tx) => {
    recordAudit(tx, actor, { action: 'logout', targetType: 'user', targetId: actor.id ?? '' }, now);
    invalidateLoginSession(tx, loginSessionId);
  });
}
