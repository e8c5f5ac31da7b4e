import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dutyActivity } from '../../db/schema';
import { isChinaDate, type ChinaDate } from '../domain/chinaDate';
import { DUTY_ACTIVITY_LABELS } from '../domain/dutyLedger';
import { ok, refuse, type Result } from '../domain/result';
import type { DutyActivityKind } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Representative } from './representatives';

export type DutyActivity = typeof dutyActivity.$inferSelect;

export interface DutyActivityInput { kind: DutyActivityKind; date: ChinaDate; place: string; detail: string }

/**
 * Writes one station activity into a representative's ledger, with its audit entry. A day after today is refused:
 * the ledger records what was done, not what is planned (plans are the reception schedule's).
 */
export function recordDutyActivity(
  db: Db, actor: Actor & { id: number }, rep: Representative, input: DutyActivityInput, today: ChinaDate, now: Date,
): Result<DutyActivity> {
  if (!isChinaDate(input.date)) return refuse('请填写活动日期', 'date');
  if (input.date > today) return refuse('活动日期不能晚于今天：台账只记已开展的活动', 'date');
  if (input.detail.trim() === '') return refuse('请填写活动内容', 'detail');
  return db.transaction((tx) => {
    const row = tx.insert(dutyActivity).values({
      jurisdictionId: rep.jurisdictionId, representativeId: rep.id, kind: input.kind, date: input.date,
      place: input.place.trim(), detail: input.detail.trim(), recordedBy: actor.id, recordedAt: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'ledger.activity.record', targetType: 'dutyActivity', targetId: row.id, jurisdictionId: rep.jurisdictionId,
      after: { representativeId: rep.id, name: rep.name, kind: DUTY_ACTIVITY_LABELS[row.kind], date: row.date, place: row.place, detail: row.detail },
    }, now);
    return ok(row);
  });
}

/** A line written by mistake leaves the counts, never the table: withdrawn with its reason and who did it. */
export function withdrawDutyActivity(db: Db, actor: Actor & { id: number }, rep: Representative, activityId: number, reason: string, now: Date): Result<DutyActivity> {
  if (reason.trim() === '') return refuse('撤销须写明原因', 'reason');
  return db.transaction((tx) => {
    const row = tx.select().from(dutyActivity)
      .where(and(eq(dutyActivity.id, activityId), eq(dutyActivity.representativeId, rep.id))).get();
    if (!row) return refuse('没有这条活动记录', 'reason', 409);
    if (row.withdrawnAt) return refuse('这条活动记录已经撤销', 'reason', 409);
    const done = tx.update(dutyActivity).set({ withdrawnAt: now, withdrawnBy: actor.id, withdrawReason: reason.trim() })
      .where(eq(dutyActivity.id, row.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'ledger.activity.withdraw', targetType: 'dutyActivity', targetId: row.id, jurisdictionId: row.jurisdictionId,
      before: { representativeId: rep.id, kind: DUTY_ACTIVITY_LABELS[row.kind], date: row.date, detail: row.detail },
      after: { withdrawn: true, reason: reason.trim() },
    }, now);
    return ok(done);
  });
}

/** A representative's activities of the year that stand (withdrawn ones are not in the ledger), oldest first. */
export function dutyActivitiesOf(db: Db, representativeId: number, year: number): DutyActivity[] {
  return db.select().from(dutyActivity)
    .where(and(eq(dutyActivity.representativeId, representativeId), isNull(dutyActivity.withdrawnAt),
      gte(dutyActivity.date, `${year}-01-01`), lte(dutyActivity.date, `${year}-12-31`)))
    .orderBy(asc(dutyActivity.date), asc(dutyActivity.id)).all();
}

/** Withdrawn lines of the year, for the representative's page (struck through, with the reason). */
export function withdrawnActivitiesOf(db: Db, representativeId: number, year: number): DutyActivity[] {
  return db.select().from(dutyActivity)
    .where(and(eq(dutyActivity.representativeId, representativeId),
      gte(dutyActivity.date, `${year}-01-01`), lte(dutyActivity.date, `${year}-12-31`)))
    .orderBy(asc(dutyActivity.date), asc(dutyActivity.id)).all().filter((a) => a.withdrawnAt !== null);
}
