import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DutiesPage, OfficersPage, type DutyPoll } from '../../views/sessions/OfficerPages';
import { allow, userActor } from '../auth/authorize';
import { allowOfficer } from '../auth/officers';
import { closureCertificate } from '../data/closureCertificates';
import { pollsOf } from '../data/pollReads';
import { readResult } from '../data/results';
import { assignOfficer, officerChoices, officerRolesOf, officersFrozen, officersOf, removeOfficer } from '../data/sessionOfficers';
import { ALL_OFFICER_ROLES, scrutinyShortfalls, tellerShortfall } from '../domain/sessionOfficers';
import { SESSION_OFFICER_ROLES } from '../domain/vocabulary';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { SessionEnv } from '../http/subjects/session';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';

const assignForm = z.object({
  role: z.enum(SESSION_OFFICER_ROLES, { error: '请选择职务' }),
  person: z.string().regex(/^(rep|user):\d{1,9}$/, '请选择人员'),
  reason: trimmed(200).default(''),
});
const removeForm = z.object({ reason: trimmed(200).default('') });

type C = Context<SessionEnv>;

const base = (c: C) => `/j/${c.var.jurisdiction.code}/sessions/${c.var.session.id}`;

function officersPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, terms } = c.var;
  const officers = officersOf(db, s.id);
  return c.render(
    <OfficersPage j={j} s={s} terms={terms} officers={officers} choices={officerChoices(db, s)} frozen={officersFrozen(db, s.id)}
      shortfalls={scrutinyShortfalls(officers)} tellerAdvice={tellerShortfall(officers)} values={values} errors={errors} />,
    { title: `监票人和计票人 · ${s.title}` },
  );
}

/** /j/:code/sessions/:sessionId — the officers (clerk) and each officer's own duties page. */
export const sessionOfficers = new Hono<SessionEnv>()
  .get('/officers', allow('session.manage'), (c) => officersPage(c))
  .post('/officers', allow('session.manage'), validForm(assignForm, officersPage), (c) => {
    const input = c.req.valid('form');
    const r = assignOfficer(c.var.db, userActor(c), c.var.session, input, c.var.now());
    if (!r.ok) return refused(c, r, officersPage, input);
    return redirectWithFlash(c, `${base(c)}/officers`, `已指定${r.value.name}`);
  })
  .post('/officers/:officerId{[0-9]+}/remove', allow('session.manage'), validForm(removeForm, officersPage), (c) => {
    const r = removeOfficer(c.var.db, userActor(c), c.var.session, Number(c.req.param('officerId')), c.req.valid('form').reason, c.var.now());
    // The reason typed beside one name is not the assign form's field: the refusal goes above the list.
    if (!r.ok) return refused(c, { ...r, field: '_form' }, officersPage);
    return redirectWithFlash(c, `${base(c)}/officers`, `已撤换${r.value.name}`);
  })
  .get('/duties', allowOfficer(ALL_OFFICER_ROLES), (c) => {
    const { db, jurisdiction: j, session: s } = c.var;
    const me = userActor(c).id;
    const polls: DutyPoll[] = pollsOf(db, s.id).map((p) => {
      const cert = closureCertificate(db, { poll: p, session: s });
      return {
        id: p.id, title: p.title, state: p.state,
        counting: p.state === 'closed' && p.paperBallotsIssued > 0 && !readResult(db, p.id),
        certificate: cert && { complete: cert.complete, signedByMe: cert.signatures.some((x) => x.userId === me && x.current) },
      };
    });
    return c.render(<DutiesPage j={j} s={s} roles={officerRolesOf(db, s.id, me)} officers={officersOf(db, s.id)} polls={polls} />, { title: `我的监票计票事项 · ${s.title}` });
  });
