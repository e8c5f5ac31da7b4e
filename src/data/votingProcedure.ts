import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, cycle, jurisdiction, poll, sessionOfficer, votingProcedure } from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import { checkSlate, readRule, ruleDisagreement, ruleInForce, type PollRule } from '../domain/pollRule';
import { chineseDate } from '../domain/resolution';
import { ok, refuse, type Result } from '../domain/result';
import { judgeHands, procedureText, type Hands, type ProcedureInput } from '../domain/votingProcedure';
import { SESSION_OFFICER_ROLES, type RepBody, type SessionOfficerRole } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Poll } from './pollReads';
import { headcount, type Session } from './sessions';
import { getSettings } from './settings';

export type VotingProcedure = typeof votingProcedure.$inferSelect;

export function procedureOf(db: Db, sessionId: number): VotingProcedure | undefined {
  return db.select().from(votingProcedure).where(eq(votingProcedure.sessionId, sessionId)).get();
}

/** The adopted procedure's rule (null before adoption). */
export function adoptedRule(db: Db, sessionId: number): PollRule | null {
  return readRule(procedureOf(db, sessionId)?.rule);
}

/** 总监票人, 监票人, 计票人 of the session in that order, as recorded. */
export function officersOf(db: Db, sessionId: number): { role: SessionOfficerRole; name: string }[] {
  const rows = db.select({ role: sessionOfficer.role, name: sessionOfficer.name }).from(sessionOfficer)
    .where(eq(sessionOfficer.sessionId, sessionId)).orderBy(asc(sessionOfficer.id)).all();
  return [...rows].sort((a, b) => SESSION_OFFICER_ROLES.indexOf(a.role) - SESSION_OFFICER_ROLES.indexOf(b.role));
}

/**
 * The procedure as it would read now: the session's selection poll (its N, list and ballot form) if one is set up,
 * else the cycle's locked list with the per-item form; the rule from today's settings; the officers recorded.
 */
export function draftProcedure(db: Db, s: Session): Result<{ input: ProcedureInput; text: string }> {
  if (!s.cycleId) return refuse('会议未关联年度工作');
  const cy = db.select().from(cycle).where(eq(cycle.id, s.cycleId)).get()!;
  const j = db.select().from(jurisdiction).where(eq(jurisdiction.id, s.jurisdictionId)).get()!;
  const selection: Poll | undefined = db.select().from(poll)
    .where(and(eq(poll.sessionId, s.id), eq(poll.kind, 'selection'), inArray(poll.state, ['draft', 'open', 'closed', 'published'])))
    .orderBy(asc(poll.id)).get();
  if (!cy.candidatesLockedAt) return refuse('候选项目清单尚未经审定锁定，票决办法须依据审定的候选项目生成');
  if (!cy.seatsToFill || cy.seatsToFill < 1) return refuse('尚未确定应选项目数');
  const candidates = db.select({ n: sql<number>`count(*)` }).from(candidate).where(eq(candidate.cycleId, cy.id)).get()!.n;
  const settings = getSettings(db, s.jurisdictionId);
  const slate = checkSlate(candidates, cy.seatsToFill, settings.allowEqualSlate === 'yes');
  if (!slate.ok) return slate;
  const rule = ruleInForce(s.body as RepBody, settings, {
    seatsToFill: cy.seatsToFill, candidates, ballotForm: selection?.ballotForm ?? 'perItem',
  });
  const input: ProcedureInput = {
    jurisdictionName: j.name, sessionTitle: s.title, year: cy.year, secrecy: selection?.secrecy ?? 'secret', rule, officers: officersOf(db, s.id),
  };
  return ok({ input, text: procedureText(input) });
}

/**
 * The session adopts the procedure by show of hands: recorded with the counts and the moment, and frozen — the
 * text and the rule never change after (a decision freezes what it was decided under).
 */
export function adoptProcedure(db: Db, actor: Actor & { id: number }, s: Session, hands: Hands, now: Date): Result<VotingProcedure> {
  return db.transaction((tx) => {
    if (s.state !== 'open') return refuse(s.state === 'planned' ? '会议尚未开始，不能表决票决办法' : '会议已闭会');
    if (procedureOf(tx, s.id)) return refuse('本次会议的票决办法已经通过，不能再修改', '_form', 409);
    const draft = draftProcedure(tx, s);
    if (!draft.ok) return draft;
    const { seated, present } = headcount(tx, s.id);
    const judged = judgeHands(draft.value.input.rule, hands, seated, present);
    if (!judged.ok) return judged;
    const text = procedureText(draft.value.input, { at: chineseDate(chinaDateOf(now)), ...hands });
    const row = tx.insert(votingProcedure).values({
      sessionId: s.id, text, rule: JSON.stringify(draft.value.input.rule),
      forVotes: hands.for, againstVotes: hands.against, abstentions: hands.abstain, adoptedBy: actor.id, adoptedAt: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'votingProcedure.adopt', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { for: hands.for, against: hands.against, abstain: hands.abstain, seated, present, rule: draft.value.input.rule },
    }, now);
    return ok(row);
  });
}

/**
 * Before a 票决 opens: the session has adopted its procedure and the poll's rule keeps to it. A year-end
 * evaluation is a 测评 with its own instructions on the ballot, not a 票决, and needs none.
 */
export function procedureAllowsOpening(db: Db, p: Poll, rule: PollRule): Result {
  if (p.kind === 'evaluation') return ok();
  const adopted = adoptedRule(db, p.sessionId);
  if (!adopted) return refuse('本次会议尚未通过票决办法：请先在“票决办法”页宣读并由会议举手表决通过，再开始表决');
  const differs = ruleDisagreement(rule, adopted, p.kind);
  if (differs) return refuse(`本轮表决的规则与会议通过的票决办法不一致（${differs}），不能开始表决。请恢复参数设置，或按会议通过的办法重新设置本轮表决`);
  return ok();
}

/** What a result sheet and a resolution cite: the adopted procedure's title (its second line), time and hands. */
export function procedureCitation(db: Db, sessionId: number) {
  const row = procedureOf(db, sessionId);
  if (!row) return undefined;
  return {
    title: row.text.split('\n')[1] ?? '', adoptedAt: row.adoptedAt,
    forVotes: row.forVotes, againstVotes: row.againstVotes, abstentions: row.abstentions,
  };
}
