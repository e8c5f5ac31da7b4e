import { and, asc, eq, inArray } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { auditLog, cycle, poll, project, resolution, session } from '../../db/schema';
import { draftResolution } from '../domain/resolution';
import { recordAudit, type Actor } from './audit';
import { certificateBlockers } from './closureCertificates';
import type { Jurisdiction } from './jurisdictions';
import { resolutionPollsOf } from './pollReads';
import { poolNotAdopted } from './pool';
import { readResult, resolutionOf, sessionOutcome, type Resolution } from './results';
import type { Session } from './sessions';
import { procedureCitation } from './votingProcedure';
import type { Result } from '../domain/result';
import { ok, refuse } from '../domain/result';

/** The resolution as saved, or a fresh draft generated from the session's outcome (null before any result). */
export function resolutionDraft(db: Db, j: Jurisdiction, s: Session): { title: string; body: string; saved: Resolution | undefined } | null {
  const saved = resolutionOf(db, s.id);
  if (saved) return { title: saved.title, body: saved.body, saved };
  const generated = generateResolution(db, j, s);
  return generated && { ...generated, saved: undefined };
}

export function generateResolution(db: Db, j: Jurisdiction, s: Session, outcome = sessionOutcome(db, s.id)): { title: string; body: string } | null {
  if (!outcome || !s.cycleId) return null;
  const cy = db.select().from(cycle).where(eq(cycle.id, s.cycleId)).get()!;
  return draftResolution({
    jurisdictionName: j.name, body: s.body, year: cy.year, sessionTitle: s.title, date: s.date,
    seated: outcome.seated, present: outcome.present, secrecy: outcome.secrecy, candidates: outcome.candidates,
    seatsToFill: outcome.seatsToFill, adopted: outcome.adopted, emptySeats: outcome.emptySeats, steps: outcome.steps,
    procedureTitle: procedureCitation(db, s.id)?.title,
  });
}

/** Saves the edited draft. A published resolution is never edited: corrections are recorded separately. */
export function saveResolution(db: Db, actor: Actor, s: Session, input: { title: string; body: string }, now: Date): Result<Resolution> {
  return db.transaction((tx) => {
    if (!s.cycleId) return refuse('会议未关联年度工作');
    const before = resolutionOf(tx, s.id);
    if (before?.publishedAt) return refuse('决议已公布，不能再修改；如需更正请发布更正说明');
    const row = before
      ? tx.update(resolution).set({ title: input.title, body: input.body, updatedAt: now }).where(eq(resolution.id, before.id)).returning().get()
      : tx.insert(resolution).values({ cycleId: s.cycleId, sessionId: s.id, title: input.title, body: input.body, updatedAt: now }).returning().get();
    recordAudit(tx, actor, {
      action: 'resolution.save', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: before ? { title: before.title, body: before.body } : undefined, after: { title: row.title, body: row.body },
    }, now);
    return ok(row);
  });
}

/** What publication rests on, read once: the session's selection and runoff polls, its outcome, its resolution. */
function publicationState(db: Db, s: Session) {
  const polls = resolutionPollsOf(db, s.id);
  return {
    polls, uncounted: polls.some((p) => p.state === 'closed' && !readResult(db, p.id)), outcome: sessionOutcome(db, s.id), saved: resolutionOf(db, s.id),
    unsigned: certificateBlockers(db, polls), // the scrutineers sign each count before anyone publishes it
  };
}

function blockersOf(st: ReturnType<typeof publicationState>): string[] {
  const out: string[] = [];
  if (st.polls.some((p) => p.state === 'open')) out.push('还有正在进行的表决');
  if (st.polls.some((p) => p.state === 'draft' && p.kind !== 'selection')) out.push('还有尚未开始的另行投票或另行票决：请进行表决，或将其作废');
  if (st.uncounted) out.push('还有表决的纸质选票未完成计票');
  if (!st.outcome) out.push('本次会议还没有已结束的项目表决');
  out.push(...st.unsigned);
  if (st.saved?.publishedAt) out.push('结果已经公布');
  return out;
}

/** What stands in the way of publishing the session's results (empty when nothing does). */
export function publicationBlockers(db: Db, s: Session): string[] {
  return blockersOf(publicationState(db, s));
}

/**
 * Publishes the session: every counted selection and runoff poll becomes 'published' (its stored result is the snapshot, never
 * recomputed), the resolution is published (generated if never saved), and each adopted candidate becomes a
 * project of the year. One durable transaction with its audit entry.
 */
export function publishSession(conn: DbConnection, actor: Actor & { id: number }, j: Jurisdiction, s: Session, now: Date): Result<{ projects: number }> {
  return durably(conn, () => conn.transaction((tx) => {
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    const st = publicationState(tx, fresh);
    const blockers = blockersOf(st);
    const outcome = st.outcome;
    if (blockers.length || !outcome) return refuse(`不能公布：${blockers.join('；')}`);
    let res = st.saved;
    if (!res) {
      const d = generateResolution(tx, j, fresh, outcome)!;
      res = tx.insert(resolution).values({ cycleId: fresh.cycleId!, sessionId: s.id, title: d.title, body: d.body, updatedAt: now }).returning().get();
    }
    tx.update(resolution).set({ publishedAt: now, publishedBy: actor.id }).where(eq(resolution.id, res.id)).run();
    const counted = st.polls.filter((p) => p.state === 'closed').map((p) => p.id);
    if (counted.length) tx.update(poll).set({ state: 'published', publishedAt: now }).where(inArray(poll.id, counted)).run();
    let projects = 0;
    for (const a of outcome.adopted) {
      const made = tx.insert(project).values({ cycleId: fresh.cycleId!, candidateId: a.candidateId, pollId: a.pollId, status: 'planned', createdAt: now })
        .onConflictDoNothing().returning().all();
      projects += made.length;
    }
    const balloted = outcome.polls.flatMap(({ result }) => result.tally.rows.map((r) => r.candidateId).filter((id): id is number => id !== null));
    poolNotAdopted(tx, actor, s.jurisdictionId, balloted, outcome.adopted.map((a) => a.candidateId), now);
    recordAudit(tx, actor, {
      action: 'result.publish', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: {
        polls: counted, resolution: res.title, adopted: outcome.adopted.map((a) => ({ candidateId: a.candidateId, title: a.title, for: a.for })),
        seatsToFill: outcome.seatsToFill, emptySeats: outcome.emptySeats,
      },
    }, now);
    return ok({ projects });
  }, { behavior: 'immediate' }));
}

export interface Correction { at: Date; reason: string; text: string }

/** After publication nothing is edited; a correction is its own recorded, public action with a reason. */
export function recordCorrection(db: Db, actor: Actor, s: Session, input: { reason: string; text: string }, now: Date): Result<null> {
  return db.transaction((tx) => {
    if (!resolutionOf(tx, s.id)?.publishedAt) return refuse('结果尚未公布：公布前可直接修改决议草稿');
    recordAudit(tx, actor, {
      action: 'result.correct', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { reason: input.reason, text: input.text },
    }, now);
    return ok();
  });
}

export function correctionsOf(db: Db, sessionId: number): Correction[] {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.action, 'result.correct'), eq(auditLog.targetType, 'session'), eq(auditLog.targetId, String(sessionId))))
    .orderBy(asc(auditLog.id)).all()
    .map((r) => {
      const a = JSON.parse(r.after ?? '{}') as { reason?: string; text?: string };
      return { at: r.at, reason: a.reason ?? '', text: a.text ?? '' };
    });
}
