import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { CollectionClosedPage, ProposePage, TooManyPage } from '../../views/proposals/ProposePages';
import type { FormChoices } from '../../views/proposals/ProposalFields';
import { actorOf, can, jurisdictionParam, notFound } from '../auth/authorize';
import { collectionFor } from '../data/collection';
import { getCycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import { placesOf, stationsFor, submitProposal } from '../data/proposals';
import { collectionState } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import { coordinatesPaired, proposalShape } from '../domain/proposalInput';
import { PUBLIC_SOURCES, wholeAreaLabel } from '../domain/proposalLabels';
import type { AppEnv } from '../env';
import { errorResponse } from '../http/errors';
import { countSubmission, limitSubmissions } from '../http/submissionLimit';
import { PROPOSAL_IP_WINDOW } from '../http/limiter';
import { formValues, validForm, type FieldErrors, type FormValues } from '../http/validate';

const publicForm = z.object({
  ...proposalShape({ sources: PUBLIC_SOURCES, phoneRequired: true }),
  year: z.coerce.number().int().catch(0), // hidden; a tampered year finds no open cycle
  website: z.string().optional(), // the honeypot
}).superRefine(coordinatesPaired);

/** A jurisdiction that runs its own cycle and takes proposals from the public. */
export function publicTown(c: Context<AppEnv>): Jurisdiction {
  const j = jurisdictionParam(c);
  if (!j.active || (j.kind !== 'township' && j.kind !== 'subdistrict')) notFound();
  return j;
}

export function formChoices(c: Context<AppEnv>, j: Jurisdiction, sources: FormChoices['sources']): FormChoices {
  const db = c.get('db');
  return {
    places: placesOf(db, j.id),
    wholeArea: wholeAreaLabel(j.kind),
    stations: stationsFor(db, j.id).map((s) => ({ shortCode: s.shortCode, name: s.name })),
    sources,
  };
}

// The longest honest form (2,000 four-byte characters and the rest) is far below this.
export const FORM_MAX_BYTES = 64 * 1024;

const town = (j: Jurisdiction) => ({ code: j.code, name: j.name, kind: j.kind });

/** The form, or (outside the window) when collection opens or closed. */
function proposePage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = publicTown(c);
  const { cycle, state } = collectionFor(c.get('db'), j.id, chinaDateOf(c.get('now')()));
  const title = `${j.name}民生实事项目建议`;
  if (!cycle || state.kind !== 'open') return c.render(<CollectionClosedPage town={town(j)} year={cycle?.year} state={state} />, { title });
  const choices = formChoices(c, j, PUBLIC_SOURCES);
  let v = values;
  if (!v) {
    // Arriving from a station's QR code: that station, and its village if it sits in one.
    const code = (c.req.query('station') ?? '').toLowerCase();
    const st = stationsFor(c.get('db'), j.id).find((s) => s.shortCode === code);
    const place = st && choices.places.some((p) => p.id === st.jurisdictionId) ? String(st.jurisdictionId) : undefined;
    v = { source: 'public', crossYear: 'no', station: st?.shortCode, place };
  }
  const stationName = choices.stations.find((s) => s.shortCode === v.station)?.name;
  return c.render(
    <ProposePage town={town(j)} year={cycle.year} state={state} choices={choices} values={v} errors={errors} stationName={stationName}
      staffHref={can(c, 'proposal.submitOnBehalf', j.id) ? `/j/${j.code}/cycles/${cycle.year}/proposals/new` : undefined} />,
    { title },
  );
}

export const propose = new Hono<AppEnv>()
  .get('/p/:code/propose', (c) => proposePage(c))
  .post('/p/:code/propose',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c as Context<AppEnv>, 413) }),
    limitSubmissions((c, minutes) => {
      const j = publicTown(c);
      return c.render(<TooManyPage town={town(j)} minutes={minutes} max={PROPOSAL_IP_WINDOW.max} />, { title: '提交过于频繁' });
    }),
    validForm(publicForm, (c, values, errors) => proposePage(c, { ...values, website: '' }, errors)),
    async (c) => {
      const j = publicTown(c);
      const typed = formValues(await c.req.parseBody());
      const db = c.get('db');
      const now = c.get('now')();
      const { year, website, ...input } = c.req.valid('form');
      if (website && website.trim() !== '') {
        countSubmission(c);
        c.status(422);
        return proposePage(c, { ...typed, website: '' }, { _form: '提交未被接受，请检查后重新提交。' });
      }
      const cycle = getCycle(db, j.id, year);
      const state = collectionState(cycle, chinaDateOf(now));
      if (!cycle || state.kind !== 'open') {
        c.status(422);
        return c.render(
          <CollectionClosedPage town={town(j)} year={cycle?.year} state={state} note="提交未成功：现在不在项目征集时间内。" />,
          { title: `${j.name}民生实事项目建议` },
        );
      }
      const result = submitProposal(db, actorOf(c), { cycle, jurisdiction: j }, input, { entryChannel: 'online', submittedBy: null }, now);
      if (!result.ok) {
        c.status(422);
        return proposePage(c, typed, { [result.field]: result.error });
      }
      countSubmission(c);
      return c.redirect(`/receipt/${result.value.receipt}`, 303);
    });

