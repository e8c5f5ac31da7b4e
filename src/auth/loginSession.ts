import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq, sql } from 'drizzle-orm';
import { hash } from 'node:crypto';
import type { Db } from '../../db/client';
import { loginSession, roleAssignment, user } from '../../db/schema';
import { keptUntilWrite } from '../data/keptUntilWrite';
import type { Assignment } from '../domain/authz';
import { judgeLoginSession, LOGIN_SESSION_POLICY } from '../domain/loginSessionPolicy';

// Lucia guide "Sessions": the token is `id.secret`; only SHA-256(secret) is stored.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // no look-alikes (l, o, 0, 1)

function randomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b >> 3]; // 5 bits each: 120 bits of entropy
  return out;
}

// SHA-256 of the secret's UTF-8 bytes, by Node's one-shot native hash: every request of a logged-in user checks one.
function hashSecret(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

export interface LoginSessionUser { id: number; username: string; displayName: string; mustChangePassword: boolean }
export interface ValidLoginSession { id: string; userId: number; createdAt: Date; lastVerifiedAt: Date }

export function createLoginSession(db: Db, userId: number, now: Date): { token: string; session: ValidLoginSession } {
  const id = randomString();
  const secret = randomString();
  const row = { id, secretHash: hashSecret(secret), userId, createdAt: now, lastVerifiedAt: now };
  db.insert(loginSession).values(row).run();
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

/**
 * Every request of a logged-in user reads their login session, the user and their role assignments: one
 * statement, prepared once per connection.
 */
function prepareLoginRead(db: Db) {
  return db
    .select({
      s: loginSession,
      u: { id: user.id, username: user.username, displayName: user.displayName, mustChangePassword: user.mustChangePassword, active: user.active },
      assignments: sql<string>`(select json_group_array(json_object('role', ${roleAssignment.role}, 'jurisdictionId', ${roleAssignment.jurisdictionId}))
        from ${roleAssignment} where ${roleAssignment.userId} = ${user.id})`,
    })
    .from(loginSession)
    .innerJoin(user, eq(user.id, loginSession.userId))
    .where(eq(loginSession.id, sql.placeholder('id')))
    .prepare();
}
const loginReads = new WeakMap<Db, ReturnType<typeof prepareLoginRead>>();

export function validateLoginSessionToken(
  db: Db,
  token: string,
  now: Date,
): { session: ValidLoginSession; user: LoginSessionUser; assignments: Assignment[] } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  // Read again after any write (a login session touched or ended, a user deactivated, a role granted or removed):
  // until then every request of this login session finds the same row. An unknown id is not kept.
  const row = keptUntilWrite(db, `loginSession|${id}`, () => readLogin(db, id), (r) => r !== null);
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), row.s.secretHash)) return null;
  if (!row.u.active) {
    invalidateLoginSession(db, id);
    return null;
  }
  const verdict = judgeLoginSession(
    { createdAt: row.s.createdAt.getTime(), lastVerifiedAt: row.s.lastVerifiedAt.getTime() },
    now.getTime(),
  );
  if (verdict === 'expired') {
    invalidateLoginSession(db, id);
    return null;
  }
  let lastVerifiedAt = row.s.lastVerifiedAt;
  if (verdict === 'touch') {
    lastVerifiedAt = now;
    db.update(loginSession).set({ lastVerifiedAt: now }).where(eq(loginSession.id, id)).run();
  }
  return { session: { id, userId: row.s.userId, createdAt: row.s.createdAt, lastVerifiedAt }, user: row.user, assignments: row.assignments };
}

function readLogin(db: Db, id: string) {
  let read = loginReads.get(db);
  if (!read) loginReads.set(db, (read = prepareLoginRead(db)));
  const row = read.get({ id });
  if (!row) return null;
  const { active: _active, ...u } = row.u;
  return { s: row.s, u: row.u, user: u as LoginSessionUser, assignments: JSON.parse(row.assignments) as Assignment[] };
}

export function invalidateLoginSession(db: Db, loginSessionId: string): void {
  db.delete(loginSession).where(eq(loginSession.id, loginSessionId)).run();
}

export function invalidateUserLoginSessions(db: Db, userId: number): void {
  db.delete(loginSession).where(eq(loginSession.userId, userId)).run();
}

/** Seconds until the absolute expiry, for the cookie's Max-Age. */
export function cookieMaxAge(s: ValidLoginSession, now: Date): number {
  return Math.max(0, Math.floor((s.createdAt.getTime() + LOGIN_SESSION_POLICY.absoluteMs - now.getTime()) / 1000));
}
