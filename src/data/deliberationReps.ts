import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { repLink, representative } from '../../db/schema';
import type { ImportRow, RepInput, RepStatus } from '../domain/repInput';
import { auditFor, recordAudit, type Actor } from './audit';
import { createAccount } from './users';
import { ok, refuse, type Result } from '../domain/result';

export type Rep = typeof representative.$inferSelect;

const isDeliberation = (jurisdictionId: number) =>
  and(eq(representative.jurisdictionId, jurisdictionId), eq(representative.body, 'deliberation'));

/** The subdistrict's deliberation representatives; `status` narrows to seated or retired. */
export function rosterOf(db: Db, jurisdictionId: number, status?: RepStatus): Rep[] {
  return db.select().from(representative)
    .where(and(isDeliberation(jurisdictionId), status ? eq(representative.status, status) : undefined))
    .orderBy(asc(representative.community), asc(representative.id)).all();
}

export function seatedCount(db: Db, jurisdictionId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(representative)
    .where(and(isDeliberation(jurisdictionId), eq(representative.status, 'seated'))).get()?.n ?? 0;
}

export function getDeliberationRep(db: Db, jurisdictionId: number, id: number): Rep | undefined {
  return db.select().from(representative).where(and(isDeliberation(jurisdictionId), eq(representative.id, id))).get();
}

/** The seated deliberation representative a login belongs to in this subdistrict, if any. */
export function deliberationRepOfUser(db: Db, jurisdictionId: number, userId: number): Rep | undefined {
  return db.select().from(representative)
    .where(and(isDeliberation(jurisdictionId), eq(representative.userId, userId), eq(representative.status, 'seated'))).get();
}

const clean = (input: RepInput) => ({
  name: input.name, community: input.community, sector: input.sector, phone: input.phone,
  termFrom: input.termFrom || null, termTo: input.termTo || null,
});

export interface NewLogin { username: string; passwordHash: string }

/**
 * Adds a seated representative. With `login`, their account (role deliberationRep in this subdistrict) is made
 * in the same transaction, so a taken username leaves no half-added representative behind.
 */
export function createRep(db: Db, actor: Actor, jurisdictionId: number, input: RepInput, login: NewLogin | undefined, now: Date): Result<Rep> {
  return db.transaction((tx) => {
    let userId: number | null = null;
    if (login) {
      const account = createAccount(tx, actor, { username: login.username, displayName: input.name, passwordHash: login.passwordHash },
        { role: 'deliberationRep', jurisdictionId }, now);
      if (!account.ok) return account;
      userId = account.value.id;
    }
    const row = tx.insert(representative).values({ jurisdictionId, body: 'deliberation', status: 'seated', userId, ...clean(input) }).returning().get();
    recordAudit(tx, actor, { action: 'roster.add', targetType: 'representative', targetId: row.id, jurisdictionId, after: { ...clean(input), userId } }, now);
    return ok(row);
  });
}

export function updateRep(db: Db, actor: Actor, rep: Rep, input: RepInput, now: Date): void {
  db.transaction((tx) => {
    tx.update(representative).set(clean(input)).where(eq(representative.id, rep.id)).run();
    const before = { name: rep.name, community: rep.community, sector: rep.sector, phone: rep.phone, termFrom: rep.termFrom, termTo: rep.termTo };
    recordAudit(tx, actor, { action: 'roster.update', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId, before, after: clean(input) }, now);
  });
}

/** Leaving the roster also ends the link to a district representative on the same day: the group gets a gap. */
export function retireRep(db: Db, actor: Actor, rep: Rep, onDate: string, reason: string, now: Date): Result<Rep> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.status === 'retired') return refuse('该代表已经离任');
    if (fresh.termFrom && onDate < fresh.termFrom) return refuse(`离任日期不能早于任期开始 ${fresh.termFrom}`, 'onDate');
    const open = tx.select().from(repLink).where(and(eq(repLink.deliberationRepId, rep.id), isNull(repLink.toDate))).get();
    if (open && onDate < open.fromDate) return refuse(`离任日期不能早于其联系区人大代表的开始日期 ${open.fromDate}`, 'onDate');
    if (open) tx.update(repLink).set({ toDate: onDate }).where(eq(repLink.id, open.id)).run();
    const row = tx.update(representative).set({ status: 'retired', termTo: onDate }).where(eq(representative.id, rep.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'roster.retire', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      before: { status: fresh.status, termTo: fresh.termTo }, after: { status: 'retired', termTo: onDate, reason, linkClosed: open?.id ?? null },
    }, now);
    return ok(row);
  });
}

/**
 * Undo a retirement entered by mistake: the term end the retirement overwrote comes back from its audit entry.
 * The old link stays closed: the clerk links again on purpose.
 */
export function reinstateRep(db: Db, actor: Actor, rep: Rep, now: Date): Result<Rep> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.status === 'seated') return refuse('该代表在册');
    const retirement = auditFor(tx, 'representative', rep.id).filter((a) => a.action === 'roster.retire').at(-1);
    const termTo = retirement?.before ? (JSON.parse(retirement.before) as { termTo: string | null }).termTo : fresh.termTo;
    const row = tx.update(representative).set({ status: 'seated', termTo }).where(eq(representative.id, rep.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'roster.reinstate', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      before: { status: 'retired', termTo: fresh.termTo }, after: { status: 'seated', termTo },
    }, now);
    return ok(row);
  });
}

/** The checked rows in one transaction with one audit entry: a 52-line file lands whole or not at all. */
export function importRoster(db: Db, actor: Actor, jurisdictionId: number, rows: readonly ImportRow[], now: Date): number {
  return db.transaction((tx) => {
    for (const r of rows) {
      tx.insert(representative).values({ jurisdictionId, body: 'deliberation', status: r.status, ...clean(r) }).run();
    }
    recordAudit(tx, actor, {
      action: 'roster.import', targetType: 'jurisdiction', targetId: jurisdictionId, jurisdictionId,
      after: { count: rows.length, names: rows.map((r) => r.name) },
    }, now);
    return rows.length;
  });
}
