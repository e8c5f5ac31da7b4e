import { and, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cycle, proposal } from '../../db/schema';
import { checkEarlyClose, checkWindow, checkWindowLength, collectionState, pickCollectionCycle } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import { checkTransition } from '../domain/phases';
import { recordAudit, type Actor } from './audit';
import { cyclesOf, transitionCycle, type Cycle } from './cycles';
import { getSettings } from './settings';
import { ok, refuse, type Result } from '../domain/result';


/**
 * Sets the collection window (China dates, both inclusive), audited with the dates before and after. A window
 * shorter than the jurisdiction's minimum is kept only with a reason, stored with the cycle and in the audit.
 */
export function setCollectionWindow(
  db: Db, actor: Actor, c: Cycle, opens: string, closes: string, now: Date, shortReason = '',
): Result<Cycle> {
  const check = checkWindow(opens, closes, c.year);
  if (!check.ok) return check;
  const length = checkWindowLength(opens, closes, getSettings(db, c.jurisdictionId).minCollectionDays, shortReason);
  if (!length.ok) return length;
  const reason = length.value.short ? shortReason.trim() : '';
  return db.transaction((tx) => {
    const before = tx.select().from(cycle).where(eq(cycle.id, c.id)).get();
    if (!before) return refuse('年度工作不存在');
    const updated = tx.update(cycle).set({ collectionOpens: opens, collectionCloses: closes, collectionShortReason: reason })
      .where(eq(cycle.id, c.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'cycle.collectionWindow', targetType: 'cycle', targetId: c.id, jurisdictionId: c.jurisdictionId,
      before: { collectionOpens: before.collectionOpens, collectionCloses: before.collectionCloses, collectionShortReason: before.collectionShortReason },
      after: { collectionOpens: opens, collectionCloses: closes, days: length.value.days, collectionShortReason: reason },
    }, now);
    return ok(updated);
  });
}

/** Marks a published window closed before its announced day, with the notice the portal shows. Inside a transaction. */
function markClosedEarly(tx: Db, actor: Actor, c: Cycle, notice: string, now: Date): Cycle {
  const updated = tx.update(cycle).set({ collectionClosedEarlyAt: now, collectionCloseNotice: notice.trim() })
    .where(eq(cycle.id, c.id)).returning().get();
  recordAudit(tx, actor, {
    action: 'cycle.collectionClosedEarly', targetType: 'cycle', targetId: c.id, jurisdictionId: c.jurisdictionId,
    before: { collectionCloses: c.collectionCloses }, after: { closedOn: chinaDateOf(now), notice: notice.trim() },
  }, now);
  return updated;
}

/** Closes the published window now: needs the clerk's confirmation and a public notice. */
export function closeCollectionEarly(db: Db, actor: Actor, c: Cycle, notice: string, confirmed: boolean, now: Date): Result<Cycle, 'notice' | 'confirm'> {
  const check = checkEarlyClose(collectionState(c, chinaDateOf(now)), notice, confirmed);
  if (!check.ok) return check;
  return ok(db.transaction((tx) => markClosedEarly(tx, actor, c, notice, now)));
}

/**
 * Moves the cycle on to screening while its announced window is not over: the window is closed early with its
 * public notice and the phase moves, together or not at all.
 */
export function screenClosingWindow(
  db: Db, actor: Actor & { id: number }, c: Cycle, note: string, notice: string, confirmed: boolean, now: Date,
): Result<Cycle> {
  const move = checkTransition(c.phase, 'screening', note);
  if (!move.ok) return move;
  const check = checkEarlyClose(collectionState(c, chinaDateOf(now)), notice, confirmed);
  if (!check.ok) return check;
  const moved: { r?: Result<Cycle> } = {};
  try {
    db.transaction((tx) => {
      markClosedEarly(tx, actor, c, notice, now);
      moved.r = transitionCycle(tx, actor, c, 'screening', note, now);
      // A clerk who moved it a moment earlier: keep the window as it was.
      if (!moved.r.ok) tx.rollback();
    });
  } catch (e) {
    if (!moved.r || moved.r.ok) throw e;
  }
  return moved.r!;
}

/** The cycle the public form of a jurisdiction serves today, and the state of its window. */
export function collectionFor(db: Db, jurisdictionId: number, today: string) {
  return pickCollectionCycle(cyclesOf(db, jurisdictionId), today);
}

type Counts = Record<string, number>;

/** The published collection summary: how many items came in, by source, category and outcome (status). */
export function collectionSummary(db: Db, cycleId: number): { total: number; bySource: Counts; byCategory: Counts; byOutcome: Counts } {
  // Items sent outside the window wait in the reserve pool for a later year: not this collection's.
  const where = and(eq(proposal.cycleId, cycleId), or(isNull(proposal.poolReason), notInArray(proposal.poolReason, ['late', 'betweenWindows'])));
  const count = (col: typeof proposal.source | typeof proposal.category | typeof proposal.status) =>
    Object.fromEntries(db.select({ k: col, n: sql<number>`count(*)` }).from(proposal).where(where).groupBy(col).all().map((r) => [r.k, r.n]));
  const bySource = count(proposal.source);
  return {
    total: Object.values(bySource).reduce((a, b) => a + b, 0),
    bySource, byCategory: count(proposal.category), byOutcome: count(proposal.status),
  };
}
