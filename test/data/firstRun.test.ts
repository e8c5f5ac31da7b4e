import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { auditLog, jurisdiction, roleAssignment, user } from '../../db/schema';
import { verifyAuditChain } from '../../src/data/audit';
import { createFirstAdministrator, hasAdministrator, hasAnyUser } from '../../src/data/firstRun';
import { createUserAccount } from '../../src/data/users';
import { ADMINISTRATOR_EXISTS, DATABASE_NOT_EMPTY } from '../../src/domain/firstRun';
import { seedDemo } from '../../src/demo/seed';
import { firstAdministrator } from '../helpers/firstRunCases';

const now = new Date('2027-01-04T01:00:00Z');
const actor = { id: null, name: '测试' };

describe('createFirstAdministrator', () => {
  it('creates the district and its administrator together, with one audit entry naming both', async () => {
    const db = openDb(':memory:');
    expect(hasAnyUser(db)).toBe(false);
    const r = createFirstAdministrator(db, await firstAdministrator(), now);
    expect(r.ok).toBe(true);
    expect(db.select().from(jurisdiction).all()).toMatchObject([{ kind: 'district', code: 'YC', name: '渝川区', parentId: null, active: true }]);
    const admin = db.select().from(user).get()!;
    expect(admin).toMatchObject({ username: 'admin', displayName: '张三', active: true, mustChangePassword: false });
    expect(db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId }).from(roleAssignment).all())
      .toEqual([{ role: 'districtAdmin', jurisdictionId: db.select().from(jurisdiction).get()!.id }]);
    const setup = db.select().from(auditLog).where(eq(auditLog.action, 'setup.firstAdministrator')).all();
    expect(setup).toHaveLength(1);
    expect(JSON.parse(setup[0]!.after!)).toEqual({ districtCode: 'YC', districtName: '渝川区', username: 'admin', displayName: '张三' });
    expect(setup[0]!.actorName).toBe('初始设置');
    expect(verifyAuditChain(db)).toBeNull();
    expect(hasAdministrator(db)).toBe(true);
  });

  it('marks a generated password to be changed at first login', async () => {
    const db = openDb(':memory:');
    createFirstAdministrator(db, await firstAdministrator({ mustChangePassword: true }), now);
    expect(db.select().from(user).get()!.mustChangePassword).toBe(true);
  });

  it('refuses once an administrator exists, and changes nothing', async () => {
    const db = openDb(':memory:');
    createFirstAdministrator(db, await firstAdministrator(), now);
    const before = db.select().from(auditLog).all().length;
    const again = createFirstAdministrator(db, await firstAdministrator({ districtCode: 'XY', username: 'other' }), now);
    expect(again).toEqual({ ok: false, field: '_form', error: ADMINISTRATOR_EXISTS, status: 409 });
    expect(db.select().from(jurisdiction).all()).toHaveLength(1);
    expect(db.select().from(user).all()).toHaveLength(1);
    expect(db.select().from(auditLog).all()).toHaveLength(before);
  });

  it('refuses on the demo database: it has administrators of its own', async () => {
    const db = openDb(':memory:');
    seedDemo(db, { passwordHash: 'x', now });
    const r = createFirstAdministrator(db, await firstAdministrator({ districtCode: 'ZZ', username: 'zz.admin' }), now);
    expect(r.ok || r.error).toBe(ADMINISTRATOR_EXISTS);
  });

  it('refuses a database that holds jurisdictions but no administrator', async () => {
    const db = openDb(':memory:');
    db.insert(jurisdiction).values({ kind: 'district', code: 'OLD', name: '旧区' }).run();
    const r = createFirstAdministrator(db, await firstAdministrator(), now);
    expect(r.ok || r.error).toBe(DATABASE_NOT_EMPTY);
    expect(db.select().from(user).all()).toHaveLength(0);
  });

  it('refuses a malformed username beside its field and leaves no district behind', async () => {
    const db = openDb(':memory:');
    const r = createFirstAdministrator(db, await firstAdministrator({ username: 'Zhang San' }), now);
    expect(r.ok || r.field).toBe('username');
    expect(db.select().from(jurisdiction).all()).toHaveLength(0);
    expect(db.select().from(auditLog).all()).toHaveLength(0);
  });
});

describe('createUserAccount', () => {
  async function district() {
    const db = openDb(':memory:');
    const r = createFirstAdministrator(db, await firstAdministrator(), now);
    if (!r.ok) throw new Error(r.error);
    const town = db.insert(jurisdiction).values({ kind: 'township', code: 'QS', name: '青石镇', parentId: r.value.jurisdiction.id }).returning().get();
    return { db, town };
  }
  const rep = (jurisdictionId: number) => ({
    username: 'qs.rep001', displayName: '李强', passwordHash: 'hash', role: 'representative' as const, jurisdictionId, mustChangePassword: true,
  });

  it('creates the account with its role and the forced change, audited in one go', async () => {
    const { db, town } = await district();
    const r = createUserAccount(db, actor, rep(town.id), now);
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.id : 0;
    expect(db.select().from(user).where(eq(user.id, id)).get()).toMatchObject({ username: 'qs.rep001', displayName: '李强', mustChangePassword: true });
    expect(db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId }).from(roleAssignment)
      .where(eq(roleAssignment.userId, id)).all()).toEqual([{ role: 'representative', jurisdictionId: town.id }]);
    expect(db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, String(id))).all().map((a) => a.action))
      .toEqual(['user.create', 'role.grant']);
  });

  it.each([
    ['qs rep', '用户名只能使用小写字母'],
    ['ab', '用户名至少 3 个字符'],
    ['admin', '用户名 admin 已被使用，请换一个'],
  ])('refuses the username “%s”: %s', async (username, message) => {
    const { db, town } = await district();
    const r = createUserAccount(db, actor, { ...rep(town.id), username }, now);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : `${r.field}: ${r.error}`).toContain(`username: ${message}`);
    expect(db.select().from(user).all()).toHaveLength(1);
  });

  it('refuses a role where it cannot be held, beside the jurisdiction', async () => {
    const { db, town } = await district();
    const r = createUserAccount(db, actor, { ...rep(town.id), role: 'deliberationRep' }, now);
    expect(r).toEqual({ ok: false, field: 'jurisdictionId', error: '议事代表只能设在街道' });
    expect(db.select().from(user).all()).toHaveLength(1);
  });
});
