import { createEvaluationPoll, publishEvaluationPoll } from '../../src/data/evaluationPolls';
import { finishPaperCount, issuePaperBallots, presentWithoutBallot } from '../../src/data/paper';
import { optionsOf, pollById, type Poll } from '../../src/data/pollReads';
import { createSelectionPoll } from '../../src/data/polls';
import { publishSession } from '../../src/data/publication';
import { checkIn } from '../../src/data/sessions';
import { addCycle, addProject } from './deliveryFixture';
import { cast, clerkActor, close, enter, opened, POLL_TITLE, valueOf, type PollCase } from './pollCases';
import { adoptFor, openSession, signCertificates, votingFixture } from './votingFixture';
import { quorumState } from '../../src/data/sessions';

/**
 * The year-end session of 青石镇: it rates the 2026 projects (cycle in 年底评议) and votes on the 2027 candidates
 * (the session's own cycle) — one roll, two kinds of poll. 9 seated, quorum 6. Each fixture below is one step
 * further along the same story, built through the data functions.
 */
export const PROJECTS = ['青石村道路硬化', '杨柳村饮水管网改造', '新华村文化广场'];

const spec = (title: string) => ({
  title, budget: 800_000, startDate: '2026-03-01', endDate: '2026-10-31',
  milestones: [{ title: '完工验收', dueDate: '2026-10-31', plannedPct: 100, plannedSpend: 800_000 }],
});

/** 2025 (closed, one project), 2026 (in delivery, three projects), a LX 2026 project; the session open, 5 of 9 present. */
export async function evaluationSession() {
  const f = await votingFixture({ reps: 9, logins: 7, candidates: 3, seatsToFill: 1 });
  const clerkId = f.users.qsClerk.id;
  const old = addCycle(f.db, f.qs.id, 2025, clerkId, 'closed');
  addProject(f.db, old.id, { ...spec('青石镇敬老院改造'), startDate: '2025-03-01', endDate: '2025-10-31' }, 1);
  const c = addCycle(f.db, f.qs.id, 2026, clerkId, 'delivery');
  const projectIds = PROJECTS.map((t, i) => addProject(f.db, c.id, spec(t), i + 1));
  const lx = addCycle(f.db, f.lx.id, 2026, f.users.lxClerk.id, 'delivery');
  addProject(f.db, lx.id, spec('柳溪镇项目'), 1);
  const session = openSession(f, 5); // 5 of 9 present: one short of the quorum of 6
  return { f, session, projectIds, cy2025: old.id, cy2026: c.id };
}

export type EvaluationCase = Awaited<ReturnType<typeof evaluationSession>> & PollCase;

/** The 2026 evaluation poll, created (draft) at the session with 5 present. */
export async function evaluationDraft(): Promise<EvaluationCase> {
  const e = await evaluationSession();
  const poll = valueOf(createEvaluationPoll(e.f.db, clerkActor(e.f), e.session, { title: '', secrecy: 'secret', cycleId: e.cy2026 }, new Date()));
  return { ...e, poll, ids: optionsOf(e.f.db, poll.id).map((o) => o.id), slips: [] };
}

/** Two more checked in (7 of 9) and the evaluation opened. */
export async function evaluationOpen(): Promise<EvaluationCase> {
  const t = await evaluationDraft();
  for (const r of t.f.roster.slice(5, 7)) checkIn(t.f.db, clerkActor(t.f), t.session, r.id, t.f.users.qsClerk.id, new Date());
  return opened(t, t.poll) as EvaluationCase;
}

/**
 * Ballots, counted by hand (S 满意, B 基本满意, D 不满意, – unrated = 弃权):
 *            道路  饮水  广场
 *   rep 1     S     S     D     phone
 *   rep 2     S     B     D     phone
 *   rep 3     B     –     D     phone
 *   rep 4     D     S     B     phone
 *   rep 5     S     D     D     phone
 *   paper 1   B     B     S     paper ballot, entered by two tellers
 *   paper 2   (invalid: 无法辨认)
 */
export const PHONE_RATINGS = [
  ['satisfied', 'satisfied', 'dissatisfied'],
  ['satisfied', 'basicallySatisfied', 'dissatisfied'],
  ['basicallySatisfied', '', 'dissatisfied'],
  ['dissatisfied', 'satisfied', 'basicallySatisfied'],
  ['satisfied', 'dissatisfied', 'dissatisfied'],
];

/** The five phone ratings cast; the evaluation still open. */
export async function evaluationRated(): Promise<EvaluationCase> {
  const t = await evaluationOpen();
  PHONE_RATINGS.forEach((m, i) => cast(t, i, m));
  return t;
}

/** Paper ballots to the two without a phone vote, the poll closed, both paper ballots entered twice and counted. */
export async function evaluationCounted(): Promise<EvaluationCase> {
  const t = await evaluationRated();
  const actor = clerkActor(t.f);
  valueOf(issuePaperBallots(t.f.db, actor, t.poll, presentWithoutBallot(t.f.db, t.poll).map((r) => r.representativeId), new Date()));
  const closed: EvaluationCase = { ...t, poll: close(t) };
  for (const who of ['clerk', 'teller'] as const) {
    enter(closed, who, '1', ['basicallySatisfied', 'basicallySatisfied', 'satisfied']);
    enter(closed, who, '2', [], { reason: '无法辨认' });
  }
  valueOf(finishPaperCount(t.f.db, actor, closed.poll, new Date()));
  return { ...closed, poll: pollById(t.f.db, t.poll.id)! };
}

/** The year's selection poll at the same session (N = 1), in draft; with a quorum present the session adopts its 票决办法. */
export function selectionAtSession(t: EvaluationCase): Poll {
  const p = valueOf(createSelectionPoll(t.f.db, clerkActor(t.f), t.session, { title: POLL_TITLE, secrecy: 'secret' }, new Date()));
  if (quorumState(t.f.db, t.session).met) adoptFor(t.f, t.session);
  return p;
}

/** The evaluation counted, then the selection voted (five "for" the first candidate), closed and the session published. */
export async function evaluationCountedSelectionPublished(): Promise<EvaluationCase & { selection: Poll }> {
  const t = await evaluationCounted();
  const actor = clerkActor(t.f);
  const created = selectionAtSession(t);
  const sel = opened(t, created);
  for (let i = 0; i < 5; i++) cast(sel, i, ['for']);
  close(sel);
  signCertificates(t.f, t.session);
  valueOf(publishSession(t.f.db, actor, t.f.qs, t.session, new Date()));
  return { ...t, selection: pollById(t.f.db, created.id)! };
}

/** Both published: the resolution and, on its own, the evaluation. */
export async function evaluationPublished(): Promise<EvaluationCase & { selection: Poll }> {
  const t = await evaluationCountedSelectionPublished();
  valueOf(publishEvaluationPoll(t.f.db, clerkActor(t.f), t.poll, new Date()));
  return t;
}
