import type { Representative } from '../../data/representatives';
import { createMiddleware } from 'hono/factory';
import { pollForVoter, type Poll, type PollOption } from '../../data/pollReads';
import { representativeOfUser, type Session } from '../../data/sessions';
import { BODY_TERMS, bodyOf, type BodyTerms } from '../../domain/bodyTerms';
import { idParam, notFound, type JurisdictionEnv } from './jurisdiction';

/**
 * A request under /j/:code/vote: the body's words (a jurisdiction with no congress or deliberation body is a 404)
 * and the logged-in user's seat there, if any — undefined for someone without one, whom the page tells so.
 */
export type VoterEnv = JurisdictionEnv & { Variables: { terms: BodyTerms; voter: Representative | undefined } };
/** A request under /j/:code/vote/:pollId: the poll the voter may fill in, its session and its options. */
export type BallotEnv = VoterEnv & { Variables: { voter: Representative; poll: Poll; session: Session; options: PollOption[] } };

/** Mounted on /j/:code/vote/*. It decides nothing about the login: the route's allow() does, after it. */
export const voterSubject = createMiddleware<VoterEnv>(async (c, next) => {
  // c.get, not c.var: each c.var access copies every request variable into a new object (this runs on every ballot).
  const j = c.get('jurisdiction');
  const body = bodyOf(j.kind);
  if (!body) notFound();
  const user = c.get('user');
  c.set('terms', BODY_TERMS[body]);
  c.set('voter', user ? representativeOfUser(c.get('db'), user.id, j.id) : undefined);
  await next();
});

/**
 * The ballot's subject, after allow(): a poll of this jurisdiction whose session's roster holds the voter, else 404
 * (another town's poll, someone without a seat, a seat not in that session). Whether the poll is open is the
 * route's to say: a closed poll still shows its receipt, or a message, not a 404.
 */
export const ballotSubject = createMiddleware<BallotEnv>(async (c, next) => {
  const voter = c.get('voter');
  const db = c.get('db');
  const found = voter && pollForVoter(db, c.get('jurisdiction').id, idParam(c.req.param('pollId')), voter.id);
  if (!voter || !found) notFound();
  c.set('voter', voter);
  c.set('poll', found.poll);
  c.set('session', found.session);
  c.set('options', found.options);
  await next();
});
