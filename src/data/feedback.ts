import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { feedback, project } from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import { type SatisfactionRating } from '../domain/vocabulary';
import { checkFeedback, ratedInWindow, ratingWindowState, type RatingWindow } from '../domain/feedbackWindow';
import { ok, type Result } from '../domain/result';
import type { RatingCounts } from '../domain/satisfaction';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import { getRatingWindow } from './feedbackWindow';

export type Feedback = typeof feedback.$inferSelect;

/**
 * Anonymous and one row: nothing about the sender (no IP, no name) is stored. A rating is taken only inside the
 * cycle's rating window (China date of `now`); a suggestion at any time.
 */
export function submitFeedback(db: Db, p: { id: number; cycleId: number }, input: { rating: SatisfactionRating | null; text: string }, now: Date):
  Result<Feedback, 'rating' | 'text'> {
  const check = checkFeedback(input, ratingWindowState(getRatingWindow(db, p.cycleId), chinaDateOf(now)));
  if (!check.ok) return check;
  return ok(db.insert(feedback).values({ projectId: p.id, rating: input.rating, text: input.text, createdAt: now }).returning().get());
}

export function feedbackOf(db: Db, projectIds: readonly number[], states?: readonly Feedback['state'][]): Feedback[] {
  if (projectIds.length === 0) return [];
  const where = states ? and(inArray(feedback.projectId, [...projectIds]), inArray(feedback.state, [...states])) : inArray(feedback.projectId, [...projectIds]);
  return db.select().from(feedback).where(where).orderBy(desc(feedback.createdAt), desc(feedback.id)).all();
}

/** How many messages about these projects wait for the clerk's moderation. */
export function pendingFeedbackCount(db: Db, projectIds: readonly number[]): number {
  if (projectIds.length === 0) return 0;
  return prepared(db, 'pendingFeedbackCount', (db) => db.select({ n: count() }).from(feedback)
    .where(and(inArray(feedback.projectId, idsIn('ids')), eq(feedback.state, 'pending'))).prepare()).get({ ids: idList(projectIds) })?.n ?? 0;
}

/** A message about one of the cycle's projects (another cycle's id is not found). */
export function getFeedbackIn(db: Db, cycleId: number, id: number): Feedback | undefined {
  return db.select({ f: feedback }).from(feedback).innerJoin(project, eq(project.id, feedback.projectId))
    .where(and(eq(feedback.id, id), eq(project.cycleId, cycleId))).get()?.f;
}

export function moderateFeedback(db: Db, actor: Actor & { id: number }, f: Feedback, jurisdictionId: number, state: 'published' | 'hidden', now: Date): void {
  db.transaction((tx) => {
    tx.update(feedback).set({ state, moderatedBy: actor.id, moderatedAt: now }).where(eq(feedback.id, f.id)).run();
    recordAudit(tx, actor, { action: `feedback.${state === 'published' ? 'publish' : 'hide'}`, targetType: 'feedback', targetId: f.id, jurisdictionId, before: { state: f.state }, after: { state } }, now);
  });
}

/**
 * Residents' satisfaction (码上评): published ratings given inside the cycle's rating window, per project; shown
 * apart from the representatives' evaluation. No window → nothing counts (ratings are only taken inside one).
 */
export function residentRatings(db: Db, projectIds: readonly number[], window: RatingWindow | undefined): Map<number, RatingCounts> {
  const out = new Map<number, RatingCounts>();
  if (projectIds.length === 0 || !window) return out;
  const rows = prepared(db, 'publishedRatingsOf', (db) => db.select({ projectId: feedback.projectId, rating: feedback.rating, createdAt: feedback.createdAt }).from(feedback)
    .where(and(inArray(feedback.projectId, idsIn('ids')), eq(feedback.state, 'published'), isNotNull(feedback.rating)))
    .orderBy(asc(feedback.projectId)).prepare()).all({ ids: idList(projectIds) });
  for (const r of rows) {
    // A window moved after the fact must not count ratings given outside it.
    if (!r.rating || !ratedInWindow(window, r.createdAt)) continue;
    const c = out.get(r.projectId) ?? { satisfied: 0, basic: 0, dissatisfied: 0 };
    c[r.rating] += 1;
    out.set(r.projectId, c);
  }
  return out;
}
