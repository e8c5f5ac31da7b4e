import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { MidtermBody } from '../../../views/delivery/MidtermPage';
import {
  BoardPage, FeedbackFormPage, FeedbackThanksPage, PublicProjectPage, PublicProjectsPage, SignPage,
} from '../../../views/delivery/PublicPages';
import { boardStation } from '../../data/delivery';
import { feedbackOf, submitFeedback } from '../../data/feedback';
import { getRatingWindow } from '../../data/feedbackWindow';
import { getMidterm, type MidtermSnapshot } from '../../data/midterm';
import { readPhotoSize, uploadsDirFor } from '../../data/photoFiles';
import type { PhotoSize } from '../../data/photoSizes';
import { getPhotoIn } from '../../data/progress';
import { originalPlan, planAdjustmentsOf } from '../../data/projects';
import { announcementsOf } from '../../data/amendments';
import { implementationPlanOf } from '../../data/implementationPlan';
import { visitsOf } from '../../data/supervision';
import { feedbackTooFrequent, ratingWindowState, type RatingWindowState } from '../../domain/feedbackWindow';
import { SATISFACTION_RATINGS } from '../../domain/vocabulary';
import { FailureLimiter } from '../../http/limiter';
import { publicAddress, publicOrigin, qrSvg } from '../../http/publicUrl';
import { refused } from '../../http/refused';
import type { ProjectEnv } from '../../http/subjects/delivery';
import { idParam, notFound, type CycleEnv } from '../../http/subjects/jurisdiction';
import { fieldErrors, formValues, trimmed, type FieldErrors, type FormValues } from '../../http/validate';
import { assessed, assessedOne, today } from './shared';

type P = Context<ProjectEnv>;

const pub = <E extends CycleEnv>(c: Context<E>) => `/p/${c.var.jurisdiction.code}/${c.var.cycle.year}/projects`;
const projectPath = (c: P) => `${pub(c)}/${c.var.project.id}`;

function feedbackLimiter<E extends CycleEnv>(c: Context<E>): FailureLimiter {
  return c.var.limits.feedback;
}

const feedbackForm = z.object({
  rating: z.union([z.enum(SATISFACTION_RATINGS), z.literal('')], { error: '请从选项中选择' }).optional(),
  text: trimmed(1000),
  website: z.string().optional(), // the honeypot: people never see it, scripts fill it in
});

/** Whether residents may rate this cycle's projects today (码上评); suggestions are taken whatever it says. */
function ratingState<E extends CycleEnv>(c: Context<E>): RatingWindowState {
  return ratingWindowState(getRatingWindow(c.var.db, c.var.cycle.id), today(c));
}

function feedbackPage(c: P, values?: FormValues, errors?: FieldErrors) {
  const { jurisdiction: j, cycle, project } = c.var;
  return c.render(<FeedbackFormPage j={j} cycle={cycle} a={assessedOne(c, project.id)} rating={ratingState(c)} values={values} errors={errors} />,
    { title: `评价与建议 · ${project.title}` });
}

async function photoResponse(c: Context<CycleEnv>, size: PhotoSize) {
  const { db } = c.var;
  const photo = getPhotoIn(db, c.var.cycle.id, idParam(c.req.param('photoId'))) ?? notFound();
  const bytes = await readPhotoSize(c.var.uploadsDir ?? uploadsDirFor(db), photo.fileName, size) ?? notFound();
  c.header('Content-Type', 'image/jpeg');
  c.header('Cache-Control', 'public, max-age=31536000, immutable'); // stored names are random, never reused, never rewritten
  return c.body(new Uint8Array(bytes));
}

/** /p/:code/:year/projects — the year's projects for everyone: progress, the notice-board sheets, photos, the mid-term report. */
export const portal = new Hono<CycleEnv>()
  .get('/', (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    return c.render(<PublicProjectsPage j={j} cycle={cycle} items={assessed(c)} midtermPublished={!!getMidterm(db, cycle.id)?.publishedAt} today={today(c)} />,
      { title: `${j.name} ${cycle.year} 年度民生实事项目` });
  })
  // The public sees the display size (and thumbnails in lists), stripped of metadata; the original is for staff only.
  .get('/photos/:photoId{[0-9]+}', (c) => photoResponse(c, 'display'))
  .get('/photos/:photoId{[0-9]+}/thumb', (c) => photoResponse(c, 'thumb'))
  .get('/board/:station', (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    const station = boardStation(db, j.id, c.req.param('station')) ?? notFound();
    const address = publicAddress(c);
    return c.render(<BoardPage j={j} cycle={cycle} station={station} items={assessed(c)} today={today(c)} siteUrl={`${address.origin}${pub(c)}`} address={address} />,
      { title: `公示栏 · ${station.name}` });
  })
  .get('/midterm', (c) => {
    const { jurisdiction: j, cycle } = c.var;
    const report = getMidterm(c.var.db, cycle.id);
    if (!report?.publishedAt || !report.snapshot) notFound();
    const title = `${j.name}${cycle.year}年度民生实事项目实施情况期中报告`;
    return c.render(
      <section><h1>{title}</h1><MidtermBody title={title} summary={report.summary} snapshot={JSON.parse(report.snapshot) as MidtermSnapshot} publishedAt={report.publishedAt} printTitle={false} /></section>,
      { title },
    );
  });

/** The project's 实施方案 once published; a draft is never shown in public. */
function publishedPlan(c: Context<ProjectEnv>) {
  const plan = implementationPlanOf(c.var.db, c.var.project.id);
  return plan?.publishedAt ? plan : undefined;
}

/** /p/:code/:year/projects/:projectId — one project in public: its page, the site sign with its QR code, and the feedback form. */
export const publicProject = new Hono<ProjectEnv>()
  .get('/', (c) => {
    const { db, jurisdiction: j, cycle, project } = c.var;
    return c.render(
      <PublicProjectPage j={j} cycle={cycle} a={assessedOne(c, project.id)} original={originalPlan(db, project.candidateId)} adjustments={planAdjustmentsOf(db, project.id)}
        visits={visitsOf(db, [project.id]).filter((v) => v.publishedAt)} feedback={feedbackOf(db, [project.id], ['published'])} today={today(c)}
        rating={ratingState(c)} implementation={publishedPlan(c)} announcements={announcementsOf(db, [project.id])} />,
      { title: project.title },
    );
  })
  .get('/sign', (c) => {
    const { jurisdiction: j, cycle, project } = c.var;
    const address = publicAddress(c);
    return c.render(<SignPage j={j} cycle={cycle} a={assessedOne(c, project.id)} qrHref={`${projectPath(c)}/qr.svg`}
      feedbackUrl={`${address.origin}${projectPath(c)}/feedback`} address={address} />,
    { title: `公示牌 · ${project.title}` });
  })
  .get('/qr.svg', async (c) => {
    const svg = await qrSvg(`${publicOrigin(c)}${projectPath(c)}/feedback`);
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(svg);
  })
  .get('/feedback', (c) => feedbackPage(c))
  .post('/feedback', async (c) => {
    const limiter = feedbackLimiter(c);
    const key = c.var.clientIp;
    const nowMs = c.var.now().getTime();
    const parsed = feedbackForm.safeParse(await c.req.parseBody());
    const values = parsed.success ? formValues({ rating: parsed.data.rating ?? '', text: parsed.data.text }) : {};
    const wait = limiter.retryAfterMs(key, nowMs);
    if (wait > 0) {
      c.status(429);
      return feedbackPage(c, values, { _form: feedbackTooFrequent(wait) });
    }
    if (!parsed.success) {
      c.status(422);
      return feedbackPage(c, values, fieldErrors(parsed.error));
    }
    const thanks = `${projectPath(c)}/feedback/thanks`;
    limiter.fail(key, nowMs); // every submission counts toward the window, accepted or not
    if (parsed.data.website) return c.redirect(thanks, 303); // a bot: it is told nothing, and nothing is stored
    const r = submitFeedback(c.var.db, c.var.project, { rating: parsed.data.rating || null, text: parsed.data.text }, c.var.now());
    if (!r.ok) return refused(c, r, feedbackPage, values);
    return c.redirect(thanks, 303);
  })
  .get('/feedback/thanks', (c) => {
    const { jurisdiction: j, cycle, project } = c.var;
    return c.render(<FeedbackThanksPage j={j} cycle={cycle} projectId={project.id} title={project.title} />, { title: '感谢您的评价' });
  });
