import type { Context } from 'hono';
import type { Action } from '../domain/authz';
import { BODY_TERMS, type BodyTerms } from '../domain/bodyTerms';
import { authorize, jurisdictionParam, notFound } from '../auth/authorize';
import { getSession, type Session } from '../data/sessions';
import type { Jurisdiction } from '../data/jurisdictions';
import type { AppEnv, CurrentUser } from '../env';

const id = (v: string | undefined) => (v && /^[0-9]{1,9}$/.test(v) ? Number(v) : NaN);

/**
 * Only the meetings routes still load their session this way; once they use sessionSubject this file goes.
 * The session named by :code and :id, after the role check; another jurisdiction's session is a 404.
 */
export function sessionParam(c: Context<AppEnv>, action: Action): { j: Jurisdiction; s: Session; me: CurrentUser; terms: BodyTerms } {
  const j = jurisdictionParam(c);
  const me = authorize(c, action, j.id);
  const s = getSession(c.get('db'), j.id, id(c.req.param('id')));
  if (!s) notFound();
  return { j, s, me, terms: BODY_TERMS[s.body] };
}
