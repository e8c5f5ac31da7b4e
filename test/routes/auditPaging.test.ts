import { describe, expect, it } from 'vitest';
import { recordAudit, WHOLE_CHECK_ON_VIEW_MAX } from '../../src/data/audit';
import { get, login, seedBasics, testApp } from '../helpers/app';

/** A district with `n` entries of the township QS (after the logins' own), one minute apart. */
async function auditCase(n: number) {
  const t = testApp();
  const { qs, lx } = await seedBasics(t.db);
  const start = Date.UTC(2026, 2, 1, 1);
  for (let i = 0; i < n; i++) {
    recordAudit(t.db, { id: null, name: i % 2 ? '甲' : '乙' }, { action: 'settings.update', jurisdictionId: qs.id, after: { i } }, new Date(start + i * 60_000));
  }
  recordAudit(t.db, { id: null, name: '丙' }, { action: 'cycle.create', jurisdictionId: lx.id, after: { elsewhere: true } }, new Date(start));
  return { ...t, qs, admin: await login(t.app, 'admin'), clerk: await login(t.app, 'qs.clerk') };
}

const entries = (page: string) => [...page.matchAll(/\{&quot;i&quot;:(\d+)\}/g)].map((m) => Number(m[1]));

describe('the audit log, a page at a time', () => {
  it('shows the newest fifty first and pages back, for the clerk only their township’s', async () => {
    const t = await auditCase(120);
    const first = await (await get(t.app, '/audit', t.clerk)).text();
    expect(entries(first)).toEqual(Array.from({ length: 50 }, (_, i) => 119 - i));
    expect(first).toContain('第 1 / 3 页，共 120 条');
    expect(first).not.toContain('elsewhere');
    const third = await (await get(t.app, '/audit?page=3', t.clerk)).text();
    expect(entries(third)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });

  it('keeps the filters when paging: actor, action and dates', async () => {
    const t = await auditCase(120);
    const byActor = await (await get(t.app, `/audit?actor=${encodeURIComponent('甲')}&page=2`, t.admin)).text();
    expect(entries(byActor)).toEqual(Array.from({ length: 10 }, (_, i) => 19 - 2 * i));
    expect(byActor).toContain('共 60 条');
    expect(byActor).toContain('href="/audit?actor=%E7%94%B2&amp;page=1"');
    // 2026-03-01 09:00 China time onwards, one entry a minute: the first day holds all 120.
    const byDay = await (await get(t.app, '/audit?action=settings&from=2026-03-01&to=2026-03-01', t.admin)).text();
    expect(byDay).toContain('共 120 条');
    const nextDay = await (await get(t.app, '/audit?from=2026-03-02', t.admin)).text();
    expect(entries(nextDay)).toEqual([]);
    const elsewhere = await (await get(t.app, '/audit?j=LX', t.admin)).text();
    expect(elsewhere).toContain('elsewhere');
    expect(entries(elsewhere)).toEqual([]);
  });

  it('treats % and _ typed into the actor filter as themselves', async () => {
    const t = await auditCase(3);
    expect(entries(await (await get(t.app, '/audit?actor=%25', t.admin)).text())).toEqual([]);
  });
});

describe('the chain check on a long log', () => {
  it('is not made whole on a view after start; asked for, it is, and later views check only what is new', async () => {
    const t = await auditCase(0);
    // Entries past the whole-check threshold, chained as recordAudit chains them.
    t.db.$client.transaction(() => {
      for (let i = 0; i < WHOLE_CHECK_ON_VIEW_MAX; i++) recordAudit(t.db, { id: null, name: '批量' }, { action: 'settings.update', after: { n: i } }, new Date(0));
    })();
    const first = await (await get(t.app, '/audit', t.admin)).text();
    expect(first).toContain('尚未完整校验');
    expect(first).toContain('href="/audit?verify=all"');
    const whole = await (await get(t.app, '/audit?verify=all', t.admin)).text();
    expect(whole).toContain('完整性校验通过：全部记录逐条重算');
    const next = await (await get(t.app, '/audit', t.admin)).text();
    expect(next).toContain('完整性校验通过：日志链未被篡改（新增记录已逐条校验）');
    t.db.$client.exec('drop trigger if exists audit_log_no_update');
    t.db.$client.prepare("update audit_log set actor_name = '改' where id = (select max(id) from audit_log)").run();
    expect(await (await get(t.app, '/audit', t.admin)).text()).toMatch(/完整性校验失败：第 \d+ 条记录与哈希链不符/);
  }, 60_000);
});
