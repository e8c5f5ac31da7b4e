import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, closureSignature, paperEntry, poll, sessionOfficer } from '../../db/schema';
import { closureCertificate } from '../../src/data/closureCertificates';
import { optionsOf } from '../../src/data/pollReads';
import { assignOfficer } from '../../src/data/sessionOfficers';
import type { Session } from '../../src/data/sessions';
import type { SessionOfficerRole } from '../../src/domain/vocabulary';
import { get, post } from '../helpers/app';
import { cast, clerkActor, close, openedPoll, paperClosed, valueOf, type PollCase } from '../helpers/pollCases';
import { marksFor, openSession, type VotingFixture } from '../helpers/votingFixture';

const audits = (f: VotingFixture, action: string) => f.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

/** Names an officer through the data function: rep:<roster index> or a staff username. */
function name(f: VotingFixture, s: Session, role: SessionOfficerRole, who: number | string, reason = '') {
  const person = typeof who === 'number' ? `rep:${f.roster[who]!.id}` : `user:${f.db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, who) }).sync()!.id}`;
  return valueOf(assignOfficer(f.db, clerkActor(f), s, { role, person, reason }, new Date()));
}

/**
 * The paper poll closed with three ballots out, and its session's officers: 总监票人 李强 (qs.rep), 监票人 代表002
 * (qs.r002), 计票人 代表003 (qs.r003, a representative) and the staff account qs.unit (计票人).
 */
async function countingWithOfficers() {
  const t = await paperClosed();
  const reason = '大会通过的监票人、计票人名单';
  name(t.f, t.session, 'chiefScrutineer', 0, reason);
  name(t.f, t.session, 'scrutineer', 1, reason);
  name(t.f, t.session, 'teller', 2, reason);
  name(t.f, t.session, 'teller', 'qs.unit', reason);
  const [chief, scrutineer, teller, staffTeller, clerk] = await Promise.all(['qs.rep', 'qs.r002', 'qs.r003', 'qs.unit', 'qs.clerk'].map((u) => t.f.login(u)));
  return { ...t, chief, scrutineer, teller, staffTeller, clerk };
}

const entry = (t: PollCase, serial: string, marks: string[]) => ({ serial, ...marksFor(t.ids, marks) });

describe('the clerk names the session\'s 总监票人, 监票人 and 计票人', () => {
  it('from the roster (with a login) or staff; one role each, one 总监票人, scrutineers only from representatives; audited', async () => {
    const t = await openedPoll({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2, present: 10 });
    const f = t.f;
    // A second session, not yet voting: changes there are free.
    const s = openSession(f, 0);
    const clerk = await f.login('qs.clerk');
    const url = `/j/QS/sessions/${s.id}/officers`;
    const page = await (await get(f.app, url, clerk)).text();
    expect(page).toContain(`value="rep:${f.roster[0]!.id}"`);
    expect(page).not.toContain(`value="rep:${f.roster[8]!.id}"`); // no login: cannot act as an officer
    expect(page).toContain(`value="user:${f.users.qsUnit.id}"`);
    expect(page).not.toContain(`value="user:${f.users.lxClerk.id}"`); // another town's staff

    expect((await post(f.app, url, { role: 'chiefScrutineer', person: `rep:${f.roster[0]!.id}` }, clerk)).status).toBe(303);
    const cases: [Record<string, string>, string][] = [
      [{ role: 'chiefScrutineer', person: `rep:${f.roster[1]!.id}` }, '本次会议已有总监票人'],
      [{ role: 'scrutineer', person: `user:${f.users.qsUnit.id}` }, '监票人须从本次会议的代表中产生'],
      [{ role: 'teller', person: `rep:${f.roster[0]!.id}` }, '此人已担任本次会议的总监票人，每人只担任一项'],
      [{ role: 'teller', person: `rep:${f.roster[8]!.id}` }, '请从列表中选择'],
      [{ role: 'teller', person: `user:${f.users.lxClerk.id}` }, '请从列表中选择'],
    ];
    for (const [body, error] of cases) {
      const res = await post(f.app, url, body, clerk);
      expect(res.status, error).toBe(422);
      expect(await res.text()).toContain(error);
    }
    expect((await post(f.app, url, { role: 'teller', person: `user:${f.users.qsUnit.id}` }, clerk)).status).toBe(303);
    expect(f.db.select().from(sessionOfficer).where(eq(sessionOfficer.sessionId, s.id)).all().map((o) => [o.role, o.name]))
      .toEqual([['chiefScrutineer', '李强'], ['teller', '青石镇农业服务中心']]);
    expect(audits(f, 'session.officer.assign')).toHaveLength(2);
    // Before any poll of the session opened: removed without a reason.
    const staffRow = f.db.select().from(sessionOfficer).where(eq(sessionOfficer.role, 'teller')).get()!;
    expect((await post(f.app, `${url}/${staffRow.id}/remove`, {}, clerk)).status).toBe(303);
    expect(JSON.parse(audits(f, 'session.officer.remove')[0]!.before!)).toMatchObject({ role: 'teller', name: '青石镇农业服务中心' });
    // A representative, even one named here, does not manage the list.
    expect((await get(f.app, url, await f.login('qs.rep'))).status).toBe(403);
    expect((await post(f.app, url, { role: 'teller', person: `rep:${f.roster[2]!.id}` }, await f.login('qs.rep'))).status).toBe(403);
  });

  it('once the first poll has opened the list is frozen: a change needs a reason, which the audit log keeps', async () => {
    const t = await openedPoll({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2, present: 10 });
    const clerk = await t.f.login('qs.clerk');
    const url = `/j/QS/sessions/${t.session.id}/officers`;
    const noReason = await post(t.f.app, url, { role: 'scrutineer', person: `rep:${t.f.roster[1]!.id}` }, clerk);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('本次会议已开始表决，监票人和计票人的变动须写明原因');
    expect((await post(t.f.app, url, { role: 'scrutineer', person: `rep:${t.f.roster[1]!.id}`, reason: '原监票人因病请假' }, clerk)).status).toBe(303);
    const o = t.f.db.select().from(sessionOfficer).get()!;
    const remove = await post(t.f.app, `${url}/${o.id}/remove`, { reason: '' }, clerk);
    expect(remove.status).toBe(422);
    expect(await remove.text()).toContain('须写明原因');
    expect(t.f.db.select().from(sessionOfficer).all()).toHaveLength(1);
    expect((await post(t.f.app, `${url}/${o.id}/remove`, { reason: '离场' }, clerk)).status).toBe(303);
    expect(JSON.parse(audits(t.f, 'session.officer.assign')[0]!.after!).reason).toBe('原监票人因病请假');
    expect(JSON.parse(audits(t.f, 'session.officer.remove')[0]!.after!)).toEqual({ reason: '离场' });
  });
});

describe('officers hold exactly the rights of their duty, at their own session only', () => {
  it('a representative 计票人 and a staff 计票人 enter the two passes and finish; the clerk may still enter', async () => {
    const t = await countingWithOfficers();
    const P = `/j/QS/polls/${t.poll.id}/paper`;
    expect((await get(t.f.app, P, t.teller)).status).toBe(200);
    for (const serial of ['1', '2', '3']) {
      expect((await post(t.f.app, `${P}/entries`, entry(t, serial, ['for', 'against', '']), t.teller)).status).toBe(303);
      expect((await post(t.f.app, `${P}/entries`, entry(t, serial, ['for', 'against', '']), t.staffTeller)).status).toBe(303);
    }
    expect(t.f.db.select().from(paperEntry).all().map((e) => e.tellerId).sort())
      .toEqual([...Array(3).fill(t.f.roster[2]!.userId), ...Array(3).fill(t.f.users.qsUnit.id)].sort());
    expect((await post(t.f.app, `${P}/finish`, {}, t.staffTeller)).status).toBe(303);
    expect(t.f.db.select().from(poll).where(eq(poll.id, t.poll.id)).get()!.state).toBe('closed');
  });

  it('an officer cannot create polls, tick the roll, issue ballots, open or close polls, or manage the session: 403', async () => {
    const t = await countingWithOfficers();
    const S = `/j/QS/sessions/${t.session.id}`;
    const Pl = `/j/QS/polls/${t.poll.id}`;
    for (const cookie of [t.teller, t.staffTeller, t.chief]) {
      expect((await post(t.f.app, `${S}/polls`, { title: '再来一轮', secrecy: 'secret' }, cookie)).status).toBe(403);
      expect((await post(t.f.app, `${S}/roll/${t.f.roster[11]!.id}`, {}, cookie)).status).toBe(403);
      expect((await get(t.f.app, `${S}/roll`, cookie)).status).toBe(403);
      expect((await post(t.f.app, `${S}/state`, { to: 'closed' }, cookie)).status).toBe(403);
      for (const action of ['open', 'close', 'runoff', 'paper/issue']) expect((await post(t.f.app, `${Pl}/${action}`, {}, cookie)).status).toBe(403);
      expect((await post(t.f.app, `${Pl}/void`, { reason: '重来' }, cookie)).status).toBe(403);
      expect((await post(t.f.app, `${S}/publish`, {}, cookie)).status).toBe(403);
    }
  });

  it('监票人 read the entries and the mismatch list but do not enter; nobody signs for another', async () => {
    const t = await countingWithOfficers();
    const P = `/j/QS/polls/${t.poll.id}/paper`;
    await post(t.f.app, `${P}/entries`, entry(t, '2', ['for', 'for', '']), t.teller);
    await post(t.f.app, `${P}/entries`, entry(t, '2', ['for', 'against', '']), t.staffTeller);
    for (const cookie of [t.chief, t.scrutineer]) {
      const page = await (await get(t.f.app, P, cookie)).text();
      expect(page).toContain('两遍录入不一致（1）');
      expect(page).not.toContain('action="/j/QS/polls/' + t.poll.id + '/paper/entries"');
      expect((await post(t.f.app, `${P}/entries`, entry(t, '3', ['for', '', '']), cookie)).status).toBe(403);
      expect((await post(t.f.app, `${P}/discard`, { serial: '002' }, cookie)).status).toBe(403);
      expect((await post(t.f.app, `${P}/finish`, {}, cookie)).status).toBe(403);
    }
    // A 计票人 does not sign the certificate; a representative who is no officer does not read the paper page.
    expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/certificate/sign`, { digest: '0'.repeat(64) }, t.teller)).status).toBe(403);
    expect((await get(t.f.app, P, await t.f.login('qs.r004'))).status).toBe(403);
  });

  it('at another session of the same town the same logins hold no officer right', async () => {
    const t = await countingWithOfficers();
    const other = openSession(t.f, 0);
    const otherPoll = t.f.db.insert(poll).values({ sessionId: other.id, kind: 'selection', title: '另一次会议的表决', seatsToFill: 2, state: 'closed', paperBallotsIssued: 3 }).returning().get();
    for (const cookie of [t.teller, t.staffTeller]) {
      expect((await get(t.f.app, `/j/QS/polls/${otherPoll.id}/paper`, cookie)).status).toBe(403);
      expect((await post(t.f.app, `/j/QS/polls/${otherPoll.id}/paper/entries`, { serial: '1' }, cookie)).status).toBe(403);
      expect((await get(t.f.app, `/j/QS/sessions/${other.id}/duties`, cookie)).status).toBe(403);
    }
    expect((await post(t.f.app, `/j/QS/polls/${otherPoll.id}/certificate/sign`, { digest: '0'.repeat(64) }, t.chief)).status).toBe(403);
    // Nor in another town, whatever the URL says.
    expect((await get(t.f.app, `/j/LX/polls/${t.poll.id}/paper`, t.teller)).status).toBe(404);
  });

  it('an officer finds the duty from the home page: 本次会议您担任：计票人 → 纸质选票录入', async () => {
    const t = await countingWithOfficers();
    const home = await (await get(t.f.app, '/', t.teller)).text();
    expect(home).toContain('本次会议您担任：计票人 →');
    expect(home).toContain(`href="/j/QS/sessions/${t.session.id}/duties">纸质选票录入</a>`);
    const duties = await (await get(t.f.app, `/j/QS/sessions/${t.session.id}/duties`, t.teller)).text();
    expect(duties).toContain(`href="/j/QS/polls/${t.poll.id}/paper">纸质选票录入</a>`);
    expect(await (await get(t.f.app, '/', t.chief)).text()).toContain('本次会议您担任：总监票人 →');
    expect(await (await get(t.f.app, '/', await t.f.login('qs.r004'))).text()).not.toContain('本次会议您担任');
  });
});

describe('blind second pass', () => {
  it('the second teller\'s page shows neither the first pass\'s marks nor its teller; the mismatch appears once both exist', async () => {
    const t = await countingWithOfficers();
    const P = `/j/QS/polls/${t.poll.id}/paper`;
    const labels = optionsOf(t.f.db, t.poll.id).map((o) => o.label);
    expect((await post(t.f.app, `${P}/entries`, entry(t, '2', ['against', 'for', 'against']), t.teller)).status).toBe(303);
    for (const cookie of [t.staffTeller, t.clerk, t.chief]) {
      const html = await (await get(t.f.app, P, cookie)).text();
      expect(html).toContain('等待另一位计票人录入第二遍（1）：002');
      for (const [i, l] of labels.entries()) expect(html).not.toContain(`${l}：${i === 1 ? '赞成' : '反对'}`);
      expect(html).not.toContain('代表003'); // the first teller's name
      expect(html).not.toContain('data-label="遍次"'); // no row of the entries' record
      expect(html).not.toContain('data-label="内容"');
    }
    // The second pass, different: now, and only now, both passes are listed side by side.
    expect((await post(t.f.app, `${P}/entries`, entry(t, '2', ['against', 'against', 'against']), t.staffTeller)).status).toBe(303);
    const after = await (await get(t.f.app, P, t.chief)).text();
    expect(after).toContain(`${labels[1]}（第一遍 赞成，第二遍 反对）`);
    expect(after).toContain('代表003');
  });

  it('the same teller cannot enter the second pass', async () => {
    const t = await countingWithOfficers();
    const P = `/j/QS/polls/${t.poll.id}/paper/entries`;
    await post(t.f.app, P, entry(t, '1', ['for', '', '']), t.teller);
    const again = await post(t.f.app, P, entry(t, '1', ['for', '', '']), t.teller);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('第二遍须由另一位计票人录入');
  });
});

describe('a line marked both ways (赞成 and 反对 on one line)', () => {
  it('is entered as 多划, invalid for that line only: the ballot counts for its other lines, the sheet says so', async () => {
    const t = await countingWithOfficers();
    const P = `/j/QS/polls/${t.poll.id}/paper`;
    const form = await (await get(t.f.app, P, t.teller)).text();
    expect(form).toContain(`name="m${t.ids[0]}" value="spoiled"`);
    expect(form).toContain('多划（本项无效）');
    const ballots = [['spoiled', 'for', ''], ['for', 'for', ''], ['for', '', 'spoiled']];
    for (const [i, marks] of ballots.entries()) {
      await post(t.f.app, `${P}/entries`, entry(t, String(i + 1), marks), t.teller);
      await post(t.f.app, `${P}/entries`, entry(t, String(i + 1), marks), t.staffTeller);
    }
    expect((await post(t.f.app, `${P}/finish`, {}, t.teller)).status).toBe(303);
    const sheet = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/result`, t.clerk)).text();
    expect(sheet).toContain('无效票</th><td class="num">0 张'); // no whole ballot is invalid
    // Phones: 4 × (for, for, against). Paper: A for ×2 + one spoiled; B for ×2; C one spoiled.
    const labels = optionsOf(t.f.db, t.poll.id).map((o) => o.label);
    expect(sheet).toMatch(new RegExp(`${labels[0]}</td><td class="num" data-label="赞成">6</td><td class="num" data-label="反对">0</td><td class="num" data-label="弃权">0</td><td class="num" data-label="无效">1</td>`));
    expect(sheet).toMatch(new RegExp(`${labels[2]}</td><td class="num" data-label="赞成">0</td><td class="num" data-label="反对">4</td><td class="num" data-label="弃权">2</td><td class="num" data-label="无效">1</td>`));
    expect(sheet).toContain(`单项无效（同一项目多划，该项按无效计，选票其余各项有效）：${labels[0]} 1 处；${labels[2]} 1 处`);
  });

  it('a phone cannot send it', async () => {
    const t = await openedPoll({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2, present: 10 });
    const res = await post(t.f.app, `/j/QS/vote/${t.poll.id}`, marksFor(t.ids, ['spoiled', '', '']), await t.f.login('qs.rep'));
    expect(res.status).toBe(422);
  });
});

describe('计票结果报告单: signed by the 总监票人 and the 监票人 before publication', () => {
  /** 12 seated, 10 present: 9 phones, one of them blank; closed and counted. */
  async function counted() {
    const t = await openedPoll({ reps: 12, logins: 12, candidates: 3, seatsToFill: 2, present: 10 });
    for (let i = 0; i < 8; i++) cast(t, i, ['for', i < 6 ? 'for' : 'against', 'against']);
    cast(t, 8, ['', '', '']);
    return { ...t, poll: close(t) };
  }

  it('shows issued, returned, valid, invalid and blank, each option and the officers; the signatures block publication until complete', async () => {
    const t = await counted();
    const clerk = await t.f.login('qs.clerk');
    const C = `/j/QS/polls/${t.poll.id}/certificate`;
    const resolution = `/j/QS/sessions/${t.session.id}/resolution`;
    expect(await (await get(t.f.app, resolution, clerk)).text()).toContain('计票结果报告单尚未由总监票人和监票人签署（尚未指定总监票人');
    name(t.f, t.session, 'chiefScrutineer', 0, '大会通过');
    name(t.f, t.session, 'scrutineer', 1, '大会通过');
    name(t.f, t.session, 'teller', 'qs.teller', '大会通过');
    const [chief, scrutineer, teller] = await Promise.all(['qs.rep', 'qs.r002', 'qs.teller'].map((u) => t.f.login(u)));

    const html = await (await get(t.f.app, C, chief)).text();
    for (const s of ['发出选票</th><td class="num">9 张', '收回选票</th><td class="num">9 张', '有效票</th><td class="num">9 张',
      '无效票</th><td class="num">0 张', '空白票</th><td class="num">1 张', '总监票人：', '李强', '代表002', '青石镇 计票人 孙涛', '（待确认）']) {
      expect(html).toContain(s);
    }
    expect(html).toContain('我已核对，确认签署');
    const digest = /name="digest" value="([0-9a-f]{64})"/.exec(html)![1]!;
    // The clerk and the 计票人 see the certificate but cannot sign it.
    expect(await (await get(t.f.app, C, clerk)).text()).not.toContain('我已核对，确认签署');
    expect((await post(t.f.app, `${C}/sign`, { digest }, clerk)).status).toBe(403);
    expect((await post(t.f.app, `${C}/sign`, { digest }, teller)).status).toBe(403);
    // Signing figures other than the ones shown is refused.
    const stale = await post(t.f.app, `${C}/sign`, { digest: 'f'.repeat(64) }, chief);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('报告单的数字已变化');

    expect((await post(t.f.app, `${C}/sign`, { digest }, chief)).status).toBe(303);
    expect((await post(t.f.app, `${C}/sign`, { digest }, chief)).status).toBe(409); // once
    expect(await (await get(t.f.app, resolution, clerk)).text()).toContain('待签署：代表002');
    expect((await post(t.f.app, `/j/QS/sessions/${t.session.id}/publish`, {}, clerk)).status).toBe(422);

    expect((await post(t.f.app, `${C}/sign`, { digest }, scrutineer)).status).toBe(303);
    const signed = await (await get(t.f.app, C, clerk)).text();
    expect(signed).toContain('总监票人和监票人均已确认本报告单');
    expect(signed).toContain('在系统中确认');
    const rows = t.f.db.select().from(closureSignature).where(eq(closureSignature.pollId, t.poll.id)).all();
    expect(rows.map((r) => [r.role, r.name, r.userId])).toEqual([['chiefScrutineer', '李强', t.f.users.qsRep.id], ['scrutineer', '代表002', t.f.roster[1]!.userId]]);
    const audit = t.f.db.select().from(auditLog).where(and(eq(auditLog.action, 'poll.certificate.sign'), eq(auditLog.targetId, String(t.poll.id)))).all();
    expect(audit.map((a) => a.actorId)).toEqual([t.f.users.qsRep.id, t.f.roster[1]!.userId]);
    expect(JSON.parse(audit[0]!.after!).figures).toEqual({ issued: 9, returned: 9, valid: 9, invalid: 0, blank: 1 });

    expect(closureCertificate(t.f.db, { poll: t.poll, session: t.session })!.complete).toBe(true);
    expect((await post(t.f.app, `/j/QS/sessions/${t.session.id}/publish`, {}, clerk)).status).toBe(303);
    // A signed officer stays on record: not removed afterwards.
    const o = t.f.db.select().from(sessionOfficer).where(eq(sessionOfficer.role, 'chiefScrutineer')).get()!;
    const remove = await post(t.f.app, `/j/QS/sessions/${t.session.id}/officers/${o.id}/remove`, { reason: '误选' }, clerk);
    expect(remove.status).toBe(422);
    expect(await remove.text()).toContain('已在计票结果报告单上签署，不能撤换');
  });
});
