import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdictionEmblem } from '../../db/schema';
import type { CleanEmblem } from '../domain/emblem';
import { recordAudit, type Actor } from './audit';

export type Emblem = typeof jurisdictionEmblem.$inferSelect;

export function emblemOf(db: Db, jurisdictionId: number): Emblem | undefined {
  return db.select().from(jurisdictionEmblem).where(eq(jurisdictionEmblem.jurisdictionId, jurisdictionId)).get();
}

/** When the emblem last changed (its URL carries it so browsers may keep it), or undefined when there is none. */
export function emblemVersion(db: Db, jurisdictionId: number): number | undefined {
  return db.select({ at: jurisdictionEmblem.updatedAt }).from(jurisdictionEmblem)
    .where(eq(jurisdictionEmblem.jurisdictionId, jurisdictionId)).get()?.at.getTime();
}

export function setEmblem(db: Db, actor: Actor, jurisdictionId: number, e: CleanEmblem, now: Date): void {
  db.transaction((tx) => {
    const row = { mime: e.mime, image: Buffer.from(e.bytes), updatedAt: now };
    tx.insert(jurisdictionEmblem).values({ jurisdictionId, ...row })
      .onConflictDoUpdate({ target: jurisdictionEmblem.jurisdictionId, set: row }).run();
    recordAudit(tx, actor, {
      action: 'jurisdiction.emblem', targetType: 'jurisdiction', targetId: jurisdictionId, jurisdictionId,
      after: { mime: e.mime, bytes: e.bytes.length, width: e.width, height: e.height },
    }, now);
  });
}

export function removeEmblem(db: Db, actor: Actor, jurisdictionId: number, now: Date): void {
  db.transaction((tx) => {
    tx.delete(jurisdictionEmblem).where(eq(jurisdictionEmblem.jurisdictionId, jurisdictionId)).run();
    recordAudit(tx, actor, { action: 'jurisdiction.emblemRemove', targetType: 'jurisdiction', targetId: jurisdictionId, jurisdictionId }, now);
  });
}
