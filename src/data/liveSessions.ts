import { and, desc, eq, inArray } from 'drizzle-orm';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, session } from '../../db/schema';
import { nextStepOfSession, type NextStep } from '../domain/sessionNextStep';
import { turnout } from './ballots';
import { pollsOf } from './pollReads';
import { readResult, resolutionOf } from './results';
import { quorumState } from './sessions';

/** A session under way as the clerk's home shows it: the roll, the open poll's turnout, the next step. */
export interface LiveSession {
  code: string;
  sessionId: number;
  title: string;
  seated: number;
  present: number;
  needed: number;
  met: boolean;
  openPoll: { id: number; title: string; isTest: boolean; voted: number } | null;
  /** The last poll (test or real) that is not open, so the step's link has somewhere to go. */
  pollId: number | null;
  next: NextStep;
}

/** Every open session of these jurisdictions, newest first. */
export function liveSessionsOf(db: Db, jurisdictionIds: number[]): LiveSession[] {
  if (jurisdictionIds.length === 0) return [];
  const rows = prepared(db, 'liveSessionsOf', (db) => db.select({ s: session, code: jurisdiction.code }).from(session)
    .innerJoin(jurisdiction, eq(jurisdiction.id, session.jurisdictionId))
    .where(and(inArray(session.jurisdictionId, idsIn('ids')), eq(session.state, 'open')))
    .orderBy(desc(session.date), desc(session.id)).prepare()).all({ ids: idList(jurisdictionIds) });
  return rows.map(({ s, code }) => {
    const h = quorumState(db, s);
    const polls = pollsOf(db, s.id);
    const open = polls.find((p) => p.state === 'open');
    const selection = polls.filter((p) => p.kind !== 'evaluation' && !p.isTest && p.state !== 'void').at(-1);
    const t = open ? turnout(db, open.id) : null;
    const next = nextStepOfSession({
      quorumMet: h.met, missing: Math.max(0, h.needed - h.present),
      openPoll: open ? { isTest: open.isTest } : null,
      selection: !selection ? 'none' : selection.state === 'draft' ? 'draft'
        : selection.state === 'closed' && !readResult(db, selection.id) ? 'counting' : 'counted',
      published: resolutionOf(db, s.id)?.publishedAt != null,
      testHeld: polls.some((p) => p.isTest && p.state === 'closed'),
    });
    return {
      code, sessionId: s.id, title: s.title, seated: h.seated, present: h.present, needed: h.needed, met: h.met,
      openPoll: open && t ? { id: open.id, title: open.title, isTest: open.isTest, voted: t.electronic + t.paper } : null,
      pollId: open?.id ?? (selection ?? polls.at(-1))?.id ?? null,
      next,
    };
  });
}
