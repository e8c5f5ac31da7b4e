import { createMiddleware } from 'hono/factory';
import { pollInSession, type Poll } from '../../data/pollReads';
import { getSession, type Session } from '../../data/sessions';
import { BODY_TERMS, type BodyTerms } from '../../domain/bodyTerms';
import { idParam, notFound, type JurisdictionEnv } from './jurisdiction';

/** A request under /j/:code/sessions/:sessionId: the session (another jurisdiction's is a 404) and its body's words. */
export type SessionEnv = JurisdictionEnv & { Variables: { session: Session; terms: BodyTerms } };
/** A request under /j/:code/polls/:pollId: the poll, its session and the body's words. */
export type PollEnv = SessionEnv & { Variables: { poll: Poll } };

export const sessionSubject = createMiddleware<SessionEnv>(async (c, next) => {
  const s = getSession(c.get('db'), c.get('jurisdiction').id, idParam(c.req.param('sessionId')));
  if (!s) notFound();
  c.set('session', s);
  c.set('terms', BODY_TERMS[s.body]);
  await next();
});

export const pollSubject = createMiddleware<PollEnv>(async (c, next) => {
  const found = pollInSession(c.get('db'), idParam(c.req.param('pollId')), c.get('jurisdiction').id);
  if (!found) notFound();
  c.set('poll', found.poll);
  c.set('session', found.session);
  c.set('terms', BODY_TERMS[found.session.body]);
  await next();
});
