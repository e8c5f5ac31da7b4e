import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { feedbackWindow } from '../../db/schema';
import { checkRatingWindow, type RatingWindow } from '../domain/feedbackWindow';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import type { Cycle } from './cycles';
import { ok, type Result } from '../domain/result';

export function getRatingWindow(db: Db, cycleId: number): RatingWindow | undefined {
  return db.select({ opens: feedbackWindow.opens, closes: feedbackWindow.closes }).from(feedbackWindow).where(eq(feedbackWindow.cycleId, cycleId)).get();
}

/** The rating windows of several cycles in one read, by cycle id (a cycle without one is absent). */
export function ratingWindowsOf(db: Db, cycleIds: readonly number[]): Map<number, RatingWindow> {
  if (cycleIds.length === 0) return new Map();
  return new Map(prepared(db, 'ratingWindowsOf', (db) => db.select({ cycleId: feedbackWindow.cycleId, opens: feedbackWindow.opens, closes: feedbackWindow.closes })
    .from(feedbackWindow).where(inArray(feedbackWindow.cycleId, idsIn('ids'))).prepare()).all({ ids: idList(cycleIds) }).map(({ cycleId, ...w }) => [cycleId, w]));
}


/** Sets a cycle's residents' rating window (China dates, both inclusive), audited with the dates before and after. */
export function setRatingWindow(db: Db, actor: Actor & { id: number }, cy: Cycle, opens: string, closes: string, now: Date): Result {
  const check = checkRatingWindow(opens, closes, cy.year);
  if (!check.ok) return check;
  db.transaction((tx) => {
    const before = getRatingWindow(tx, cy.id) ?? null;
    tx.insert(feedbackWindow).values({ cycleId: cy.id, opens, closes, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: feedbackWindow.cycleId, set: { opens, closes, updatedAt: now, updatedBy: actor.id } }).run();
    recordAudit(tx, actor, {
      action: 'feedback.window', targetType: 'cycle', targetId: cy.id, jurisdictionId: cy.jurisdictionId,
      before, after: { opens, closes },
    }, now);
  });
  return ok();
}
