import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pollOption } from '../../db/schema';
import { readRule, ruleInForce, type PollRule } from '../domain/pollRule';
import type { RepBody } from '../domain/vocabulary';
import type { Poll } from './pollReads';
import type { Session } from './sessions';
import { getSettings } from './settings';

/** The rule today's settings would give this poll: what opening stores, and what a draft's page shows. */
export function ruleInForceFor(db: Db, p: Poll, s: Session): PollRule {
  const candidates = db.select({ n: sql<number>`count(*)` }).from(pollOption).where(eq(pollOption.pollId, p.id)).get()!.n;
  return ruleInForce(s.body as RepBody, getSettings(db, s.jurisdictionId), {
    seatsToFill: p.kind === 'evaluation' ? null : p.seatsToFill, candidates, ballotForm: p.ballotForm,
  });
}

/**
 * The rule a poll is counted and shown under: its snapshot once opened. A draft (or a poll opened before
 * snapshots were kept) has none, and reads the rule in force.
 */
export function ruleOf(db: Db, p: Poll, s: Session): PollRule {
  return readRule(p.rule) ?? ruleInForceFor(db, p, s);
}
