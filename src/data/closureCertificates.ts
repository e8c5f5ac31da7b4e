import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { closureSignature } from '../../db/schema';
import {
  certificateFigures, signatureState, spoiledLines, type CertificateFigures, type SignatureState,
} from '../domain/closureCertificate';
import { ok, refuse, type Result } from '../domain/result';
import { isScrutineerRole } from '../domain/sessionOfficers';
import { recordAudit, type Actor } from './audit';
import { ballotsOf } from './ballots';
import { pollInSession, type Poll, type PollInSession } from './pollReads';
import { readResult, type StoredResult } from './results';
import { officersOf, type SessionOfficer } from './sessionOfficers';

export type ClosureSignature = typeof closureSignature.$inferSelect;

export interface ClosureCertificate extends SignatureState<SessionOfficer> {
  result: StoredResult;
  figures: CertificateFigures;
  spoiled: { label: string; count: number }[];
  officers: SessionOfficer[];
  signatures: (ClosureSignature & { current: boolean })[];
  /** What a signature covers: the figures and every option's counts, as stored when the poll was counted. */
  digest: string;
}

/** The certificate of a counted poll (null before the count, or for a void poll). */
export function closureCertificate(db: Db, { poll: p }: PollInSession): ClosureCertificate | null {
  if (p.state !== 'closed' && p.state !== 'published') return null;
  const result = readResult(db, p.id);
  if (!result) return null;
  const t = result.tally;
  const counted = { issued: result.ballots.issued, returned: result.ballots.returned, valid: t.ballots.valid, invalid: t.ballots.invalid };
  // The blank count is stored with the result; only a result stored without one reads the ballots back.
  const figures = result.blank !== null ? { ...counted, blank: result.blank } : certificateFigures(p.kind, counted,
    ballotsOf(db, p.id, p.secrecy), result.kind === 'evaluation' ? 'perItem' : result.rule?.ballotForm ?? p.ballotForm);
  const digest = createHash('sha256').update(JSON.stringify({ pollId: p.id, figures, rows: t.rows, computedAt: result.computedAt })).digest('hex');
  const officers = officersOf(db, p.sessionId);
  const signatures = db.select().from(closureSignature).where(eq(closureSignature.pollId, p.id)).orderBy(asc(closureSignature.signedAt)).all();
  return {
    result, figures, spoiled: spoiledLines(t.rows, t.ballots.invalid), officers, digest,
    signatures: signatures.map((s) => ({ ...s, current: s.digest === digest })),
    ...signatureState(officers, signatures, digest),
  };
}

/**
 * A 总监票人 or 监票人 signs with their own login the figures they were shown (`digest`): refused when the figures
 * changed since, when they signed already, or when they are not a scrutineer of this session. Audited.
 */
export function signClosureCertificate(db: Db, actor: Actor & { id: number }, pollId: number, digest: string, now: Date): Result<ClosureSignature> {
  return db.transaction((tx) => {
    const found = pollInSession(tx, pollId)!;
    const cert = closureCertificate(tx, found);
    if (!cert) return refuse('本轮表决尚未完成计票，还没有计票结果报告单', '_form', 409);
    if (found.poll.state === 'published') return refuse('结果已公布，报告单不再签署', '_form', 409);
    const officer = cert.officers.find((o) => o.userId === actor.id && isScrutineerRole(o.role));
    if (!officer) return refuse('只有本次会议的总监票人和监票人签署计票结果报告单');
    if (digest !== cert.digest) return refuse('报告单的数字已变化，请重新核对后再签署', '_form', 409);
    if (cert.signatures.some((s) => s.officerId === officer.id && s.current)) return refuse('您已签署本报告单', '_form', 409);
    tx.delete(closureSignature).where(and(eq(closureSignature.pollId, pollId), eq(closureSignature.officerId, officer.id))).run(); // a stale one
    const row = tx.insert(closureSignature).values({
      pollId, officerId: officer.id, userId: actor.id, role: officer.role, name: officer.name, digest, signedAt: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'poll.certificate.sign', targetType: 'poll', targetId: pollId, jurisdictionId: found.session.jurisdictionId,
      after: { officerId: officer.id, role: officer.role, name: officer.name, digest, figures: cert.figures },
    }, now);
    return ok(row);
  });
}

/** Why the session's counted polls cannot be published yet: each certificate not yet fully signed. */
export function certificateBlockers(db: Db, polls: readonly Poll[]): string[] {
  const out: string[] = [];
  for (const p of polls) {
    if (p.state !== 'closed') continue;
    const cert = closureCertificate(db, pollInSession(db, p.id)!);
    if (!cert || cert.complete) continue;
    const why = [...cert.shortfalls, ...(cert.missing.length ? [`待签署：${cert.missing.map((o) => o.name).join('、')}`] : [])];
    out.push(`“${p.title}”的计票结果报告单尚未由总监票人和监票人签署（${why.join('；')}）`);
  }
  return out;
}
