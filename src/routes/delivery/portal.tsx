import { Hono } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { SATISFACTION_RATINGS } from '../../domain/vocabulary';
import { MidtermBody } from '../../../views/delivery/MidtermPage';
import {
  BoardPage, FeedbackFormPage, FeedbackThanksPage, PublicProjectPage, PublicProjectsPage, SignPage,
} from '../../../views/delivery/PublicPages';
import { notFound } from '../../auth/authorize';
import { assessCycle, type AssessedProject } from '../../data/delivery';
import { feedbackOf, submitFeedback } from '../../data/feedback';
import { getRatingWindow } from '../../data/feedbackWindow';
import { descendantIds } from '../../data/jurisdictions';
import { getMidterm, type MidtermSnapshot } from '../../data/midterm';
import { readPhotoFile, uploadsDirFor } from '../../data/photoFiles';
import { getPhoto } from '../../data/progress';
import { getProject, originalPlan, planAdjustmentsOf } from '../../data/projects';
import { getSettings } from '../../data/settings';
import { getStationByShortCode } from '../../data/stations';
import { ratingWindowState, type RatingWindowState } from '../../domain/feedbackWindow';
import { visitsOf } from '../../data/supervision';
import type { AppEnv, Limiters } from '../../env';
import { FailureLimiter } from '../../http/limiter';
import { fieldErrors, trimmed, type FormValues } from '../../http/validate';
import { cycleParam, today, type C } from './context';

const B = '/p/:code/:year{[0-9]{4}}/projects';

function assessed(c: C) {
  const { j, cycle } = cycleParam(c);
  const db = c.get('db');
  return { j, cycle, items: assessCycle(db, cycle, today(c), getSettings(db, j.id)) };
}

function projectOf(c: C): ReturnType<typeof assessed> & { a: AssessedProject } {
  const x = assessed(c);
  const a = x.items.find((i) => i.project.id === Number(c.req.param('id')));
  if (!a) notFound();
  return { ...x, a };
}

/** The address residents reach this server by (the hall's or the office's), for QR codes and printed sheets. */
function origin(c: C): string {
  return new URL(c.req.url).origin;
}

// 码上评 is open to anyone: 5 submissions per address per 10 minutes keeps a script from flooding the clerk's queue.
const FEEDBACK_WINDOW = { max: 5, windowMs: 10 * 60 * 1000 };
const feedbackLimiters = new WeakMap<Limiters, FailureLimiter>();
function feedbackLimiter(c: C): FailureLimiter {
  const limits = c.get('limits');
  let l = feedbackLimiters.get(limits);
  if (!l) feedbackLimiters.set(limits, (l = new FailureLimiter(FEEDBACK_WINDOW)));
  return l;
}

const feedbackForm = z.object({
  rating: z.union([z.enum(SATISFACTION_RATINGS), z.literal('')], { error: '请从选项中选择' }).optional(),
  text: trimmed(1000),
  website: z.string().optional(), // the honeypot: people never see it, scripts fill it in
});

/** Whether residents may rate this cycle's projects today (码上评); suggestions are taken whatever it says. */
function ratingState(c: C, cycleId: number): RatingWindowState {
  return ratingWindowState(getRatingWindow(c.get('db'), cycleId), today(c));
}

function feedbackPage(c: C, values?: FormValues, errors?: Record<string, string>) {
  const { j, cycle, a } = projectOf(c);
  return c.render(<FeedbackFormPage j={j} cycle={cycle} a={a} rating={ratingState(c, cycle.id)} values={values} errors={errors} />,
    { title: `评价与建议 · ${a.project.title}` });
}

export const portalRoutes = new Hono<AppEnv>()
  .get(B, (c) => {
    const { j, cycle, items } = assessed(c);
    return c.render(<PublicProjectsPage j={j} cycle={cycle} items={items} midtermPublished={!!getMidterm(c.get('db'), cycle.id)?.publishedAt} today={today(c)} />,
      { title: `${j.name} ${cycle.year} 年度民生实事项目` });
  })
  .get(`${B}/:id{[0-9]+}`, (c) => {
    const { j, cycle, a } = projectOf(c);
    const db = c.get('db');
    return c.render(
      <PublicProjectPage j={j} cycle={cycle} a={a} original={originalPlan(db, a.project.candidateId)} adjustments={planAdjustmentsOf(db, a.project.id)}
        visits={visitsOf(db, [a.project.id]).filter((v) => v.publishedAt)} feedback={feedbackOf(db, [a.project.id], ['published'])} today={today(c)}
        rating={ratingState(c, cycle.id)} />,
      { title: a.project.title },
    );
  })
  .get(`${B}/:id{[0-9]+}/sign`, (c) => {
    const { j, cycle, a } = projectOf(c);
    const base = `/p/${j.code}/${cycle.year}/projects/${a.project.id}`;
    return c.render(<SignPage j={j} cycle={cycle} a={a} qrHref={`${base}/qr.svg`} feedbackUrl={`${origin(c)}${base}/feedback`} />,
      { title: `公示牌 · ${a.project.title}` });
  })
  .get(`${B}/:id{[0-9]+}/qr.svg`, async (c) => {
    const { j, cycle, a } = projectOf(c);
    const svg = await QRCode.toString(`${origin(c)}/p/${j.code}/${cycle.year}/projects/${a.project.id}/feedback`, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(svg);
  })
  .get(`${B}/:id{[0-9]+}/feedback`, (c) => feedbackPage(c))
  .post(`${B}/:id{[0-9]+}/feedback`, async (c) => {
    const { j, cycle, a } = projectOf(c);
    const limiter = feedbackLimiter(c);
    const key = c.get('clientIp');
    const nowMs = c.get('now')().getTime();
    const parsed = feedbackForm.safeParse(await c.req.parseBody());
    const values: FormValues = parsed.success ? { rating: parsed.data.rating ?? '', text: parsed.data.text } : {};
    const wait = limiter.retryAfterMs(key, nowMs);
    if (wait > 0) {
      c.status(429);
      return feedbackPage(c, values, { _form: `提交过于频繁，请 ${Math.ceil(wait / 60000)} 分钟后再试。您填写的内容还在下面。` });
    }
    if (!parsed.success) {
      c.status(422);
      return feedbackPage(c, values, fieldErrors(parsed.error));
    }
    const thanks = `/p/${j.code}/${cycle.year}/projects/${a.project.id}/feedback/thanks`;
    limiter.fail(key, nowMs); // every submission counts toward the window, accepted or not
    if (parsed.data.website) return c.redirect(thanks, 303); // a bot: it is told nothing, and nothing is stored
    const open = ratingState(c, cycle.id).kind === 'open';
    if (parsed.data.rating && !open) {
      c.status(422);
      return feedbackPage(c, values, { rating: '现在不在群众满意度评价时间内，不能评价满意程度。您的意见和建议仍可提交，请点“提交”。' });
    }
    if (!parsed.data.rating && !parsed.data.text) {
      c.status(422);
      return open ? feedbackPage(c, values, { rating: '请选择满意程度，或填写意见和建议' }) : feedbackPage(c, values, { text: '请填写意见和建议' });
    }
    submitFeedback(c.get('db'), a.project.id, parsed.data.rating || null, parsed.data.text, c.get('now')());
    return c.redirect(thanks, 303);
  })
  .get(`${B}/:id{[0-9]+}/feedback/thanks`, (c) => {
    const { j, cycle, a } = projectOf(c);
    return c.render(<FeedbackThanksPage j={j} cycle={cycle} projectId={a.project.id} title={a.project.title} />, { title: '感谢您的评价' });
  })
  .get(`${B}/photos/:pid{[0-9]+}`, (c) => {
    const { cycle } = cycleParam(c);
    const db = c.get('db');
    const photo = getPhoto(db, Number(c.req.param('pid')));
    if (!photo || !getProject(db, cycle.id, photo.projectId)) notFound();
    const bytes = readPhotoFile(c.get('uploadsDir') ?? uploadsDirFor(db), photo.fileName);
    if (!bytes) notFound();
    c.header('Content-Type', photo.mime);
    c.header('Cache-Control', 'public, max-age=86400'); // stored names are random and never reused
    return c.body(new Uint8Array(bytes));
  })
  .get(`${B}/board/:station`, (c) => {
    const { j, cycle, items } = assessed(c);
    const db = c.get('db');
    const station = getStationByShortCode(db, c.req.param('station'));
    if (!station || !station.active || !descendantIds(db, j.id).includes(station.jurisdictionId)) notFound();
    return c.render(<BoardPage j={j} cycle={cycle} station={station} items={items} today={today(c)} siteUrl={`${origin(c)}/p/${j.code}/${cycle.year}/projects`} />,
      { title: `公示栏 · ${station.name}` });
  })
  .get(`${B}/midterm`, (c) => {
    const { j, cycle } = cycleParam(c);
    const report = getMidterm(c.get('db'), cycle.id);
    if (!report?.publishedAt || !report.snapshot) notFound();
    const title = `${j.name}${cycle.year}年度民生实事项目实施情况期中报告`;
    return c.render(
      <section><h1>{title}</h1><MidtermBody title={title} summary={report.summary} snapshot={JSON.parse(report.snapshot) as MidtermSnapshot} publishedAt={report.publishedAt} printTitle={false} /></section>,
      { title },
    );
  });

