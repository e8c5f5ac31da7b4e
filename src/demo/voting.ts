import type { Db } from '../../db/client';
import type { Actor } from '../data/audit';
import { townsOf } from '../data/jurisdictions';
import { createAccount } from '../data/users';
import { must } from './steps';

/**
 * Paper ballots are entered twice by two different tellers, and a town has one clerk. So the administrator gives
 * each town a second clerk-role login, its 计票人, e.g. qs.teller. Returns how many were made and the login to print.
 */
export function seedVotingDemo(db: Db, admin: Actor, password: { passwordHash: string; mustChangePassword: boolean }, now: Date):
  { created: number; logins: { username: string; where: string }[] } {
  const towns = townsOf(db);
  for (const t of towns) {
    const office = t.kind === 'township' ? '人大主席团办公室' : '人大工委办公室';
    const username = `${t.code.toLowerCase()}.teller`;
    must(createAccount(db, admin, { username, displayName: `${t.name}${office} 计票人`, ...password }, { role: 'clerk', jurisdictionId: t.id }, now),
      `建立账号 ${username}`);
  }
  return { created: towns.length, logins: towns.slice(0, 1).map((t) => ({ username: `${t.code.toLowerCase()}.teller`, where: t.name })) };
}
