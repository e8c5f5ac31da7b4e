import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { OpinionFormPage, OpinionTrackPage, RepMessagePage } from '../../views/opinions/PublicOpinionPages';
import { actorOf } from '../auth/authorize';
import { contactByToken, type ContactTarget } from '../data/repContactCodes';
import { stationsFor } from '../data/proposals';
import { registerOpinion, trackOpinion, type TrackedOpinion } from '../data/stationOpinions';
import { chinaDateOf } from '../domain/chinaDate';
import { OPINION_CATEGORIES } from '../domain/opinionLabels';
import { normalizePhone, PHONE_ERROR } from '../domain/phone';
import { normalizeReceipt } from '../domain/receipt';
import type { AppEnv } from '../env';
import { errorResponse } from '../http/errors';
import { publicAddress, qrSvg } from '../http/publicUrl';
import { refused } from '../http/refused';
import { countSubmission } from '../http/submissionLimit';
import { notFound, notFoundWhen, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';
import { caughtByHoneypot, FORM_MAX_BYTES, tooOftenAgain } from './propose';

/** Opinions are a township's stations' (a subdistrict's go through its deliberation representatives). */
export const townshipOnly = notFoundWhen<JurisdictionEnv>((c) => c.var.jurisdiction.kind !== 'township');

const optionalPhone = z.string().optional().transform((v, ctx) => {
  const s = (v ?? '').trim();
  if (s === '') return '';
  const n = normalizePhone(s);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: PHONE_ERROR });
    return z.NEVER;
  }
  return n;
});

/** What a resident types, whichever way in; the contact is optional and never shown to the public. */
export const opinionShape = {
  title: trimmed(60, '请用一句话写明反映的问题'),
  text: trimmed(2000, '请写明具体情况'),
  place: trimmed(100),
  category: z.enum(OPINION_CATEGORIES, { error: '请选择类别' }),
  contactName: trimmed(30),
  contactPhone: optionalPhone,
};

const stationForm = z.object({ ...opinionShape, station: trimmed(20, '请选择站点'), website: z.string().optional() });
const messageForm = z.object({ ...opinionShape, website: z.string().optional() });

const arrival = z.object({ station: z.string().max(20).optional().catch(undefined) });

type C = Context<JurisdictionEnv>;

function formPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const stations = stationsFor(db, j.id).map((s) => ({ shortCode: s.shortCode, name: s.name }));
  const code = (values?.station ?? arrival.parse(c.req.query()).station ?? '').toLowerCase();
  const fixed = stations.find((s) => s.shortCode === code);
  return c.render(
    <OpinionFormPage town={{ code: j.code, name: j.name }} stations={stations} fixedStation={fixed} values={{ ...values, website: '' }} errors={errors} />,
    { title: `${j.name} · 反映意见` },
  );
}

/** /p/:code/opinions — a resident's opinion from a station's QR code: no login, rate-limited, with a honeypot. */
export const publicOpinions = new Hono<JurisdictionEnv>()
  .get('/new', (c) => formPage(c))
  .post('/new',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) }),
    tooOftenAgain(formPage),
    validForm(stationForm, formPage),
    async (c) => {
      const { website, ...input } = c.req.valid('form');
      const typed = await c.req.parseBody();
      const trap = caughtByHoneypot(c, website, formPage, typed);
      if (trap) return trap;
      const r = registerOpinion(c.var.db, actorOf(c), c.var.jurisdiction, input, { channel: 'resident', recordedBy: null }, c.var.now());
      if (!r.ok) return refused(c, r, formPage, typed);
      countSubmission(c);
      return c.redirect(`/opinion/${r.value.receipt}?sent=1`, 303);
    });

type ContactEnv = JurisdictionEnv & { Variables: { contact: ContactTarget } };

/** The token names the representative; a retired one's card, or a made-up token, is a 404. */
export const contactSubject = createMiddleware<ContactEnv>(async (c, next) => {
  const found = contactByToken(c.var.db, (c.req.param('token') ?? '').toLowerCase());
  if (!found) notFound();
  c.set('contact', found);
  c.set('jurisdiction', found.town);
  await next();
});

function messagePage(c: Context<ContactEnv>, values?: FormValues, errors?: FieldErrors) {
  const { rep, station, town, code } = c.var.contact;
  return c.render(
    <RepMessagePage token={code.token} rep={{ name: rep.name, community: rep.community }} station={station.name} town={town.name}
      values={{ ...values, website: '' }} errors={errors} />,
    { title: `给${rep.name}代表留言` },
  );
}

/** /r/:token — 亮数字身份: the message lands as an opinion on the representative's station, addressed to them. */
export const repMessage = new Hono<ContactEnv>()
  .get('/', (c) => messagePage(c))
  .post('/',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) }),
    tooOftenAgain(messagePage),
    validForm(messageForm, messagePage),
    async (c) => {
      const { website, ...input } = c.req.valid('form');
      const typed = await c.req.parseBody();
      const trap = caughtByHoneypot(c, website, messagePage, typed);
      if (trap) return trap;
      const { rep, station, town } = c.var.contact;
      const r = registerOpinion(c.var.db, actorOf(c), town, { ...input, station: station.shortCode },
        { channel: 'repCode', recordedBy: null, addressedToRepId: rep.id }, c.var.now());
      if (!r.ok) return refused(c, r, messagePage, typed);
      countSubmission(c);
      return c.redirect(`/opinion/${r.value.receipt}?sent=1`, 303);
    });

type TrackedOpinionEnv = AppEnv & { Variables: { trackedOpinion: TrackedOpinion } };

/** The receipt as typed; a non-canonical spelling redirects, an unknown one is the tracking 404 of /track. */
export const trackedOpinionSubject = createMiddleware<TrackedOpinionEnv>(async (c, next) => {
  const typed = c.req.param('receipt') ?? '';
  const receipt = normalizeReceipt(typed);
  if (receipt && receipt !== typed) return c.redirect(`/opinion/${receipt}`, 301);
  const t = receipt ? trackOpinion(c.var.db, receipt) : undefined;
  if (!t) return c.redirect(`/track/${encodeURIComponent(typed.slice(0, 40))}`, 303);
  c.set('trackedOpinion', t);
  await next();
});

/** /opinion/:receipt — what the resident reads: status in plain words, the answer, a QR to come back. */
export const opinionTrack = new Hono<TrackedOpinionEnv>()
  .get('/', async (c) => {
    const t = c.var.trackedOpinion;
    const address = publicAddress(c);
    const trackUrl = `${address.origin}/opinion/${t.receipt}`;
    return c.render(
      <OpinionTrackPage t={t} today={chinaDateOf(c.var.now())} trackUrl={trackUrl} qrSvg={await qrSvg(trackUrl)} address={address} justSent={c.req.query('sent') === '1'} />,
      { title: `回执 ${t.receipt}` },
    );
  });
