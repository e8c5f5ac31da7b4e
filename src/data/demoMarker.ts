import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { setting } from '../../db/schema';
import { keptUntilWrite } from './keptUntilWrite';
import { prepared } from './statements';

// The demo seed marks its district so that every page can say "demo data" and demo:remove knows what it wipes.
const KEY = 'demo';

/** Written by the demo seed, on the district it creates, in the seed's own transaction. */
export function markDemo(db: Db, districtId: number): void {
  db.insert(setting).values({ jurisdictionId: districtId, key: KEY, value: '1' })
    .onConflictDoUpdate({ target: [setting.jurisdictionId, setting.key], set: { value: '1' } }).run();
}

/** Whether the database holds the demo district (a read of the small settings table: asked on every page). */
export function isDemo(db: Db): boolean {
  return keptUntilWrite(db, 'isDemo', () => prepared(db, 'isDemo', (db) => db.select({ value: setting.value }).from(setting)
    .where(eq(setting.key, KEY)).limit(1).prepare()).get()?.value === '1');
}
