import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { countWithoutLogin, repsWithoutLogin } from '../../src/data/representatives';
import { jurisdiction, representative } from '../../db/schema';
import { eq } from 'drizzle-orm';

describe('the count of seated representatives without a login', () => {
  it('is the number of entries the roster lists as without a login, per jurisdiction and body', async () => {
    const db = openDb(':memory:');
    seedDemo(db, { passwordHash: await hashPassword('demo-password'), now: new Date('2026-06-10T02:00:00Z') });
    const scopes = db.selectDistinct({ jurisdictionId: representative.jurisdictionId, body: representative.body }).from(representative).all();
    expect(scopes.length).toBeGreaterThan(0);
    for (const scope of scopes) expect(countWithoutLogin(db, scope), JSON.stringify(scope)).toBe(repsWithoutLogin(db, scope).length);
    // Retired entries and entries with a login are not counted; a jurisdiction without a roster counts none.
    const qs = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
    const scope = { jurisdictionId: qs.id, body: 'congress' as const };
    const before = countWithoutLogin(db, scope);
    const one = repsWithoutLogin(db, scope)[0];
    if (one) {
      db.update(representative).set({ status: 'retired' }).where(eq(representative.id, one.id)).run();
      expect(countWithoutLogin(db, scope)).toBe(before - 1);
    }
    expect(countWithoutLogin(db, { jurisdictionId: -1, body: 'congress' })).toBe(0);
  });
});
