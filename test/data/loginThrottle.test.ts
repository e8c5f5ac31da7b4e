import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { auditLog } from '../../db/schema';
import {
  clearAccountFailures, failuresOf, isKnownDevice, loginWait, recordLoginFailure, rememberDevice, unlockAccount,
} from '../../src/data/loginThrottle';
import { freshDb } from '../helpers/app';

const T0 = Date.UTC(2027, 0, 15, 1);

describe('persisted login throttling', () => {
  it('five failures make the account wait 30 s; a sixth while waiting doubles it', () => {
    const db = freshDb();
    for (let i = 0; i < 5; i++) recordLoginFailure(db, 'QS.Rep001', '10.0.0.5', T0);
    expect(loginWait(db, 'qs.rep001', '10.0.0.9', T0)).toBe(30_000);
    recordLoginFailure(db, 'qs.rep001', '10.0.0.5', T0 + 1000);
    expect(loginWait(db, 'qs.rep001', '10.0.0.9', T0 + 1000)).toBe(60_000);
  });

  it('survives a restart: the counters are rows, read by a new connection to the same file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'throttle-')), 'minsheng.db');
    const before = openDb(path);
    for (let i = 0; i < 7; i++) recordLoginFailure(before, 'sm.clerk', '10.0.0.5', T0);
    before.$client.close();
    const after = openDb(path);
    expect(failuresOf(after, 'sm.clerk')).toBe(7);
    expect(loginWait(after, 'sm.clerk', '10.0.0.1', T0)).toBe(120_000);
    after.$client.close();
  });

  it('one address failing on many accounts waits after its 20 free failures, other addresses do not', () => {
    const db = freshDb();
    for (let i = 0; i < 20; i++) recordLoginFailure(db, `x${i}`, '10.0.0.66', T0);
    expect(loginWait(db, 'someone', '10.0.0.66', T0)).toBe(30_000);
    expect(loginWait(db, 'someone', '10.0.0.67', T0)).toBe(0);
  });

  it('success clears the account streak; an unlock clears it too, audited', () => {
    const db = freshDb();
    for (let i = 0; i < 6; i++) recordLoginFailure(db, 'qs.rep002', '10.0.0.5', T0);
    clearAccountFailures(db, 'qs.rep002');
    expect(failuresOf(db, 'qs.rep002')).toBe(0);
    for (let i = 0; i < 6; i++) recordLoginFailure(db, 'qs.rep003', '10.0.0.5', T0);
    expect(unlockAccount(db, { id: null, name: '管理员', ip: '-' }, { id: 3, username: 'qs.rep003' }, null, new Date(T0))).toBe(true);
    expect(failuresOf(db, 'qs.rep003')).toBe(0);
    expect(db.select().from(auditLog).all().map((a) => a.action)).toContain('login.unlock');
  });
});

describe('known devices', () => {
  it('a remembered secret is known for its user only; a made-up one is not', async () => {
    const db = freshDb();
    const { seedBasics } = await import('../helpers/app');
    const { users } = await seedBasics(db);
    const secret = rememberDevice(db, users.qsRep.id, new Date(T0));
    expect(isKnownDevice(db, users.qsRep.id, secret, new Date(T0))).toBe(true);
    expect(isKnownDevice(db, users.qsClerk.id, secret, new Date(T0))).toBe(false);
    expect(isKnownDevice(db, users.qsRep.id, 'a'.repeat(32), new Date(T0))).toBe(false);
    expect(isKnownDevice(db, users.qsRep.id, undefined, new Date(T0))).toBe(false);
  });
});
