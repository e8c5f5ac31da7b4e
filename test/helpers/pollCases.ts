import { castBallot } from '../../src/data/ballots';
import { enterPaperBallot, issuePaperBallots } from '../../src/data/paper';
import { optionsOf, pollById, type Poll } from '../../src/data/pollReads';
import { closePoll, createRunoff, createSelectionPoll, openPoll } from '../../src/data/polls';
import { unsealPoll } from '../../src/data/unseal';
import { publishSession, saveResolution } from '../../src/data/publication';
import type { Session } from '../../src/data/sessions';
import type { Marks } from '../../src/domain/ballot';
import type { Result } from '../../src/domain/result';
import { quorumState } from '../../src/data/sessions';
import { adoptFor, openSession, signCertificates, votingFixture, type VotingFixture, type VotingFixtureOptions } from './votingFixture';

/**
 * Fixtures for poll and ballot cases: each builds its state through the data functions (not through the pages
 * under test), so every test starts from the state it names and depends on no other test.
 */

export const POLL_TITLE = '2027年度民生实事项目票决';

export function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export const clerkActor = (f: VotingFixture) => ({ id: f.users.qsClerk.id, name: f.users.qsClerk.displayName });

/** `slips`: the three box-code slips handed out when a secret poll opened (empty for a named or unopened poll). */
export interface PollCase { f: VotingFixture; session: Session; poll: Poll; ids: number[]; slips: string[] }

/**
 * A QS selection poll in draft at an open session with the first `present` representatives checked in; with a
 * quorum present the session has adopted its 票决办法 (unless `adopt: false`).
 */
export async function draftPoll(o: VotingFixtureOptions & { present: number; secrecy?: 'secret' | 'named'; ballotForm?: 'perItem' | 'tick'; adopt?: boolean }): Promise<PollCase> {
  const f = await votingFixture(o);
  const session = openSession(f, o.present);
  const poll = valueOf(createSelectionPoll(f.db, clerkActor(f), session, { title: POLL_TITLE, secrecy: o.secrecy ?? 'secret', ballotForm: o.ballotForm }, new Date()));
  if ((o.adopt ?? true) && quorumState(f.db, session).met) adoptFor(f, session);
  return { f, session, poll, ids: optionsOf(f.db, poll.id).map((o) => o.id), slips: [] };
}

/** The same, opened (the quorum must be present). */
export async function openedPoll(o: VotingFixtureOptions & { present: number; secrecy?: 'secret' | 'named'; ballotForm?: 'perItem' | 'tick' }): Promise<PollCase> {
  const t = await draftPoll(o);
  return opened(t, t.poll);
}

/** Opens `p` (a poll of the case's session) through openPoll, keeping the slips it hands out once. */
export function opened(t: PollCase, p: Poll): PollCase {
  const { slips, ...poll } = valueOf(openPoll(t.f.db, clerkActor(t.f), p, new Date()));
  return { ...t, poll, ids: optionsOf(t.f.db, p.id).map((o) => o.id), slips: slips.map((s) => s.text) };
}

/** Marks in option order ('' = unmarked) as the data functions take them: option id → mark. */
export function marksIn(ids: number[], marks: string[]): Marks {
  return Object.fromEntries(ids.flatMap((id, i) => (marks[i] ? [[id, marks[i]]] : []))) as Marks;
}

/** roster[i] casts on the phone, through castBallot; the case fails loudly if the ballot is refused. */
export function cast(t: PollCase, i: number, marks: string[]): string {
  const poll = pollById(t.f.db, t.poll.id)!;
  const r = castBallot(t.f.db, { poll, options: optionsOf(t.f.db, poll.id), voter: t.f.roster[i]! }, marksIn(t.ids, marks));
  if (!r.ok) throw new Error(r.error);
  return r.value.receipt;
}

/** Closes the poll and leaves a secret poll's box sealed. */
export function closeSealed(t: PollCase): Poll {
  return valueOf(closePoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, new Date()));
}

/** 开箱 with two of the slips (the first two unless told), through unsealPoll. */
export function unseal(t: PollCase, which: [number, number] = [0, 1]) {
  return valueOf(unsealPoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, which.map((i) => t.slips[i]!), new Date()));
}

/** Closes the poll and, for a secret poll, opens its box with two slips: the count follows as on the day. */
export function close(t: PollCase): Poll {
  closeSealed(t);
  if (t.slips.length) unseal(t);
  return pollById(t.f.db, t.poll.id)!;
}

/**
 * 12 seated, all present, N = 2: A 8 "for", B 7, C 7, D 0 — A adopted, B and C tied at the cut for one place.
 * Each voter marks at most two "for": A on voters 1–8, B on 9–12 and 1–3, C on 4–10.
 */
export const TIE_PLAN = [
  ['for', 'for', '', ''], ['for', 'for', '', ''], ['for', 'for', '', ''], ['for', '', 'for', ''], ['for', '', 'for', ''],
  ['for', '', 'for', ''], ['for', '', 'for', ''], ['for', '', 'for', 'against'], ['', 'for', 'for', 'against'],
  ['', 'for', 'for', 'against'], ['against', 'for', '', 'against'], ['against', 'for', 'against', 'against'],
];

/** The tied selection poll, closed and counted. */
export async function tiedPoll(): Promise<PollCase> {
  const t = await openedPoll({ reps: 12, logins: 12, candidates: 4, seatsToFill: 2, present: 12 });
  TIE_PLAN.forEach((m, i) => cast(t, i, m));
  return { ...t, poll: close(t) };
}

/** After the tie: the runoff between B and C, B 9 "for" to C 3, closed — the session has decided A and B. */
export async function decidedRunoff(): Promise<PollCase & { runoff: Poll }> {
  const t = await tiedPoll();
  const created = valueOf(createRunoff(t.f.db, clerkActor(t.f), t.poll, new Date()));
  const r = opened(t, created);
  for (let i = 0; i < 12; i++) cast(r, i, i < 9 ? ['for', 'against'] : ['against', 'for']);
  return { ...t, runoff: close(r) };
}

export const EDITED_RESOLUTION = {
  title: '关于2027年度民生实事项目的决议',
  body: '（2027年1月15日青石镇第十八届人民代表大会第三次会议通过）\n会议决定……（已修改）',
};

/** The runoff decided, the clerk's edited resolution saved and the session published. */
export async function publishedSession(): Promise<PollCase & { runoff: Poll }> {
  const t = await decidedRunoff();
  const actor = clerkActor(t.f);
  valueOf(saveResolution(t.f.db, actor, t.session, EDITED_RESOLUTION, new Date()));
  signCertificates(t.f, t.session);
  valueOf(publishSession(t.f.db, actor, t.f.qs, t.session, new Date()));
  return t;
}

export const tellerActor = (f: VotingFixture, who: 'clerk' | 'teller') =>
  who === 'clerk' ? { id: f.users.qsClerk.id, name: f.users.qsClerk.displayName } : { id: f.teller.id, name: f.teller.displayName };

/** 12 seated, 3 candidates, N = 2, 10 present, logins qs.rep … qs.r006: the paper-ballot cases' poll, open. */
export function paperPoll(present = 10): Promise<PollCase> {
  return openedPoll({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2, present });
}

/** Four vote on phones (for, for, against), then roster[4], [6] and [7] are handed paper ballots; still open. */
export async function paperIssued(): Promise<PollCase> {
  const t = await paperPoll();
  for (let i = 0; i < 4; i++) cast(t, i, ['for', 'for', 'against']);
  valueOf(issuePaperBallots(t.f.db, clerkActor(t.f), t.poll, [4, 6, 7].map((i) => t.f.roster[i]!.id), new Date()));
  return { ...t, poll: pollById(t.f.db, t.poll.id)! };
}

/** The same poll closed with its three paper ballots out: the tellers' entries are next. */
export async function paperClosed(): Promise<PollCase> {
  const t = await paperIssued();
  return { ...t, poll: close(t) };
}

/** One teller's entry of a returned paper ballot, through the data function. */
export function enter(t: PollCase, who: 'clerk' | 'teller', serial: string, marks: string[], invalid?: { reason: string }) {
  return valueOf(enterPaperBallot(t.f.db, tellerActor(t.f, who), t.poll, optionsOf(t.f.db, t.poll.id), {
    serial, marks: marksIn(t.ids, marks), invalid: invalid !== undefined, invalidReason: invalid?.reason ?? '',
  }, new Date()));
}
