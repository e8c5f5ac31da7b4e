import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cycle } from '../../db/schema';
import { checkWindow, pickCollectionCycle } from '../domain/collection';
import { recordAudit, type Actor } from './audit';
import { cyclesOf, type Cycle } from './cycles';
import { ok, refuse, type Result } from '../domain/result';


/** Sets the collection window (China dates, both inclusive), audited with the dates before and after. */
export function setCollectionWindow(db: Db, actor: Actor, c: Cycle, opens: string, closes: string, now: Date): Result<Cycle> {
  const check = checkWindow(opens, closes, c.year);
  if (!check.ok) return check;
  return db.transaction((tx) => {
    const before = tx.select().from(cycle).where(eq(cycle.id, c.id)).get();
    if (!before) return refuse('年度工作不存在');
    const updated = tx.update(cycle).set({ collectionOpens: opens, collectionCloses: closes }).where(eq(cycle.id, c.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'cycle.collectionWindow', targetType: 'cycle', targetId: c.id, jurisdictionId: c.jurisdictionId,
      before: { collectionOpens: before.collectionOpens, collectionCloses: before.collectionCloses },
      after: { collectionOpens: opens, collectionCloses: closes },
    }, now);
    return ok(updated);
  });
}

/** The cycle the public form of a jurisdiction serves today, and the state of its window. */
export function collectionFor(db: Db, jurisdictionId: number, today: string) {
  return pickCollectionCycle(cyclesOf(db, jurisdictionId), today);
}
