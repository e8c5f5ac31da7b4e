import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cycle, feedbackWindow, jurisdiction, user } from '../../db/schema';
import { chinaYearOf } from '../domain/chinaDate';

/**
 * The residents' rating window of last year's 青石镇 cycle (scripts/demo/delivery.ts): August to the year-end
 * evaluation, so the demo's published ratings count as residents' satisfaction. Today it is closed: the QR form
 * takes suggestions only.
 */
export function seedFeedbackWindowDemo(db: Db, now: Date): void {
  const year = chinaYearOf(now) - 1;
  const town = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get();
  const cy = town && db.select().from(cycle).where(and(eq(cycle.jurisdictionId, town.id), eq(cycle.year, year))).get();
  const clerk = db.select({ id: user.id }).from(user).where(eq(user.username, 'qs.clerk')).get();
  if (!cy || !clerk) return;
  db.insert(feedbackWindow).values({ cycleId: cy.id, opens: `${year}-08-01`, closes: `${year}-12-31`, updatedAt: new Date(`${year}-07-25T02:00:00Z`), updatedBy: clerk.id }).run();
}
