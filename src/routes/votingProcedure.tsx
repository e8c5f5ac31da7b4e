import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ProcedurePage, ProcedurePrintPage } from '../../views/sessions/ProcedurePages';
import { allow, can, userActor } from '../auth/authorize';
import { headcount } from '../data/sessions';
import { adoptProcedure, draftProcedure, officersOf, procedureOf } from '../data/votingProcedure';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { SessionEnv } from '../http/subjects/session';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

const count = z.coerce.number({ error: '请填写人数（整数）' }).int('请填写人数（整数）').min(0, '人数不能为负').max(100_000, '人数过大');
const handsForm = z.object({ for: count, against: count, abstain: count });

type C = Context<SessionEnv>;
const base = (c: C) => `/j/${c.var.jurisdiction.code}/sessions/${c.var.session.id}`;

function procedurePage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, terms } = c.var;
  const adopted = procedureOf(db, s.id);
  const generated = adopted ? null : draftProcedure(db, s);
  const draft = !generated ? { text: adopted!.text } : generated.ok ? { text: generated.value.text } : { error: generated.error };
  return c.render(
    <ProcedurePage j={j} s={s} terms={terms} adopted={adopted} draft={draft}
      present={headcount(db, s.id).present} canAdopt={can(c, 'session.manage', j.id) && s.state === 'open'}
      officersMissing={officersOf(db, s.id).length === 0} values={values} errors={errors} />,
    { title: `${terms.vote}办法 · ${s.title}` },
  );
}

/** /j/:code/sessions/:sessionId/procedure — the session's 票决办法. */
export const votingProcedureRoutes = new Hono<SessionEnv>()
  .get('/', allow('session.view'), (c) => procedurePage(c))
  .post('/', allow('session.manage'), validForm(handsForm, procedurePage), (c) => {
    const hands = c.req.valid('form');
    const r = adoptProcedure(c.var.db, userActor(c), c.var.session, hands, c.var.now());
    if (!r.ok) return refused(c, r, procedurePage, hands);
    return redirectWithFlash(c, `${base(c)}/procedure`, `${c.var.terms.vote}办法已通过并固定`);
  })
  .get('/print', allow('session.view'), (c) => {
    const { db, jurisdiction: j, session: s, terms } = c.var;
    const adopted = procedureOf(db, s.id);
    const draft = adopted ? null : draftProcedure(db, s);
    if (draft && !draft.ok) return c.redirect(`${base(c)}/procedure`, 303);
    const text = adopted?.text ?? (draft && draft.ok ? draft.value.text : '');
    return c.render(<ProcedurePrintPage j={j} s={s} text={text} adopted={!!adopted} />, { title: `${terms.vote}办法 · ${s.title}` });
  });
