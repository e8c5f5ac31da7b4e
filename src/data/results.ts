import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, cycle, poll, pollResult, project, resolution, session } from '../../db/schema';
import { packTotals, type BallotPack } from '../domain/ballotPack';
import { blankBallots } from '../domain/closureCertificate';
import type { MajorityBase } from '../domain/majority';
import type { PollRule } from '../domain/pollRule';
import { tallyEvaluation, type EvaluationTally } from '../domain/evaluationTally';
import type { ChainKind, ChainStep } from '../domain/shortfall';
import { tallySelection, type SelectionTally } from '../domain/tally';
import { ballotsOf, turnout } from './ballots';
import { optionsOf, runoffOf, type Poll, type PollInSession } from './pollReads';
import { ruleOf } from './pollRules';
import { pollRollFigures, type PollRollFigures } from './roll';
import { headcount } from './sessions';
import { getSettings } from './settings';
import { prepared } from './statements';

/** Everything the result sheet prints: the domain tally plus the ballot reconciliation. */
interface ResultBase {
  pollId: number;
  secrecy: 'secret' | 'named';
  /** 发出 = electronic ballots + paper ballots handed out; 收回 = ballots counted. */
  ballots: { electronic: number; paperIssued: number; paperReturned: number; issued: number; returned: number };
  invalidReasons: { reason: string; count: number }[];
  quorumFraction: string;
  majorityBase: MajorityBase;
  /** The rule the poll opened under (its snapshot): the sheet cites it, nothing recomputes it from settings. */
  rule?: PollRule;
  computedAt: string;
  /** The poll's roll at its opening and close (absent from results counted before the roll was snapshotted). */
  roll?: PollRollFigures;
  /**
   * 空白票 among the valid ballots, counted with the result and stored beside it (its own column, not in the JSON);
   * null only for a result stored before that and not backfilled.
   */
  blank: number | null;
}

export interface SelectionResult extends ResultBase { kind: 'selection' | 'runoff' | 'further'; tally: SelectionTally }

/** 年底评议: the same ballots and roll, read as ratings; the threshold in force at the close is part of it. */
export interface EvaluationPollResult extends ResultBase { kind: 'evaluation'; tally: EvaluationTally }

export type StoredResult = SelectionResult | EvaluationPollResult;

/**
 * Tallies a closed poll from its ballots and its session's roster as of the close, under the rule it opened with.
 * `counted`: the poll's ballots, packed, when the caller holds every one of them already (the box just opened);
 * else they are read (ballotsOf).
 */
export function computeResult(db: Db, { poll: p, session: s }: PollInSession, now: Date, counted?: BallotPack): StoredResult {
  const settings = getSettings(db, s.jurisdictionId);
  const rule = ruleOf(db, p, s);
  // The poll's own roll as it closed, never today's: a later departure cannot change a closed poll's sheet.
  const roll = pollRollFigures(db, p.id);
  const { seated, present } = roll ? { seated: roll.atClose!.seated, present: roll.present } : headcount(db, s.id);
  const options = optionsOf(db, p.id);
  const ballots = counted ?? ballotsOf(db, p.id, p.secrecy, options.map((o) => o.id));
  const { total: returned } = packTotals(ballots);
  const quorum = rule.quorum.fraction;
  const quorumComparator = rule.quorum.comparator;
  const electronic = turnout(db, p.id).electronic;
  const paperReturned = returned - electronic;
  const reasons = new Map<string, number>();
  for (const r of ballots.invalid) reasons.set(r.reason || '无效', (reasons.get(r.reason || '无效') ?? 0) + r.count);
  const base: ResultBase = {
    pollId: p.id, secrecy: p.secrecy,
    ballots: { electronic, paperIssued: p.paperBallotsIssued, paperReturned, issued: electronic + p.paperBallotsIssued, returned },
    invalidReasons: [...reasons].map(([reason, count]) => ({ reason, count })),
    quorumFraction: `${quorum.num}/${quorum.den}`, majorityBase: rule.majority.base, rule, computedAt: now.toISOString(),
    ...(roll ? { roll } : {}),
    blank: blankBallots(p.kind, ballots, p.kind === 'evaluation' ? 'perItem' : rule.ballotForm),
  };
  if (p.kind === 'evaluation') {
    const tally = tallyEvaluation({
      options: options.map((o) => ({ optionId: o.id, label: o.label, projectId: o.projectId })),
      ballots, seated, present, quorum, quorumComparator, thresholdPct: rule.satisfactionThresholdPct ?? settings.satisfactionThreshold,
    });
    return { ...base, kind: 'evaluation', tally };
  }
  const tally = tallySelection({
    kind: p.kind,
    options: options.map((o) => ({ optionId: o.id, label: o.label, candidateId: o.candidateId })),
    ballots, seatsToFill: p.seatsToFill ?? 0, seated, present, majorityBase: rule.majority.base, quorum, quorumComparator, ballotForm: rule.ballotForm,
  });
  return { ...base, kind: p.kind, tally };
}

export function storeResult(db: Db, r: StoredResult, now: Date): void {
  const { blank: blankBallots, ...tally } = r;
  const result = JSON.stringify(tally);
  db.insert(pollResult).values({ pollId: r.pollId, result, computedAt: now, blankBallots })
    .onConflictDoUpdate({ target: pollResult.pollId, set: { result, computedAt: now, blankBallots } }).run();
}

/** A counted poll's result as stored (read on every result page, sheet and certificate: a kept statement). */
export function readResult(db: Db, pollId: number): StoredResult | null {
  const row = prepared(db, 'readResult', (db) => db.select({ result: pollResult.result, blank: pollResult.blankBallots }).from(pollResult)
    .where(eq(pollResult.pollId, sql.placeholder('pollId'))).prepare()).get({ pollId });
  return row ? { ...(JSON.parse(row.result) as Omit<StoredResult, 'blank'>), blank: row.blank } as StoredResult : null;
}

/** A selection or runoff poll's result (null for an evaluation poll, or before the count). */
export function readSelectionResult(db: Db, pollId: number): SelectionResult | null {
  const r = readResult(db, pollId);
  return r && r.kind !== 'evaluation' ? r : null;
}

export interface AdoptedProject { candidateId: number; pollId: number; title: string; budget: number; unitName: string; position: number; for: number }

export interface SessionOutcome {
  /** The session's selection poll with a result, and the runoffs and further polls that followed it, in order. */
  polls: { poll: Poll; result: SelectionResult }[];
  adopted: AdoptedProject[];
  seatsToFill: number;
  emptySeats: number;
  /** Tied places with no runoff held yet. */
  undecided: number;
  candidates: number;
  /** Each counted poll of the chain as the resolution tells it: what it was for, what it adopted, what it left. */
  steps: ChainStep[];
  seated: number;
  present: number;
  secrecy: 'secret' | 'named';
}

/**
 * What the session decided: the selection poll's adopted candidates plus those adopted by every poll that followed
 * it (runoffs, further polls). Places still tied and places nobody won stay empty.
 */
export function sessionOutcome(db: Db, sessionId: number): SessionOutcome | null {
  const selection = db.select().from(poll)
    .where(and(eq(poll.sessionId, sessionId), eq(poll.kind, 'selection'), eq(poll.isTest, false), inArray(poll.state, ['closed', 'published']))).orderBy(asc(poll.id)).get();
  if (!selection) return null;
  const first = readSelectionResult(db, selection.id);
  if (!first) return null;
  const chain = [{ poll: selection, result: first }];
  for (;;) {
    const last = chain[chain.length - 1]!;
    const next = runoffOf(db, last.poll.id);
    const result = next && readSelectionResult(db, next.id);
    if (!next || !result) break;
    chain.push({ poll: next, result });
  }
  const adoptedRows = chain.flatMap(({ poll: p, result }) => result.tally.rows.filter((r) => r.outcome === 'adopted').map((r) => ({ r, pollId: p.id })));
  const ids = adoptedRows.map((a) => a.r.candidateId!).filter((id) => id !== null);
  const cands = ids.length ? db.select().from(candidate).where(inArray(candidate.id, ids)).all() : [];
  const adopted = adoptedRows.map(({ r, pollId }) => {
    const c = cands.find((x) => x.id === r.candidateId)!;
    return { candidateId: c.id, pollId, title: c.title, budget: c.budget, unitName: c.unitName, position: c.position, for: r.for };
  }).sort((a, b) => a.position - b.position);
  const last = chain[chain.length - 1]!.result.tally;
  const n = first.tally.seatsToFill;
  const steps = chain.map(({ poll: p, result }) => ({
    kind: p.kind as ChainKind, seatsToFill: result.tally.seatsToFill, candidates: result.tally.rows.length,
    adopted: result.tally.rows.filter((r) => r.outcome === 'adopted').map((r) => r.label),
    runoffSeats: result.tally.runoffSeats, emptySeats: result.tally.emptySeats,
  }));
  return {
    polls: chain, adopted, seatsToFill: n, undecided: last.runoffSeats, emptySeats: n - adopted.length, steps,
    candidates: first.tally.rows.length, seated: first.tally.seated, present: first.tally.present, secrecy: selection.secrecy,
  };
}

export type Resolution = typeof resolution.$inferSelect;

export function resolutionOf(db: Db, sessionId: number): Resolution | undefined {
  return db.select().from(resolution).where(eq(resolution.sessionId, sessionId)).get();
}

/** Adopted candidates already turned into projects (publication did it). */
export function projectsOfCycle(db: Db, cycleId: number) {
  return db.select({ id: project.id, candidateId: project.candidateId, title: candidate.title }).from(project)
    .innerJoin(candidate, eq(candidate.id, project.candidateId)).where(eq(project.cycleId, cycleId)).orderBy(asc(candidate.position)).all();
}

/** The published sessions of a cycle: what the public results page shows. */
export function publishedSessions(db: Db, jurisdictionId: number, year: number) {
  const cy = db.select().from(cycle).where(and(eq(cycle.jurisdictionId, jurisdictionId), eq(cycle.year, year))).get();
  if (!cy) return null;
  const rows = db.select({ s: session, r: resolution }).from(session).innerJoin(resolution, eq(resolution.sessionId, session.id))
    .where(and(eq(session.cycleId, cy.id), isNotNull(resolution.publishedAt))).orderBy(asc(session.date), asc(session.id)).all();
  return { cycle: cy, sessions: rows.map(({ s, r }) => ({ session: s, resolution: r })) };
}
