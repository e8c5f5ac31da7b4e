import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginSession as session, user } from '../../db/schema';
import { judgeSession, SESSION_POLICY } from '../domain/sessionPolicy';

// Lucia guide "Sessions": the token is `id.secret`; only SHA-256(secret) is stored.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // no look-alikes (l, o, 0, 1)

function randomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b >> 3]; // 5 bits each: 120 bits of entropy
  return out;
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface SessionUser { id: number; username: string; displayName: string }
export interface ValidSession { id: string; userId: number; createdAt: Date; lastVerifiedAt: Date }

export function createSession(db: Db, userId: number, now: Date): { token: string; session: ValidSession } {
  const id = randomString();
  const secret = randomString();
  const row = { id, secretHash: Buffer.from(hashSecret(secret)), userId, createdAt: now, lastVerifiedAt: now };
  db.insert(session).values(row).run();
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

export function validateSessionToken(
  db: Db,
  token: string,
  now: Date,
): { session: ValidSession; user: SessionUser } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  const row = db
    .select({ s: session, u: { id: user.id, username: user.username, displayName: user.displayName, active: user.active } })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.id, id))
    .get();
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.s.secretHash))) return null;
  if (!row.u.active) {
    invalidateSession(db, id);
    return null;
  }
  const verdict = judgeSession(
    { createdAt: row.s.createdAt.getTime(), lastVerifiedAt: row.s.lastVerifiedAt.getTime() },
    now.getTime(),
  );
  if (verdict === 'expired') {
    invalidateSession(db, id);
    return null;
  }
  let lastVerifiedAt = row.s.lastVerifiedAt;
  if (verdict === 'touch') {
    lastVerifiedAt = now;
    db.update(session).set({ lastVerifiedAt: now }).where(eq(session.id, id)).run();
  }
  const { active: _active, ...u } = row.u;
  return { session: { id, userId: row.s.userId, createdAt: row.s.createdAt, lastVerifiedAt }, user: u };
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number): void {
  db.delete(session).where(eq(session.userId, userId)).run();
}

/** Seconds until the absolute expiry, for the cookie's Max-Age. */
export function cookieMaxAge(s: ValidSession, now: Date): number {
  return Math.max(0, Math.floor((s.createdAt.getTime() + SESSION_POLICY.absoluteMs - now.getTime()) / 1000));
}
