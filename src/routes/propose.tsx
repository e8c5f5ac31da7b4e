import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { PersonalMatterPage } from '../../views/proposals/PersonalMatterPage';
import { CollectionClosedPage, ProposePage, tooOftenNote } from '../../views/proposals/ProposePages';
import type { FormChoices } from '../../views/proposals/ProposalFields';
import { actorOf, can } from '../auth/authorize';
import { collectionFor } from '../data/collection';
import { getCycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import { placesOf, stationsFor, submitProposal } from '../data/proposals';
import { chinaDateOf } from '../domain/chinaDate';
import { collectionState } from '../domain/collection';
import { poolReasonFor } from '../domain/pool';
import { coordinatesPaired, personalAsProposal, personalMatterSchema, proposalShape } from '../domain/proposalInput';
import { PUBLIC_SOURCES, wholeAreaLabel } from '../domain/proposalLabels';
import { refuse } from '../domain/result';
import type { AppEnv } from '../env';
import { errorResponse } from '../http/errors';
import { refused } from '../http/refused';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { PROPOSAL_IP_WINDOW } from '../http/limiter';
import { countSubmission, limitSubmissions } from '../http/submissionLimit';
import { formValues, validForm, type FieldErrors, type FormValues } from '../http/validate';

const publicForm = z.object({
  ...proposalShape({ sources: PUBLIC_SOURCES, phoneRequired: true }),
  year: z.coerce.number().int().catch(0), // hidden; a tampered year finds no open cycle
  website: z.string().optional(), // the honeypot
}).superRefine(coordinatesPaired);

export function formChoices<E extends AppEnv>(c: Context<E>, j: Jurisdiction, sources: FormChoices['sources']): FormChoices {
  const db = c.var.db;
  return {
    places: placesOf(db, j.id),
    wholeArea: wholeAreaLabel(j.kind),
    stations: stationsFor(db, j.id).map((s) => ({ shortCode: s.shortCode, name: s.name })),
    sources,
  };
}

/** A station's QR code opens the form as /p/:code/propose?station=qs01-lx; anything else there is ignored. */
const arrival = z.object({ station: z.string().max(20).optional().catch(undefined) });

// The longest honest form (2,000 four-byte characters and the rest) is far below this.
export const FORM_MAX_BYTES = 64 * 1024;

type C = Context<JurisdictionEnv>;
export type FormPageOf<E extends JurisdictionEnv> = (c: Context<E>, values?: FormValues, errors?: FieldErrors) => Response | Promise<Response>;

const town = (j: Jurisdiction) => ({ code: j.code, name: j.name, kind: j.kind });
const formTitle = (j: Jurisdiction) => `${j.name}民生实事项目建议`;

/** The form, or (outside the window) when collection opens or closed. */
function proposePage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const { cycle, state } = collectionFor(db, j.id, chinaDateOf(c.var.now()));
  if (!cycle || state.kind !== 'open') return c.render(<CollectionClosedPage town={town(j)} year={cycle?.year} state={state} />, { title: formTitle(j) });
  const choices = formChoices(c, j, PUBLIC_SOURCES);
  let v = values;
  if (!v) {
    // Arriving from a station's QR code: that station, and its village if it sits in one.
    const code = (arrival.parse(c.req.query()).station ?? '').toLowerCase();
    const st = stationsFor(db, j.id).find((s) => s.shortCode === code);
    const place = st && choices.places.some((p) => p.id === st.jurisdictionId) ? String(st.jurisdictionId) : undefined;
    v = { source: 'public', crossYear: 'no', station: st?.shortCode, place };
  }
  const stationName = choices.stations.find((s) => s.shortCode === v.station)?.name;
  return c.render(
    <ProposePage town={town(j)} year={cycle.year} state={state} choices={choices} values={v} errors={errors} stationName={stationName}
      staffHref={can(c, 'proposal.submitOnBehalf', j.id) ? `/j/${j.code}/cycles/${cycle.year}/proposals/new` : undefined} />,
    { title: formTitle(j) },
  );
}

/** Between windows the same form sends to the reserve pool; while a window is open it is the ordinary form. */
function reservePage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const { cycle, state } = collectionFor(db, j.id, chinaDateOf(c.var.now()));
  if (state.kind === 'open') return c.redirect(`/p/${j.code}/propose`, 303);
  if (!cycle || poolReasonFor(state) === null) return c.render(<CollectionClosedPage town={town(j)} year={cycle?.year} state={state} />, { title: formTitle(j) });
  return c.render(
    <ProposePage town={town(j)} year={cycle.year} state={state} choices={formChoices(c, j, PUBLIC_SOURCES)}
      values={values ?? { source: 'public', crossYear: 'no' }} errors={errors} toPool />,
    { title: formTitle(j) },
  );
}
const reserveWithoutHoneypot = (c: C, values?: FormValues, errors?: FieldErrors) => reservePage(c, { ...values, website: '' }, errors);

/** The honeypot's refusal comes back without the honeypot's value, so a person who tripped it can just resend. */
const withoutHoneypot = (c: C, values?: FormValues, errors?: FieldErrors) => proposePage(c, { ...values, website: '' }, errors);


/** Refused for the rate, the form comes back with every word typed and says when to send it again. */
export const tooOftenAgain = <E extends JurisdictionEnv = JurisdictionEnv>(page: FormPageOf<E>) => limitSubmissions<E>(async (c, minutes) => {
  const typed = formValues(await c.req.parseBody());
  const retryAt = new Date(c.var.now().getTime() + minutes * 60_000);
  return page(c, typed, { _form: tooOftenNote(PROPOSAL_IP_WINDOW.max, minutes, retryAt) });
});

/** A script filled the hidden field: counted against the address, refused without saying why. */
export function caughtByHoneypot<E extends JurisdictionEnv>(c: Context<E>, website: string | undefined, page: FormPageOf<E>, typed: Record<string, unknown>) {
  if (!website || website.trim() === '') return null;
  countSubmission(c);
  return refused(c, refuse('提交未被接受，请检查后重新提交。'), page, typed);
}

const personalForm = personalMatterSchema.extend({
  year: z.coerce.number().int().catch(0),
  website: z.string().optional(),
});

/** The personal path (个人事项): open whenever the jurisdiction has a cycle, since a matter is answered at once. */
function personalPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const { cycle, state } = collectionFor(db, j.id, chinaDateOf(c.var.now()));
  if (!cycle) return c.render(<CollectionClosedPage town={town(j)} state={state} />, { title: formTitle(j) });
  return c.render(
    <PersonalMatterPage town={town(j)} year={cycle.year} choices={formChoices(c, j, PUBLIC_SOURCES)} values={{ ...values, website: '' }} errors={errors} />,
    { title: `${j.name}个人事项反映` },
  );
}

/** /p/:code/propose — the public form: no login, a rate limit per address, a honeypot for scripts. */
export const propose = new Hono<JurisdictionEnv>()
  .get('/', (c) => proposePage(c))
  .post('/',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) }),
    tooOftenAgain(withoutHoneypot),
    validForm(publicForm, withoutHoneypot),
    async (c) => {
      const { db, jurisdiction: j } = c.var;
      const now = c.var.now();
      const { year, website, ...input } = c.req.valid('form');
      // Put back what was typed ("15万", not 150000).
      const typed = await c.req.parseBody();
      const trap = caughtByHoneypot(c, website, withoutHoneypot, typed);
      if (trap) return trap;
      const cycle = getCycle(db, j.id, year);
      const state = collectionState(cycle, chinaDateOf(now));
      if (!cycle || state.kind !== 'open') {
        c.status(422);
        return c.render(
          <CollectionClosedPage town={town(j)} year={cycle?.year} state={state} note="提交未成功：现在不在项目征集时间内。" kept={formValues(typed)} />,
          { title: formTitle(j) },
        );
      }
      const r = submitProposal(db, actorOf(c), { cycle, jurisdiction: j }, input, { entryChannel: 'online', submittedBy: null }, now);
      if (!r.ok) return refused(c, r, proposePage, typed);
      countSubmission(c);
      return c.redirect(`/receipt/${r.value.receipt}`, 303);
    })
  .get('/personal', (c) => personalPage(c))
  .post('/personal',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) }),
    tooOftenAgain(personalPage),
    validForm(personalForm, personalPage),
    async (c) => {
      const { db, jurisdiction: j } = c.var;
      const now = c.var.now();
      const { year: _year, website, ...input } = c.req.valid('form');
      const typed = await c.req.parseBody();
      const trap = caughtByHoneypot(c, website, personalPage, typed);
      if (trap) return trap;
      const { cycle } = collectionFor(db, j.id, chinaDateOf(now));
      if (!cycle) return refused(c, refuse('本辖区还没有年度工作，暂不能提交'), personalPage, typed);
      const r = submitProposal(db, actorOf(c), { cycle, jurisdiction: j }, personalAsProposal(input),
        { entryChannel: 'online', submittedBy: null, personalMatter: input.matter }, now);
      if (!r.ok) return refused(c, r, personalPage, typed);
      countSubmission(c);
      return c.redirect(`/receipt/${r.value.receipt}`, 303);
    })
  // Year-round intake: outside the window a proposal is kept in the reserve pool (项目储备库), with its receipt.
  .get('/reserve', (c) => reservePage(c))
  .post('/reserve',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) }),
    tooOftenAgain(reserveWithoutHoneypot),
    validForm(publicForm, reserveWithoutHoneypot),
    async (c) => {
      const { db, jurisdiction: j } = c.var;
      const now = c.var.now();
      const { year: _year, website, ...input } = c.req.valid('form');
      const typed = await c.req.parseBody();
      const trap = caughtByHoneypot(c, website, reserveWithoutHoneypot, typed);
      if (trap) return trap;
      // The cycle is the one served today, whatever year the page was opened for: the pool is the jurisdiction's.
      const { cycle, state } = collectionFor(db, j.id, chinaDateOf(now));
      if (state.kind === 'open') return c.redirect(`/p/${j.code}/propose`, 303);
      const poolReason = poolReasonFor(state);
      if (!cycle || !poolReason) return refused(c, refuse('本辖区还没有年度工作，暂不能提交'), reserveWithoutHoneypot, typed);
      const r = submitProposal(db, actorOf(c), { cycle, jurisdiction: j }, input, { entryChannel: 'online', submittedBy: null, poolReason }, now);
      if (!r.ok) return refused(c, r, reserveWithoutHoneypot, typed);
      countSubmission(c);
      return c.redirect(`/receipt/${r.value.receipt}`, 303);
    });
