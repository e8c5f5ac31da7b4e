import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, setting } from '../../db/schema';
import { checkPublicUrl } from '../domain/publicUrl';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';

// One address for the whole district, kept as a setting row of the root jurisdiction.
const KEY = 'publicUrl';

function rootId(db: Db): number | undefined {
  return db.select({ id: jurisdiction.id }).from(jurisdiction).where(isNull(jurisdiction.parentId)).get()?.id;
}

/** The district's public address as the administrator saved it, or null. */
export function savedPublicUrl(db: Db): string | null {
  const root = rootId(db);
  if (root === undefined) return null;
  const row = db.select({ value: setting.value }).from(setting).where(and(eq(setting.jurisdictionId, root), eq(setting.key, KEY))).get();
  return row?.value || null;
}

/** Saves (or with '' clears) the public address; audited. */
export function savePublicUrl(db: Db, actor: Actor, raw: string, now: Date): Result<string | null> {
  const root = rootId(db);
  if (root === undefined) return refuse('请先建立区（县）辖区', 'publicUrl');
  let value: string | null = null;
  if (raw.trim() !== '') {
    const checked = checkPublicUrl(raw);
    if (!checked.ok) return checked;
    value = checked.value;
  }
  return db.transaction((tx) => {
    const before = savedPublicUrl(tx);
    if (value === null) tx.delete(setting).where(and(eq(setting.jurisdictionId, root), eq(setting.key, KEY))).run();
    else tx.insert(setting).values({ jurisdictionId: root, key: KEY, value }).onConflictDoUpdate({ target: [setting.jurisdictionId, setting.key], set: { value } }).run();
    recordAudit(tx, actor, { action: 'settings.publicUrl', targetType: 'jurisdiction', targetId: root, jurisdictionId: root, before: { publicUrl: before }, after: { publicUrl: value } }, now);
    return ok(value);
  });
}
