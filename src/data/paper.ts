import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { IN_HALL } from '../domain/roll';
import { attendance, ballot, ballotBox, paperEntry, participation, poll, sessionRoster, user } from '../../db/schema';
import { completeMarks, judgeBallotOf, type Marks } from '../domain/ballot';
import { encodeMarks } from '../domain/compactMarks';
import { moreReturnedThanIssued, nextPass, readSerial, reconcile, type PaperEntryView, type Reconciliation } from '../domain/paperBallot';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import { newBallotId, newReceiptCode, type CountedBallot } from './ballots';
import { boxOf, destroyBox, isSealed, paperCountDone, scrubAfterBox, scrubAfterBoxOffLoop, secureDeletes, type LogScrub } from './ballotBox';
import { optionsOf, pollById, pollInSession, type Poll, type PollOption } from './pollReads';
import { computeResult, storeResult } from './results';
import { headcount } from './sessions';

/** One paper ballot is printed per representative of the roster snapshot. */
export function printedCount(db: Db, p: Poll): number {
  return headcount(db, p.sessionId).seated;
}

/**
 * Hands paper ballots to present representatives. Each gets a participation row (channel paper), so the same
 * person cannot also vote on a phone; the ballot's serial is NOT recorded against the person.
 */
export function issuePaperBallots(db: Db, actor: Actor, p: Poll, representativeIds: number[], now: Date): Result<{ issued: number; skipped: number }> {
  return db.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    if (fresh.state !== 'open') return refuse('只能在表决进行中发放纸质选票');
    if (fresh.secrecy === 'named') return refuse('记名表决只用电子表决，不发放纸质选票');
    if (representativeIds.length === 0) return refuse('请勾选领取纸质选票的代表', 'rep');
    // Only representatives of the roster snapshot who have checked in (a check-in is only ever of the roster).
    const present = new Set(tx.select({ id: attendance.representativeId }).from(attendance)
      .where(and(eq(attendance.sessionId, s.id), inArray(attendance.representativeId, representativeIds), inArray(attendance.state, IN_HALL))).all().map((r) => r.id));
    let issued = 0;
    const ids: number[] = [];
    for (const id of new Set(representativeIds)) {
      if (!present.has(id)) continue;
      const made = tx.insert(participation).values({ pollId: p.id, representativeId: id, channel: 'paper', receiptCode: newReceiptCode() })
        .onConflictDoNothing().returning().all();
      if (made.length) { issued++; ids.push(id); }
    }
    if (issued > 0) {
      tx.update(poll).set({ paperBallotsIssued: sql`${poll.paperBallotsIssued} + ${issued}` }).where(eq(poll.id, p.id)).run();
      recordAudit(tx, actor, {
        action: 'poll.paper.issue', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
        after: { issued, representativeIds: ids, totalIssued: fresh.paperBallotsIssued + issued },
      }, now);
    }
    return ok({ issued, skipped: new Set(representativeIds).size - issued });
  });
}

export interface TellerEntry extends PaperEntryView { tellerName: string; at: Date }

/** The reconciled paper ballots as the count takes them (and as finishPaperCount writes them as ballot rows). */
function countedPaper(r: Reconciliation): CountedBallot[] {
  return r.agreed.map((a) => ({ marks: a.marks, valid: !a.invalid, invalidReason: a.invalid ? a.invalidReason : '' }));
}

/**
 * A finished paper count's ballots, from the tellers' entries (frozen once the count is done): the same ballots
 * finishPaperCount wrote to the anonymous table, as the tellers entered them.
 */
export function paperBallotsOf(db: Db, pollId: number): CountedBallot[] {
  return countedPaper(reconcile(paperEntriesOf(db, pollId)));
}

export function paperEntriesOf(db: Db, pollId: number): TellerEntry[] {
  return db.select({ e: paperEntry, tellerName: user.displayName }).from(paperEntry).innerJoin(user, eq(user.id, paperEntry.tellerId))
    .where(eq(paperEntry.pollId, pollId)).orderBy(asc(paperEntry.serial), asc(paperEntry.pass)).all()
    .map(({ e, tellerName }) => ({
      serial: e.serial, pass: e.pass, tellerId: e.tellerId, marks: JSON.parse(e.marks) as Marks,
      invalid: e.invalid, invalidReason: e.invalidReason, tellerName, at: e.at,
    }));
}

export interface PaperState extends Reconciliation { printed: number; issued: number; entries: TellerEntry[]; counted: boolean }

/**
 * The paper page's state. The second pass is blind: a serial entered once lists no marks and no teller's name, to
 * anyone, until its second pass exists (`entries` holds only serials entered twice; `pending` is shown by serial).
 */
export function paperState(db: Db, p: Poll): PaperState {
  const all = paperEntriesOf(db, p.id);
  const r = reconcile(all);
  const once = new Set(r.pending.map((e) => e.serial));
  return { ...r, printed: printedCount(db, p), issued: p.paperBallotsIssued, entries: all.filter((e) => !once.has(e.serial)), counted: paperCountDone(db, p.id) };
}

export interface PaperInput { serial: string; marks: Readonly<Record<string, unknown>>; invalid: boolean; invalidReason: string }

/**
 * A teller enters one returned ballot; the pass (first/second) follows from who entered it before. The options
 * are the route's (fixed when the poll was created); the poll's state is re-read under the write.
 */
export function enterPaperBallot(db: Db, teller: Actor & { id: number }, p: Poll, options: readonly Pick<PollOption, 'id'>[], input: PaperInput, now: Date): Result<{ serial: string; pass: 'first' | 'second' }> {
  return db.transaction((tx) => {
    const fresh = pollById(tx, p.id)!;
    if (fresh.state !== 'closed' || paperCountDone(tx, p.id)) return refuse('只能在表决结束后、计票完成前录入纸质选票');
    if (fresh.paperBallotsIssued === 0) return refuse('本轮表决没有发放纸质选票');
    const typed = readSerial(input.serial, printedCount(tx, fresh));
    if (!typed.ok) return typed;
    const serial = typed.value;
    const existing = tx.select().from(paperEntry).where(and(eq(paperEntry.pollId, p.id), eq(paperEntry.serial, serial))).all();
    const pass = nextPass(existing, teller.id);
    if (!pass.ok) return refuse(`编号 ${serial}：${pass.error}`, 'serial');
    const marks = completeMarks(fresh.kind, options.map((o) => o.id), input.marks, fresh.ballotForm !== 'tick', fresh.ballotForm); // a line marked twice may be recorded
    if (!marks.ok) return marks;
    let invalid = input.invalid;
    let reason = input.invalidReason.trim();
    if (invalid && !reason) return refuse('无效票须写明原因', 'invalidReason');
    const judged = judgeBallotOf(fresh.kind, fresh.ballotForm, marks.value, fresh.seatsToFill);
    if (!invalid && !judged.valid) { invalid = true; reason = judged.reason; } // over-N: invalid by rule, not by choice
    tx.insert(paperEntry).values({
      pollId: p.id, serial, pass: pass.value, tellerId: teller.id, marks: JSON.stringify(marks.value),
      invalid, invalidReason: invalid ? reason : '', at: now,
    }).run();
    return ok({ serial, pass: pass.value });
  });
}

/** Clears both entries of one serial (they disagreed, or a wrong number was typed) so it can be entered again. */
export function discardPaperSerial(db: Db, actor: Actor, p: Poll, serial: string, now: Date): Result<null> {
  return db.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    if (fresh.state !== 'closed' || paperCountDone(tx, p.id)) return refuse('计票已完成，不能再修改录入');
    const gone = tx.delete(paperEntry).where(and(eq(paperEntry.pollId, p.id), eq(paperEntry.serial, serial))).returning().all();
    if (gone.length === 0) return refuse(`编号 ${serial} 没有录入记录`);
    recordAudit(tx, actor, {
      action: 'poll.tally.discard', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      before: gone.map((g) => ({ serial: g.serial, pass: g.pass, tellerId: g.tellerId, marks: g.marks, invalid: g.invalid, invalidReason: g.invalidReason })),
    }, now);
    return ok();
  });
}

export interface PaperCount { voided: boolean; returned: number; awaitingBox: boolean; scrub: LogScrub | null }

/**
 * The tellers finish: every serial entered twice and agreeing. More ballots returned than issued voids the
 * poll (the reason recorded, a sealed box destroyed); otherwise the agreed ballots become anonymous ballot rows and
 * the result is stored — or, while a secret poll's box is still sealed, the count is marked finished and the
 * 开箱 stores the result. Each teller's count goes into the audit log either way. Written durably.
 */
export function finishPaperCount(conn: DbConnection, actor: Actor, p: Poll, now: Date): Result<PaperCount> {
  const { finished, boxDestroyed } = countPaper(conn, actor, p, now);
  if (finished.ok && boxDestroyed) {
    return ok({ ...finished.value, scrub: scrubAfterBox(conn, actor, { pollId: p.id, jurisdictionId: pollInSession(conn, p.id)!.session.jurisdictionId }, now) });
  }
  return finished;
}

/**
 * finishPaperCount for a request. When the box was opened before the tellers finished, the count also takes the
 * electronic ballots the opening wrote: read in the write by the anonymous table's (poll, id) key, a poll's ballots
 * only. A destroyed box's log is scrubbed off the loop.
 */
export async function finishPaperCountOffLoop(conn: DbConnection, actor: Actor, p: Poll, now: Date): Promise<Result<PaperCount>> {
  const { finished, boxDestroyed } = countPaper(conn, actor, p, now);
  if (finished.ok && boxDestroyed) {
    return ok({ ...finished.value, scrub: await scrubAfterBoxOffLoop(conn, actor, { pollId: p.id, jurisdictionId: pollInSession(conn, p.id)!.session.jurisdictionId }, now) });
  }
  return finished;
}

function countPaper(conn: DbConnection, actor: Actor, p: Poll, now: Date): { finished: Result<PaperCount>; boxDestroyed: boolean } {
  secureDeletes(conn);
  let boxDestroyed = false;
  const finished = durably(conn, () => conn.transaction((tx): Result<PaperCount> => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    if (fresh.state !== 'closed' || paperCountDone(tx, p.id)) return refuse('本轮表决不在计票阶段');
    const entries = paperEntriesOf(tx, p.id);
    const r = reconcile(entries);
    if (r.pending.length) return refuse(`还有 ${r.pending.length} 张选票只录入了一遍：${r.pending.map((e) => e.serial).join('、')}`);
    if (r.mismatched.length) return refuse(`还有 ${r.mismatched.length} 张选票两遍录入不一致：${r.mismatched.map((m) => m.serial).join('、')}`);
    const returned = r.agreed.length;
    const tellers = new Map<number, { name: string; first: number; second: number }>();
    for (const e of entries) {
      const t = tellers.get(e.tellerId) ?? { name: e.tellerName, first: 0, second: 0 };
      t[e.pass]++;
      tellers.set(e.tellerId, t);
    }
    const jurisdictionId = s.jurisdictionId;
    const voided = moreReturnedThanIssued(fresh.paperBallotsIssued, returned);
    recordAudit(tx, actor, {
      action: 'poll.tally', targetType: 'poll', targetId: p.id, jurisdictionId,
      after: {
        issued: fresh.paperBallotsIssued, returned, invalid: r.agreed.filter((a) => a.invalid).length,
        tellers: [...tellers].map(([id, t]) => ({ tellerId: id, name: t.name, firstPass: t.first, secondPass: t.second })),
      },
    }, now);
    if (voided) {
      const reason = `收回纸质选票 ${returned} 张，多于发出的 ${fresh.paperBallotsIssued} 张，本轮表决无效`;
      tx.update(poll).set({ state: 'void', voidReason: reason }).where(eq(poll.id, p.id)).run();
      recordAudit(tx, actor, {
        action: 'poll.void', targetType: 'poll', targetId: p.id, jurisdictionId,
        before: { state: 'closed' }, after: { state: 'void', reason },
      }, now);
      boxDestroyed = destroyBox(tx, p.id);
      return ok({ voided: true, returned, awaitingBox: false, scrub: null });
    }
    const optionIds = optionsOf(tx, p.id).map((o) => o.id);
    for (const b of countedPaper(r)) {
      tx.insert(ballot).values({ id: newBallotId(), pollId: p.id, marks: encodeMarks(optionIds, b.marks), valid: b.valid, invalidReason: b.invalidReason }).run();
    }
    const awaitingBox = isSealed(boxOf(tx, p.id));
    if (awaitingBox) tx.update(ballotBox).set({ paperCountedAt: now }).where(eq(ballotBox.pollId, p.id)).run();
    else storeResult(tx, computeResult(tx, { poll: fresh, session: s }, now), now);
    return ok({ voided: false, returned, awaitingBox, scrub: null });
  }));
  return { finished, boxDestroyed };
}

/** Present representatives who have neither voted on a phone nor been handed a paper ballot in this poll. */
export function presentWithoutBallot(db: Db, p: Poll) {
  return db.select({ representativeId: sessionRoster.representativeId, name: sessionRoster.name, community: sessionRoster.community })
    .from(sessionRoster)
    .innerJoin(attendance, and(eq(attendance.sessionId, sessionRoster.sessionId), eq(attendance.representativeId, sessionRoster.representativeId), inArray(attendance.state, IN_HALL)))
    .leftJoin(participation, and(eq(participation.pollId, p.id), eq(participation.representativeId, sessionRoster.representativeId)))
    .where(and(eq(sessionRoster.sessionId, p.sessionId), isNull(participation.pollId)))
    .orderBy(asc(sessionRoster.representativeId)).all();
}
