import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';

/**
 * Session voting needs no demo data of its own until candidate lists exist (another area seeds those), with one
 * exception: paper ballots are entered twice by two different tellers, and a town has one clerk. So each town
 * gets a second clerk-role login, its 计票人, e.g. qs.teller. Returns how many were made and the login to print.
 */
export function seedVotingDemo(db: Db, opts: { passwordHash: string }): { created: number; logins: { username: string; where: string }[] } {
  const towns = db.select().from(jurisdiction)
    .where(inArray(jurisdiction.kind, ['township', 'subdistrict'])).orderBy(asc(jurisdiction.id)).all();
  const out: { username: string; where: string }[] = [];
  let created = 0;
  for (const t of towns) {
    const username = `${t.code.toLowerCase()}.teller`;
    if (db.select().from(user).where(eq(user.username, username)).get()) continue;
    const office = t.kind === 'township' ? '人大主席团办公室' : '人大工委办公室';
    created++;
    const u = db.insert(user).values({ username, displayName: `${t.name}${office} 计票人`, passwordHash: opts.passwordHash }).returning().get();
    if (!db.select().from(roleAssignment).where(and(eq(roleAssignment.userId, u.id), eq(roleAssignment.jurisdictionId, t.id))).get()) {
      db.insert(roleAssignment).values({ userId: u.id, role: 'clerk', jurisdictionId: t.id }).run();
    }
    if (out.length === 0) out.push({ username, where: t.name });
  }
  return { created, logins: out };
}
