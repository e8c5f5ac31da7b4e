import type { Db } from '../../db/client';
import { poll, pollOption } from '../../db/schema';
import { ok, refuse, type Result } from '../domain/result';
import { nextSteps, remainingCandidates, type ChainKind, type NextSteps } from '../domain/shortfall';
import { recordAudit, type Actor } from './audit';
import { optionsOf, pollInSession, runoffOf, type Poll, type PollOption } from './pollReads';
import { resolutionOf, sessionOutcome } from './results';

export interface FurtherPollPlan {
  /** The chain's last counted poll, on which the next one stands. */
  last: Poll;
  first: Poll;
  /** Places still empty across the chain. */
  places: number;
  /** The remaining candidates in first-round order. */
  candidates: PollOption[];
  steps: NextSteps;
}

/**
 * Where the chain of the poll's session stands, when `p` is its last counted poll: the places still empty, the
 * remaining candidates, and which next step the rule allows (另行投票 among the tied, 另行票决 among the remaining).
 */
export function chainPlan(db: Db, p: Poll): FurtherPollPlan | null {
  if (p.kind === 'evaluation' || (p.state !== 'closed' && p.state !== 'published')) return null;
  const outcome = sessionOutcome(db, p.sessionId);
  const last = outcome?.polls.at(-1);
  if (!outcome || !last || last.poll.id !== p.id) return null;
  const first = outcome.polls[0]!.poll;
  const adopted = new Set(outcome.adopted.map((a) => a.candidateId));
  const candidates = remainingCandidates(optionsOf(db, first.id), adopted);
  const places = outcome.seatsToFill - outcome.adopted.length;
  const steps = nextSteps({ kind: p.kind as ChainKind, runoffSeats: last.result.tally.runoffSeats, emptySeats: last.result.tally.emptySeats }, places, candidates.length);
  return { last: p, first, places, candidates, steps };
}

/**
 * 另行票决: a further poll for the places still empty after the chain's last poll (a runoff tied again, or too few
 * over half), among the remaining candidates in first-round order. It stands on that poll like a runoff does, so
 * the chain, the sheet and the resolution carry it; no counted poll is voided to make room for it.
 */
export function createFurtherPoll(db: Db, actor: Actor, last: Poll, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, last.id)!;
    if (s.state === 'closed') return refuse('会议已闭会，另行票决须在会议期间进行');
    if (resolutionOf(tx, s.id)?.publishedAt) return refuse('本次会议的结果已公布');
    if (fresh.state !== 'closed') return refuse('原表决尚未结束计票');
    if (runoffOf(tx, fresh.id)) return refuse('此轮表决之后已经发起了另行投票或另行票决');
    const plan = chainPlan(tx, fresh);
    if (!plan) return refuse('只能在本次会议最后一轮已计票的项目表决之后发起另行票决');
    if (!plan.steps.further) {
      return refuse(plan.places === 0 ? '应选名额已经全部产生' : plan.candidates.length === 0 ? '没有其余候选项目' : '得票相同的名额应先就得票相同的项目另行投票');
    }
    const furtherCount = sessionOutcome(tx, s.id)!.polls.filter((x) => x.poll.kind === 'further').length;
    const title = `${plan.first.title}（${furtherCount === 0 ? '' : `第${furtherCount + 1}次`}另行票决）`;
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'further', secrecy: fresh.secrecy, title, seatsToFill: plan.places, ballotForm: fresh.ballotForm, state: 'draft', parentPollId: fresh.id, createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(plan.candidates.map((o, i) => ({ pollId: row.id, candidateId: o.candidateId, label: o.label, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'further', parentPollId: fresh.id, seatsToFill: plan.places, candidates: plan.candidates.map((o) => o.candidateId) },
    }, now);
    return ok(row);
  });
}
