import { and, eq, notLike } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ballot, namedBallot, pollResult } from '../../db/schema';
import { closureCertificate } from '../../src/data/closureCertificates';
import { pollInSession } from '../../src/data/pollReads';
import { readResult } from '../../src/data/results';
import { decodeMarks } from '../../src/domain/compactMarks';
import { runMigration } from '../helpers/migration';
import { cast, close, openedPoll, type PollCase } from '../helpers/pollCases';

/** 10 present: 7 ballots, two of them blank (every line left unmarked). */
async function countedWithBlanks(o: { secrecy: 'secret' | 'named'; ballotForm?: 'perItem' | 'tick' }) {
  const t = await openedPoll({ reps: 12, logins: 12, candidates: 3, seatsToFill: 2, present: 10, ...o });
  const mark = o.ballotForm === 'tick' ? (['for', '', ''] as const) : (['for', 'against', 'abstain'] as const);
  for (let i = 0; i < 5; i++) cast(t, i, [...mark]);
  cast(t, 5, ['', '', '']);
  cast(t, 6, ['', '', '']);
  return { ...t, poll: close(t) };
}

const stored = (t: PollCase) => t.f.db.select().from(pollResult).where(eq(pollResult.pollId, t.poll.id)).get()!;
const certificateBlank = (t: PollCase) => closureCertificate(t.f.db, pollInSession(t.f.db, t.poll.id)!)!.figures.blank;

/**
 * The anonymous table's rows as they were stored when the backfill ran (before the compact marks' migration): JSON
 * keyed by option id. The named table keeps that form.
 */
function asStoredBeforeCompactMarks(t: PollCase): void {
  const rows = t.f.db.select().from(ballot).where(eq(ballot.pollId, t.poll.id)).all();
  for (const r of rows) {
    t.f.db.update(ballot).set({ marks: JSON.stringify(decodeMarks(t.ids, r.marks)) }).where(and(eq(ballot.pollId, r.pollId), eq(ballot.id, r.id))).run();
  }
}

/** The custom migration that counts the blank ballots of results stored before the count kept them. */
function backfill(t: PollCase): void {
  runMigration(t.f.db, '_result_blank_backfill.sql');
}

describe('空白票 counted with the result', () => {
  it('is stored beside the result at 开箱 and read from there: the certificate no longer needs the ballots', async () => {
    const t = await countedWithBlanks({ secrecy: 'secret' });
    expect(stored(t).blankBallots).toBe(2);
    expect(JSON.parse(stored(t).result)).not.toHaveProperty('blank');
    expect(readResult(t.f.db, t.poll.id)!.blank).toBe(2);
    t.f.db.delete(ballot).where(eq(ballot.pollId, t.poll.id)).run();
    expect(certificateBlank(t)).toBe(2);
  });

  it('a result stored without it still shows the number counted from the ballots', async () => {
    const t = await countedWithBlanks({ secrecy: 'named', ballotForm: 'tick' });
    expect(stored(t).blankBallots).toBe(2);
    t.f.db.update(pollResult).set({ blankBallots: null }).where(eq(pollResult.pollId, t.poll.id)).run();
    expect(certificateBlank(t)).toBe(2);
  });

  it.each([
    ['secret', 'perItem'],
    ['secret', 'tick'],
    ['named', 'perItem'],
    ['named', 'tick'],
  ] as const)('the migration counts it for results stored before (%s, %s), each from its own ballots', async (secrecy, ballotForm) => {
    const t = await countedWithBlanks({ secrecy, ballotForm });
    asStoredBeforeCompactMarks(t);
    t.f.db.update(pollResult).set({ blankBallots: null }).run();
    backfill(t);
    expect(stored(t).blankBallots).toBe(2);
    expect(certificateBlank(t)).toBe(2);
    // Without its blank ballots the poll has none: the backfill says 0, not null. (Every other ballot marks a "for".)
    const table = secrecy === 'secret' ? ballot : namedBallot;
    t.f.db.delete(table).where(and(eq(table.pollId, t.poll.id), notLike(table.marks, '%"for"%'))).run();
    t.f.db.update(pollResult).set({ blankBallots: null }).run();
    backfill(t);
    expect(stored(t).blankBallots).toBe(0);
  });
});
