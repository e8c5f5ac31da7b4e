import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { setting } from '../../db/schema';
import { lawfulVoteSettings, readSettings, SETTING_KEYS, type Settings } from '../domain/settings';
import { ok, type Result } from '../domain/result';
import type { JurisdictionKind } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';

export function getSettings(db: Db, jurisdictionId: number): Settings {
  return readSettings(prepared(db, 'settingsOf', (db) => db.select().from(setting).where(eq(setting.jurisdictionId, sql.placeholder('jurisdictionId'))).prepare())
    .all({ jurisdictionId }));
}

/** Several jurisdictions' settings in one read (a district's townships side by side), by jurisdiction id. */
export function settingsOfMany(db: Db, jurisdictionIds: readonly number[]): Map<number, Settings> {
  const rows = jurisdictionIds.length === 0 ? [] : prepared(db, 'settingsOfMany', (db) => db.select().from(setting)
    .where(inArray(setting.jurisdictionId, idsIn('ids'))).prepare()).all({ ids: idList(jurisdictionIds) });
  const by = new Map<number, (typeof rows)[number][]>(jurisdictionIds.map((id) => [id, []]));
  for (const r of rows) by.get(r.jurisdictionId)?.push(r);
  return new Map([...by].map(([id, list]) => [id, readSettings(list)]));
}

/**
 * Writes every key (so the stored values are explicit), audited with the values before and after. Refuses a vote
 * rule the body's law does not allow. A poll already opened keeps the rule it opened under (poll.rule).
 */
export function saveSettings(db: Db, actor: Actor, j: { id: number; kind: JurisdictionKind }, next: Settings, now: Date): Result {
  const unlawful = lawfulVoteSettings(j.kind, next);
  if (unlawful) return unlawful;
  const jurisdictionId = j.id;
  db.transaction((tx) => {
    const before = getSettings(tx, jurisdictionId);
    for (const key of SETTING_KEYS) {
      const value = String(next[key]);
      tx.insert(setting).values({ jurisdictionId, key, value })
        .onConflictDoUpdate({ target: [setting.jurisdictionId, setting.key], set: { value } }).run();
    }
    const changed = SETTING_KEYS.filter((k) => before[k] !== next[k]);
    if (changed.length === 0) return;
    recordAudit(tx, actor, {
      action: 'settings.update', targetType: 'jurisdiction', targetId: jurisdictionId, jurisdictionId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    }, now);
  });
  return ok();
}
