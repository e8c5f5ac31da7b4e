import { and, asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { type Role } from '../domain/vocabulary';
import type { Assignment } from '../domain/authz';
import { createLoginSession, invalidateLoginSession, invalidateUserLoginSessions } from '../auth/loginSession';
import { recordAudit, type Actor } from './audit';
import { getJurisdiction, type Jurisdiction } from './jurisdictions';
import { escapeLike } from './sql';
import { prepared } from './statements';
import { checkUsername } from '../domain/account';
import { ok, refuse, type Refusal, type Result } from '../domain/result';
import { OUTSIDE_REACH, ROLE_TAKEN, roleScopeError } from '../domain/roleScope';

export type User = typeof user.$inferSelect;

export function getUserByUsername(db: Db, username: string): User | undefined {
  return db.select().from(user).where(eq(user.username, username)).get();
}

export function getUser(db: Db, id: number): User | undefined {
  return prepared(db, 'getUser', (db) => db.select().from(user).where(eq(user.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function assignmentsOf(db: Db, userId: number): Assignment[] {
  return prepared(db, 'assignmentsOf', (db) => db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId })
    .from(roleAssignment).where(eq(roleAssignment.userId, sql.placeholder('userId'))).prepare()).all({ userId });
}

export interface Scope extends Assignment { id: number; code: string; name: string; kind: string }

/** A user's role assignments with their jurisdictions, for navigation and the admin pages. */
export function scopesOf(db: Db, userId: number): Scope[] {
  return prepared(db, 'scopesOf', (db) => db.select({
    id: roleAssignment.id, role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId,
    code: jurisdiction.code, name: jurisdiction.name, kind: jurisdiction.kind,
  }).from(roleAssignment).innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
    .where(eq(roleAssignment.userId, sql.placeholder('userId'))).orderBy(asc(jurisdiction.id), asc(roleAssignment.role)).prepare()).all({ userId });
}

/** Which of these jurisdictions someone holds a role in: the only ones worth filtering the user list by. */
export function jurisdictionsWithRoles(db: Db, among: readonly number[]): Set<number> {
  if (among.length === 0) return new Set();
  return new Set(prepared(db, 'jurisdictionsWithRoles', (db) => db.selectDistinct({ id: roleAssignment.jurisdictionId }).from(roleAssignment)
    .where(sql`${roleAssignment.jurisdictionId} in (select value from json_each(${sql.placeholder('among')}))`).prepare())
    .all({ among: JSON.stringify(among) }).map((r) => r.id));
}

export interface UserFilter { q?: string; role?: Role; jurisdictionId?: number; page: number; pageSize: number }

/** One statement pair per combination of filters (a few), so each keeps the plan its filters want. */
function userListStatements(db: Db, shape: { q: boolean; role: boolean; jurisdictionId: boolean }) {
  const key = `listUsers:${+shape.q}${+shape.role}${+shape.jurisdictionId}`;
  return prepared(db, key, (db) => {
    const where: SQL[] = [];
    if (shape.q) {
      const like = (column: SQLWrapper) => sql`${column} like ${sql.placeholder('q')} escape '\\'`;
      // A person is found by their name, their username, or the name or code of a place they hold a role in.
      where.push(sql`(${like(user.username)} or ${like(user.displayName)} or exists (
        select 1 from ${roleAssignment} ra join ${jurisdiction} j on j.id = ra.jurisdiction_id
        where ra.user_id = ${user.id} and (${like(sql`j.name`)} or ${like(sql`j.code`)})))`);
    }
    if (shape.role || shape.jurisdictionId) {
      const conds: SQL[] = [sql`ra.user_id = ${user.id}`];
      if (shape.role) conds.push(sql`ra.role = ${sql.placeholder('role')}`);
      if (shape.jurisdictionId) conds.push(sql`ra.jurisdiction_id = ${sql.placeholder('jurisdictionId')}`);
      where.push(sql`exists (select 1 from ${roleAssignment} ra where ${and(...conds)})`);
    }
    const cond = where.length ? and(...where) : undefined;
    return {
      count: db.select({ n: sql<number>`count(*)` }).from(user).where(cond).prepare(),
      page: db.select({ id: user.id, username: user.username, displayName: user.displayName, active: user.active })
        .from(user).where(cond).orderBy(asc(user.id)).limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).prepare(),
    };
  });
}

export function listUsers(db: Db, f: UserFilter) {
  const statements = userListStatements(db, { q: !!f.q, role: !!f.role, jurisdictionId: !!f.jurisdictionId });
  const params = {
    ...(f.q ? { q: `%${escapeLike(f.q)}%` } : {}), ...(f.role ? { role: f.role } : {}), ...(f.jurisdictionId ? { jurisdictionId: f.jurisdictionId } : {}),
  };
  const total = statements.count.get(params)?.n ?? 0;
  const rows = statements.page.all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  const roles = rows.length
    ? prepared(db, 'listUsers:roles', (db) => db.select({ userId: roleAssignment.userId, role: roleAssignment.role, name: jurisdiction.name })
      .from(roleAssignment).innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
      .where(sql`${roleAssignment.userId} in (select value from json_each(${sql.placeholder('ids')}))`)
      .orderBy(asc(roleAssignment.id)).prepare()).all({ ids: JSON.stringify(rows.map((r) => r.id)) })
    : [];
  const byUser = new Map<number, typeof roles>();
  for (const r of roles) {
    const mine = byUser.get(r.userId);
    if (mine) mine.push(r);
    else byUser.set(r.userId, [r]);
  }
  return { total, rows: rows.map((u) => ({ ...u, roles: byUser.get(u.id) ?? [] })) };
}

/**
 * The owner chose a new password: new hash, the "must change" flag cleared, every old session ended and a fresh
 * one for this device, in one transaction.
 */
export function changePassword(db: Db, actor: Actor, userId: number, passwordHash: string, now: Date) {
  return db.transaction((tx) => {
    const before = tx.select({ mustChangePassword: user.mustChangePassword }).from(user).where(eq(user.id, userId)).get();
    tx.update(user).set({ passwordHash, mustChangePassword: false }).where(eq(user.id, userId)).run();
    invalidateUserLoginSessions(tx, userId);
    recordAudit(tx, actor, {
      action: 'user.password.change', targetType: 'user', targetId: userId,
      ...(before?.mustChangePassword ? { before: { mustChangePassword: true }, after: { mustChangePassword: false } } : {}),
    }, now);
    return createLoginSession(tx, userId, now);
  });
}

export interface AccountInput {
  username: string;
  displayName: string;
  passwordHash: string;
  /**
   * The owner picks their own password at login. Defaults to true: an account is made by someone else (an
   * administrator, a clerk) who chose its first password.
   */
  mustChangePassword?: boolean;
}

/** Username format and uniqueness, as one refusal beside the username field. */
export function usernameRefusal(db: Db, username: string): Refusal | null {
  const checked = checkUsername(username);
  if (!checked.ok) return checked;
  return getUserByUsername(db, checked.value) ? refuse(`用户名 ${checked.value} 已被使用，请换一个`, 'username') : null;
}

/** Inside a transaction whose checks have passed: the row and its audit entry. */
function insertUser(tx: Db, actor: Actor, input: AccountInput, now: Date): User {
  const row = tx.insert(user)
    .values({ ...input, username: input.username.trim(), mustChangePassword: input.mustChangePassword ?? true, createdAt: now }).returning().get();
  recordAudit(tx, actor, {
    action: 'user.create', targetType: 'user', targetId: row.id,
    after: { username: row.username, displayName: row.displayName, mustChangePassword: row.mustChangePassword },
  }, now);
  return row;
}

function insertRole(tx: Db, actor: Actor, userId: number, role: Role, jurisdictionId: number, now: Date): void {
  const row = tx.insert(roleAssignment).values({ userId, role, jurisdictionId }).returning().get();
  recordAudit(tx, actor, {
    action: 'role.grant', targetType: 'user', targetId: userId, jurisdictionId, after: { role, jurisdictionId, assignmentId: row.id },
  }, now);
}

/** Whether the granting administrator reaches a jurisdiction (their district and what lies below it). */
export type Reach = (jurisdictionId: number) => boolean;

/** Why `role` cannot be granted in `jurisdictionId` (missing, inactive, wrong kind, out of reach), beside that field. */
function scopeRefusal(db: Db, role: Role, jurisdictionId: number, reach?: Reach): Refusal | null {
  const error = roleScopeError(role, getJurisdiction(db, jurisdictionId)) ?? (reach && !reach(jurisdictionId) ? OUTSIDE_REACH : null);
  return error ? refuse(error, 'jurisdictionId') : null;
}

/**
 * A new account, with its first role when one is given: the user and the role land together or not at all.
 * Checks the username's format and that it is free, and that the role may be held in that jurisdiction.
 */
export function createAccount(
  db: Db, actor: Actor, input: AccountInput, first: { role: Role; jurisdictionId: number } | undefined, now: Date, reach?: Reach,
): Result<User> {
  return db.transaction((tx) => {
    const refusal = usernameRefusal(tx, input.username) ?? (first ? scopeRefusal(tx, first.role, first.jurisdictionId, reach) : null);
    if (refusal) return refusal;
    const row = insertUser(tx, actor, input, now);
    if (first) insertRole(tx, actor, row.id, first.role, first.jurisdictionId, now);
    return ok(row);
  });
}

/**
 * An account with its role, for the pages that set people up in bulk (roster logins, slips): one transaction with
 * its audit entries. `mustChangePassword: true` when the password was chosen for the person, not by them.
 */
export function createUserAccount(
  db: Db, actor: Actor,
  input: { username: string; displayName: string; passwordHash: string; role: Role; jurisdictionId: number; mustChangePassword: boolean },
  now: Date,
): Result<{ id: number }> {
  const { role, jurisdictionId, ...account } = input;
  const r = createAccount(db, actor, account, { role, jurisdictionId }, now);
  return r.ok ? ok({ id: r.value.id }) : r;
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

/** An administrator chose the password: every session ends, and the owner must choose their own at next login. */
export function resetPassword(db: Db, actor: Actor, id: number, passwordHash: string, now: Date): void {
  db.transaction((tx) => {
    tx.update(user).set({ passwordHash, mustChangePassword: true }).where(eq(user.id, id)).run();
    invalidateUserLoginSessions(tx, id);
    recordAudit(tx, actor, { action: 'user.password.reset', targetType: 'user', targetId: id, after: { mustChangePassword: true } }, now);
  });
}

/** Grants a role where it may be held; the same role twice in one place is refused. Gives the jurisdiction. */
export function grantRole(
  db: Db, actor: Actor, userId: number, role: Role, jurisdictionId: number, now: Date, reach?: Reach,
): Result<Jurisdiction> {
  return db.transaction((tx) => {
    const refusal = scopeRefusal(tx, role, jurisdictionId, reach);
    if (refusal) return refusal;
    const exists = tx.select().from(roleAssignment).where(and(
      eq(roleAssignment.userId, userId), eq(roleAssignment.role, role), eq(roleAssignment.jurisdictionId, jurisdictionId),
    )).get();
    if (exists) return refuse(ROLE_TAKEN);
    insertRole(tx, actor, userId, role, jurisdictionId, now);
    return ok(getJurisdiction(tx, jurisdictionId)!);
  });
}

/** One role assignment of a user, with its jurisdiction's name (for the page and for the audit). */
export function roleAssignmentOf(db: Db, userId: number, assignmentId: number): Scope | undefined {
  return scopesOf(db, userId).find((s) => s.id === assignmentId);
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
