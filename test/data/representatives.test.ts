import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, loginSession, representative, roleAssignment, sessionRoster, user } from '../../db/schema';
import { createLoginSession } from '../../src/auth/loginSession';
import { createCycle } from '../../src/data/cycles';
import {
  createRepLogins, getRep, importRoster, linkRepLogin, reinstateRep, resetRepLogins, retireRep, rosterHistory, rosterOf,
  seatedOnDate, unlinkRepLogin,
} from '../../src/data/representatives';
import { createSession } from '../../src/data/sessions';
import type { SheetCell } from '../../src/domain/rosterImport';
import { freshDb } from '../helpers/app';
import { seedTownshipRoster } from '../helpers/rosterCases';

const now = new Date('2026-03-10T02:00:00Z'); // 10:00 in China
type Fx = Awaited<ReturnType<typeof seedTownshipRoster>>;
let db: ReturnType<typeof freshDb>;
let fx: Fx;

beforeEach(async () => {
  db = freshDb();
  fx = await seedTownshipRoster(db);
});

const sheet = (...lines: SheetCell[][]) => ({ rows: lines.map((cells, i) => ({ line: i + 1, cells })), strictWidth: true });
const names = () => rosterOf(db, fx.scope).map((r) => r.name);
const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('importRoster', () => {
  it('adds nothing and lists every problem when any row is wrong', () => {
    const before = names();
    const r = importRoster(db, fx.clerk, fx.scope, sheet(
      ['姓名', '所在村（社区）', '联系电话'],
      ['孙丽', '青石村', '13800000009'], // fine, yet not added
      ['王　伟', '青石村', ''], // already seated, with a full-width space
      ['周强', '青山村', '1.38E+10'],
    ), now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[3, '姓名'], [4, '所在村（社区）'], [4, '联系电话']]);
    expect(r.errors[0]!.message).toBe('名册中已有同名、同村（社区）的在册代表：王伟（青石村）');
    expect(names()).toEqual(before);
    expect(audits('roster.import')).toHaveLength(1); // the fixture's own
  });

  it('adds a good file in one transaction with one audit entry; a retired namesake is no duplicate', () => {
    const r = importRoster(db, fx.clerk, fx.scope, sheet(['姓名', '所在村（社区）'], ['孙丽', '青石村'], ['赵敏', '青石村']), now);
    expect(r.ok).toBe(true);
    expect(names()).toEqual(expect.arrayContaining(['孙丽', '赵敏']));
    expect(JSON.parse(audits('roster.import').at(-1)!.after!)).toEqual({ body: 'congress', count: 2, names: ['孙丽', '赵敏'] });
  });
});

describe('retire and undo', () => {
  it('retires with a reason and date; a future date, or twice, is refused; undo restores the seat', () => {
    expect(retireRep(db, fx.clerk, fx.wang, { onDate: '2026-03-11', reason: 'death', note: '' }, now))
      .toEqual({ ok: false, field: 'onDate', error: '离任日期不能晚于今天' });
    expect(retireRep(db, fx.clerk, fx.wang, { onDate: '2021-10-01', reason: 'death', note: '' }, now))
      .toEqual({ ok: false, field: 'onDate', error: '离任日期不能早于当选日期 2021-11-01' });
    const r = retireRep(db, fx.clerk, fx.wang, { onDate: '2026-03-01', reason: 'recall', note: '经选区选民罢免' }, now);
    expect(r.ok && r.value).toMatchObject({ status: 'retired', retiredOn: '2026-03-01', retireReason: 'recall', retireNote: '经选区选民罢免', termTo: '2026-10-31' });
    expect(retireRep(db, fx.clerk, fx.wang, { onDate: '2026-03-01', reason: 'recall', note: '' }, now)).toMatchObject({ ok: false, error: '该代表已经离任' });
    const back = reinstateRep(db, fx.clerk, getRep(db, fx.scope, fx.wang.id)!, now);
    expect(back.ok && back.value).toMatchObject({ status: 'seated', retiredOn: null, retireReason: null, retireNote: null, termTo: '2026-10-31' });
    expect(audits('roster.retire')).toHaveLength(1);
    expect(JSON.parse(audits('roster.reinstate')[0]!.before!)).toMatchObject({ retiredOn: '2026-03-01', reason: 'recall' });
  });
});

describe('seated counts over time', () => {
  it('counts by the seat dates: the history and a session snapshot agree', () => {
    expect(rosterHistory(db, fx.scope).points.map((p) => [p.date, p.seated])).toEqual([
      ['2021-11-01', 3], ['2024-05-20', 4], ['2025-06-30', 3],
    ]);
    expect(seatedOnDate(db, fx.scope, '2024-05-19').map((r) => r.name)).toEqual(['王伟', '李秀英', '赵敏']);
    expect(seatedOnDate(db, fx.scope, '2025-06-30').map((r) => r.name)).toEqual(['王伟', '李秀英', '张建国']);
  });

  it('a session snapshots the roster seated on its date: retired out, by-election in', () => {
    const cy = createCycle(db, fx.clerk, fx.qs.id, 2026, now);
    if (!cy.ok) throw new Error(cy.error);
    retireRep(db, fx.clerk, fx.li, { onDate: '2026-03-05', reason: 'movedAway', note: '' }, now);
    const s = createSession(db, fx.clerk, fx.qs, {
      cycleId: cy.value.id, kind: 'startOfYear', title: '青石镇人代会', date: '2026-03-12', startTime: '09:00', endTime: '', place: '', agenda: '',
    }, now);
    if (!s.ok) throw new Error(s.error);
    const snap = db.select().from(sessionRoster).where(eq(sessionRoster.sessionId, s.value.id)).all().map((r) => r.name);
    expect(snap).toEqual(['王伟', '张建国']);
  });
});

describe('representatives\' logins', () => {
  const scope = () => ({ ...fx.scope, code: 'QS' });

  it('creates accounts in bulk: the roster\'s usernames, the role, a forced change, one audit entry without passwords', () => {
    const r = createRepLogins(db, fx.clerk, scope(), [
      { repId: fx.wang.id, passwordHash: 'hash-of-pw-1' }, { repId: fx.li.id, passwordHash: 'hash-of-pw-2' },
    ], { mustChangePassword: true }, now);
    expect(r).toEqual({ ok: true, value: { issued: [
      { repId: fx.wang.id, name: '王伟', community: '青石村', username: 'qs.rep001' },
      { repId: fx.li.id, name: '李秀英', community: '杨柳村', username: 'qs.rep002' },
    ], skipped: [] } });
    const u = db.select().from(user).where(eq(user.username, 'qs.rep001')).get()!;
    expect(u).toMatchObject({ displayName: '王伟', passwordHash: 'hash-of-pw-1', mustChangePassword: true, active: true });
    expect(db.select().from(roleAssignment).where(eq(roleAssignment.userId, u.id)).all())
      .toEqual([expect.objectContaining({ role: 'representative', jurisdictionId: fx.qs.id })]);
    expect(getRep(db, fx.scope, fx.wang.id)!.userId).toBe(u.id);
    const entry = audits('roster.logins.create');
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]!.after!).reps.map((x: { username: string }) => x.username)).toEqual(['qs.rep001', 'qs.rep002']);
    expect(db.select().from(auditLog).all().some((a) => `${a.before}${a.after}`.includes('hash-of-pw'))).toBe(false);

    const again = createRepLogins(db, fx.clerk, scope(), [{ repId: fx.wang.id, passwordHash: 'x' }, { repId: fx.zhang.id, passwordHash: 'y' }], { mustChangePassword: true }, now);
    expect(again).toEqual({ ok: true, value: { issued: [expect.objectContaining({ username: 'qs.rep003' })], skipped: ['王伟'] } });
  });

  it('a given username that is taken undoes the whole batch', () => {
    const r = createRepLogins(db, fx.clerk, scope(), [
      { repId: fx.wang.id, passwordHash: 'h' }, { repId: fx.li.id, passwordHash: 'h', username: 'qs.clerk' },
    ], { mustChangePassword: false }, now);
    expect(r).toEqual({ ok: false, field: 'username', error: '用户名 qs.clerk 已被使用，请换一个' });
    expect(db.select().from(user).where(eq(user.username, 'qs.rep001')).get()).toBeUndefined();
    expect(getRep(db, fx.scope, fx.wang.id)!.userId).toBeNull();
  });

  it('resets a representative\'s password (ending their sessions) but leaves a staff account alone', () => {
    createRepLogins(db, fx.clerk, scope(), [{ repId: fx.wang.id, passwordHash: 'old' }], { mustChangePassword: false }, now);
    const u = db.select().from(user).where(eq(user.username, 'qs.rep001')).get()!;
    createLoginSession(db, u.id, now);
    expect(linkRepLogin(db, fx.clerk, fx.li, 'qs.sup', now).ok).toBe(true); // a supervision member who is also a representative
    const r = resetRepLogins(db, fx.clerk, fx.scope, [{ repId: fx.wang.id, passwordHash: 'new' }, { repId: fx.li.id, passwordHash: 'new' }], now);
    expect(r).toEqual({ ok: true, value: {
      issued: [{ repId: fx.wang.id, name: '王伟', community: '青石村', username: 'qs.rep001' }],
      skipped: ['李秀英（该账号还有其他职务，请由区级管理员重置）'],
    } });
    expect(db.select().from(user).where(eq(user.id, u.id)).get()).toMatchObject({ passwordHash: 'new', mustChangePassword: true });
    expect(db.select().from(loginSession).where(eq(loginSession.userId, u.id)).all()).toEqual([]);
    expect(JSON.parse(audits('roster.logins.reset')[0]!.after!)).toEqual({ body: 'congress', count: 1, reps: [{ id: fx.wang.id, name: '王伟', username: 'qs.rep001' }] });
  });

  it('links an existing account (granting the role), once per roster; unlinking takes the role back', () => {
    const rep = db.select().from(user).where(eq(user.username, 'qs.rep')).get()!;
    const roles = () => db.select().from(roleAssignment).where(and(eq(roleAssignment.userId, rep.id), eq(roleAssignment.role, 'representative'))).all();
    expect(linkRepLogin(db, fx.clerk, fx.wang, 'nobody', now)).toEqual({ ok: false, field: 'username', error: '没有用户名为 nobody 的账号' });
    expect(linkRepLogin(db, fx.clerk, fx.wang, 'qs.rep', now).ok).toBe(true);
    expect(roles()).toHaveLength(1); // qs.rep already was a representative here: not granted twice
    expect(linkRepLogin(db, fx.clerk, fx.li, 'qs.rep', now)).toEqual({ ok: false, field: 'username', error: '账号 qs.rep 已关联名册中的 王伟' });
    expect(linkRepLogin(db, fx.clerk, getRep(db, fx.scope, fx.wang.id)!, 'lx.clerk', now))
      .toEqual({ ok: false, field: 'username', error: '该代表已关联登录账号，请先解除关联' });
    expect(unlinkRepLogin(db, fx.clerk, fx.wang, now).ok).toBe(true);
    expect(getRep(db, fx.scope, fx.wang.id)!.userId).toBeNull();
    expect(roles()).toEqual([]);
    const lx = db.select().from(user).where(eq(user.username, 'lx.clerk')).get()!;
    expect(linkRepLogin(db, fx.clerk, fx.li, 'lx.clerk', now).ok).toBe(true);
    expect(db.select().from(roleAssignment).where(eq(roleAssignment.userId, lx.id)).all().map((r) => r.role).sort()).toEqual(['clerk', 'representative']);
    expect(audits('roster.login.link').map((a) => JSON.parse(a.after!).roleGranted)).toEqual([null, 'representative']);
    expect(JSON.parse(audits('roster.login.unlink')[0]!.after!)).toEqual({ roleRevoked: 'representative' });
    expect(db.select().from(representative).where(eq(representative.userId, lx.id)).all()).toHaveLength(1);
  });
});
