import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CertificatePage } from '../../views/polls/CertificatePage';
import { userActor } from '../auth/authorize';
import { allowOfficer, isOfficerHere } from '../auth/officers';
import { closureCertificate, signClosureCertificate } from '../data/closureCertificates';
import { ALL_OFFICER_ROLES, SCRUTINEER_ROLES } from '../domain/sessionOfficers';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { PollEnv } from '../http/subjects/session';
import { validForm, type FieldErrors } from '../http/validate';

const signForm = z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/, '报告单内容有误，请刷新后重新核对') });

type C = Context<PollEnv>;

const pollHref = (c: C) => `/j/${c.var.jurisdiction.code}/polls/${c.var.poll.id}`;

function certificatePage(c: C, _values?: unknown, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, poll: p, terms } = c.var;
  const cert = closureCertificate(db, { poll: p, session: s });
  if (!cert) return redirectWithFlash(c, pollHref(c), '本轮表决尚未完成计票，还没有计票结果报告单');
  const me = c.var.user!.id;
  const canSign = p.state === 'closed' && isOfficerHere(c, SCRUTINEER_ROLES)
    && !cert.signatures.some((x) => x.userId === me && x.current);
  return c.render(<CertificatePage j={j} s={s} p={p} terms={terms} cert={cert} canSign={canSign} errors={errors} />, { title: `计票结果报告单 · ${p.title}` });
}

/** /j/:code/polls/:pollId/certificate — the 计票结果报告单: read by officers and insiders, signed by the scrutineers. */
export const closureCertificates = new Hono<PollEnv>()
  .get('/', allowOfficer(ALL_OFFICER_ROLES, 'session.view'), (c) => certificatePage(c))
  .post('/sign', allowOfficer(SCRUTINEER_ROLES), validForm(signForm, certificatePage), (c) => {
    const r = signClosureCertificate(c.var.db, userActor(c), c.var.poll.id, c.req.valid('form').digest, c.var.now());
    if (!r.ok) return refused(c, r, certificatePage);
    return redirectWithFlash(c, `${pollHref(c)}/certificate`, '已确认签署计票结果报告单');
  });
