import { Hono } from 'hono';
import { z } from 'zod';
import { FeedbackPage } from '../../../views/delivery/FeedbackPage';
import { actorOf, authorize, can, notFound } from '../../auth/authorize';
import { feedbackOf, getFeedback, moderateFeedback } from '../../data/feedback';
import { getRatingWindow, setRatingWindow } from '../../data/feedbackWindow';
import { ratingWindowState } from '../../domain/feedbackWindow';
import { getProject, projectsOfCycle } from '../../data/projects';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, cycleParam, deliveryTabs, today, type C } from './context';

const F = '/j/:code/cycles/:year{[0-9]{4}}/feedback';

function moderate(state: 'published' | 'hidden') {
  return async (c: C) => {
    const { j, cycle } = cycleParam(c);
    const me = authorize(c, 'feedback.moderate', j.id);
    const db = c.get('db');
    const f = getFeedback(db, Number(c.req.param('fid')));
    if (!f || !getProject(db, cycle.id, f.projectId)) notFound();
    moderateFeedback(db, { ...actorOf(c), id: me.id }, f, j.id, state, c.get('now')());
    flash(c, state === 'published' ? '留言已公开' : '留言已设为不公开');
    const back = String((await c.req.parseBody()).back ?? '');
    // Only back to a page of this cycle: never an open redirect.
    return c.redirect(back.startsWith(`${cycleBase(j, cycle)}/`) ? back : `${cycleBase(j, cycle)}/feedback`, 303);
  };
}

const windowForm = z.object({
  opens: z.string().trim().min(1, '请填写开始日期'),
  closes: z.string().trim().min(1, '请填写截止日期'),
});

function feedbackPage(c: C, windowValues?: FormValues, windowErrors?: FieldErrors) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'feedback.view', j.id);
  const db = c.get('db');
  const projects = projectsOfCycle(db, cycle.id);
  const title = new Map(projects.map((p) => [p.id, p.title]));
  const items = feedbackOf(db, projects.map((p) => p.id)).map((f) => ({ ...f, projectTitle: title.get(f.projectId) ?? '' }));
  const w = getRatingWindow(db, cycle.id);
  return c.render(
    <FeedbackPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} items={items} canModerate={can(c, 'feedback.moderate', j.id)}
      rating={ratingWindowState(w, today(c))} windowValues={windowValues ?? { opens: w?.opens ?? '', closes: w?.closes ?? '' }} windowErrors={windowErrors} />,
    { title: `${j.name} ${cycle.year} 年度群众反馈` },
  );
}

export const feedbackRoutes = new Hono<AppEnv>()
  .get(F, (c) => feedbackPage(c))
  // The residents' rating window is the clerk's, like moderation: both decide what counts as residents' satisfaction.
  .post(`${F}/window`,
    validForm(windowForm, (c, values, errors) => {
      authorize(c, 'feedback.moderate', cycleParam(c).j.id);
      return feedbackPage(c, values, errors);
    }),
    (c) => {
      const { j, cycle } = cycleParam(c);
      const me = authorize(c, 'feedback.moderate', j.id);
      const { opens, closes } = c.req.valid('form');
      const result = setRatingWindow(c.get('db'), { ...actorOf(c), id: me.id }, cycle, opens, closes, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return feedbackPage(c, { opens, closes }, { [result.field]: result.error });
      }
      flash(c, `群众满意度评价时间已设为 ${opens} 至 ${closes}`);
      return c.redirect(`${cycleBase(j, cycle)}/feedback`, 303);
    })
  .post(`${F}/:fid{[0-9]+}/publish`, moderate('published'))
  .post(`${F}/:fid{[0-9]+}/hide`, moderate('hidden'));
