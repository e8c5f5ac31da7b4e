import { describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain, verifyAuditChainInTurns, verifyNewAuditEntries } from '../../src/data/audit';
import { get, login, seedBasics, testApp } from '../helpers/app';

function chainOf(n: number) {
  const t = testApp();
  for (let i = 0; i < n; i++) recordAudit(t.db, { id: null, name: 'x' }, { action: `a${i}`, after: { i } }, new Date());
  return t;
}

/** Changes an entry as someone with the file could: past the append-only trigger. */
function tamper(t: ReturnType<typeof testApp>, action: string) {
  t.db.$client.exec('drop trigger if exists audit_log_no_update');
  t.db.$client.prepare("update audit_log set after = '{\"i\":9}' where action = ?").run(action);
}

describe('checking the audit chain from its last intact entry', () => {
  it('finds a changed entry among those added since the last check', () => {
    const t = chainOf(3);
    expect(verifyNewAuditEntries(t.db)).toBeNull();
    recordAudit(t.db, { id: null, name: 'x' }, { action: 'a3', after: { i: 3 } }, new Date());
    recordAudit(t.db, { id: null, name: 'x' }, { action: 'a4', after: { i: 4 } }, new Date());
    tamper(t, 'a4');
    expect(verifyNewAuditEntries(t.db)).toBe(5);
    expect(verifyNewAuditEntries(t.db)).toBe(5); // still broken on the next view: the checkpoint did not move past it
  });

  it('finds the checkpoint entry itself changed', () => {
    const t = chainOf(3);
    expect(verifyNewAuditEntries(t.db)).toBeNull();
    tamper(t, 'a2');
    expect(verifyNewAuditEntries(t.db)).toBe(3);
  });

  it('checks the whole chain the first time, and the whole check still finds an older entry changed', () => {
    const t = chainOf(4);
    tamper(t, 'a1');
    expect(verifyNewAuditEntries(t.db)).toBe(2);
    const u = chainOf(4);
    expect(verifyNewAuditEntries(u.db)).toBeNull();
    tamper(u, 'a0');
    expect(verifyAuditChain(u.db)).toBe(1);
  });

  it('the administrator asks for the whole chain to be re-hashed on the audit page', async () => {
    const t = testApp();
    await seedBasics(t.db);
    const admin = await login(t.app, 'admin');
    const first = await (await get(t.app, '/audit', admin)).text();
    expect(first).toContain('完整性校验通过');
    expect(first).toContain('href="/audit?verify=all"');
    tamper(t, 'login.success');
    const whole = await (await get(t.app, '/audit?verify=all', admin)).text();
    expect(whole).toMatch(/完整性校验失败：第 \d+ 条记录与哈希链不符/);
  });

  it('the whole check asked for on the page lets other requests in between batches, and still finds a late entry changed', async () => {
    const t = chainOf(4_500); // three batches
    tamper(t, 'a4400');
    let answeredMeanwhile = 0;
    const ticks = setInterval(() => answeredMeanwhile++, 0);
    const brokenAt = await verifyAuditChainInTurns(t.db);
    clearInterval(ticks);
    expect(brokenAt).toBe(4401);
    expect(answeredMeanwhile).toBeGreaterThan(0);
    const u = chainOf(4_500);
    expect(await verifyAuditChainInTurns(u.db)).toBeNull();
    expect(verifyNewAuditEntries(u.db)).toBeNull(); // the whole check left a checkpoint at its last entry
    tamper(u, 'a4499');
    expect(verifyNewAuditEntries(u.db)).toBe(4500);
  });
});
