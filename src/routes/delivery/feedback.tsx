import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { FeedbackPage } from '../../../views/delivery/FeedbackPage';
import { allow, can, userActor } from '../../auth/authorize';
import { feedbackOf, moderateFeedback } from '../../data/feedback';
import { getRatingWindow, setRatingWindow } from '../../data/feedbackWindow';
import { projectsOfCycle } from '../../data/projects';
import { ratingWindowState } from '../../domain/feedbackWindow';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { FeedbackEnv } from '../../http/subjects/delivery';
import type { CycleEnv } from '../../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, deliveryTabs, today } from './shared';

/** Every message about the year's projects, moderated or not, and the residents' rating window (its form keeps what was typed). */
function feedbackPage<E extends CycleEnv>(c: Context<E>, windowValues?: FormValues, windowErrors?: FieldErrors) {
  const { db, jurisdiction: j, cycle } = c.var;
  const projects = projectsOfCycle(db, cycle.id);
  const title = new Map(projects.map((p) => [p.id, p.title]));
  const items = feedbackOf(db, projects.map((p) => p.id)).map((f) => ({ ...f, projectTitle: title.get(f.projectId) ?? '' }));
  const w = getRatingWindow(db, cycle.id);
  return c.render(
    <FeedbackPage j={j} cycle={cycle} tabs={deliveryTabs(c)} items={items} canModerate={can(c, 'feedback.moderate', j.id)}
      rating={ratingWindowState(w, today(c))} windowValues={windowValues ?? { opens: w?.opens ?? '', closes: w?.closes ?? '' }} windowErrors={windowErrors} />,
    { title: `${j.name} ${cycle.year} 年度群众反馈` },
  );
}

const windowForm = z.object({
  opens: z.string().trim().min(1, '请填写开始日期'),
  closes: z.string().trim().min(1, '请填写截止日期'),
});

/** Where to go after moderating: the page the clerk came from (a project's page), or the feedback list. */
const backForm = z.object({ back: z.string().max(500).default('') });

function moderate(c: Context<FeedbackEnv>, state: 'published' | 'hidden', back: string) {
  moderateFeedback(c.var.db, userActor(c), c.var.feedback, c.var.jurisdiction.id, state, c.var.now());
  const base = cycleBase(c);
  // Only back to a page of this cycle: never an open redirect.
  return redirectWithFlash(c, back.startsWith(`${base}/`) ? back : `${base}/feedback`, state === 'published' ? '留言已公开' : '留言已设为不公开');
}

/** /j/:code/cycles/:year/feedback — residents' messages (码上评/码上提) and the rating window. */
export const feedback = new Hono<CycleEnv>()
  .get('/', allow('feedback.view'), (c) => feedbackPage(c))
  // The residents' rating window is the clerk's, like moderation: both decide what counts as residents' satisfaction.
  .post('/window', allow('feedback.moderate'), validForm(windowForm, feedbackPage), (c) => {
    const input = c.req.valid('form');
    const r = setRatingWindow(c.var.db, userActor(c), c.var.cycle, input.opens, input.closes, c.var.now());
    if (!r.ok) return refused(c, r, feedbackPage, input);
    return redirectWithFlash(c, `${cycleBase(c)}/feedback`, `群众满意度评价时间已设为 ${input.opens} 至 ${input.closes}`);
  });

/** /j/:code/cycles/:year/feedback/:feedbackId — publishing or hiding one message. */
export const feedbackItem = new Hono<FeedbackEnv>()
  .post('/publish', allow('feedback.moderate'), validForm(backForm, feedbackPage), (c) => moderate(c, 'published', c.req.valid('form').back))
  .post('/hide', allow('feedback.moderate'), validForm(backForm, feedbackPage), (c) => moderate(c, 'hidden', c.req.valid('form').back));
