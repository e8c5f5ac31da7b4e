import type { Db } from '../../db/client';
import type { Actor } from '../data/audit';
import { getUser, getUserByUsername, type User } from '../data/users';

/**
 * A demo login acting on a page, named as the app's own pages name it in the audit log (userActor): the
 * display name with the username.
 */
export function actorFor(db: Db, username: string): Actor & { id: number } {
  const u = getUserByUsername(db, username);
  if (!u) throw new Error(`演示数据：没有账号 ${username}`);
  return named(u);
}

/** The login behind a row's user id (a representative's), acting as above. */
export function actorOfUser(db: Db, userId: number): Actor & { id: number } {
  return named(getUser(db, userId)!);
}

const named = (u: User) => ({ id: u.id, name: `${u.displayName}（${u.username}）` });

/** Who the audit log names for the public form: nobody is logged in (actorOf). */
export const PUBLIC: Actor = { id: null, name: '公众' };

/** The demo's steps are fixed and valid: a refusal means a rule changed, and the seed says so loudly. */
export function must<T>(r: { ok: true; value: T } | { ok: false; error: string }, what: string): T {
  if (!r.ok) throw new Error(`演示数据：${what}失败：${r.error}`);
  return r.value;
}

/** A moment of a China date ('YYYY-MM-DD', 'HH:MM'): the demo's history is told in local time. */
export const chinaTime = (date: string, hhmm = '10:00') => new Date(`${date}T${hhmm}:00+08:00`);
