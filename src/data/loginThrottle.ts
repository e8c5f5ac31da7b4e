import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { knownDevice, loginThrottle } from '../../db/schema';
import { ACCOUNT_RULE, afterFailure, IP_RULE, retryAfter, type ThrottleRule } from '../domain/loginThrottle';
import { recordAudit, type Actor } from './audit';

const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function keysOf(username: string, ip: string): [string, ThrottleRule][] {
  return [[accountKey(username), ACCOUNT_RULE], [ipKey(ip), IP_RULE]];
}

/** How long this account and this address must still wait before the next attempt (0: try now). */
export function loginWait(db: Db, username: string, ip: string, now: number): number {
  const keys = keysOf(username, ip);
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys.map(([k]) => k))).all();
  return Math.max(0, ...keys.map(([k, rule]) => retryAfter(rows.find((r) => r.key === k), now, rule)));
}

/** One more failure for the account and the address, counted even while they were waiting. */
export function recordLoginFailure(db: Db, username: string, ip: string, now: number): void {
  db.transaction((tx) => {
    for (const [key, rule] of keysOf(username, ip)) {
      const before = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
      const next = afterFailure(before, now, rule);
      tx.insert(loginThrottle).values({ key, ...next })
        .onConflictDoUpdate({ target: loginThrottle.key, set: next }).run();
    }
  });
}

/** A successful login ends the account's streak (the address keeps its own: others may share it). */
export function clearAccountFailures(db: Db, username: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, accountKey(username))).run();
}

/** The clerk or administrator lets a representative in again at once; audited. */
export function unlockAccount(db: Db, actor: Actor, user: { id: number; username: string }, jurisdictionId: number | null, now: Date): boolean {
  return db.transaction((tx) => {
    const gone = tx.delete(loginThrottle).where(eq(loginThrottle.key, accountKey(user.username))).returning().all();
    recordAudit(tx, actor, {
      action: 'login.unlock', targetType: 'user', targetId: user.id, jurisdictionId: jurisdictionId ?? undefined,
      before: { failures: gone[0]?.failures ?? 0 }, after: { failures: 0 },
    }, now);
    return gone.length > 0;
  });
}

export function failuresOf(db: Db, username: string): number {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(username))).get()?.failures ?? 0;
}

const hashSecret = (secret: string) => Buffer.from(sha256(new TextEncoder().encode(secret)));

/** After a successful login: a random secret for this browser's cookie; only its hash is kept. */
export function rememberDevice(db: Db, userId: number, now: Date): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const secret = encodeBase32LowerCaseNoPadding(bytes);
  db.insert(knownDevice).values({ secretHash: hashSecret(secret), userId, createdAt: now, lastUsedAt: now }).run();
  return secret;
}

/** Whether this browser logged in as this user before (its cookie's secret is on file for them). */
export function isKnownDevice(db: Db, userId: number, secret: string | undefined, now: Date): boolean {
  if (!secret || !/^[a-z2-7]{32}$/.test(secret)) return false;
  const hit = db.update(knownDevice).set({ lastUsedAt: now })
    .where(and(eq(knownDevice.secretHash, hashSecret(secret)), eq(knownDevice.userId, userId))).returning().all();
  return hit.length > 0;
}
