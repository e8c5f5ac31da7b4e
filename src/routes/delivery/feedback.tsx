import { Hono } from 'hono';
import { FeedbackPage } from '../../../views/delivery/FeedbackPage';
import { actorOf, authorize, can, notFound } from '../../auth/authorize';
import { feedbackOf, getFeedback, moderateFeedback } from '../../data/feedback';
import { getProject, projectsOfCycle } from '../../data/projects';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { cycleBase, cycleParam, deliveryTabs, type C } from './context';

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

export const feedbackRoutes = new Hono<AppEnv>()
  .get(F, (c) => {
    const { j, cycle } = cycleParam(c);
    authorize(c, 'feedback.view', j.id);
    const db = c.get('db');
    const projects = projectsOfCycle(db, cycle.id);
    const title = new Map(projects.map((p) => [p.id, p.title]));
    const items = feedbackOf(db, projects.map((p) => p.id)).map((f) => ({ ...f, projectTitle: title.get(f.projectId) ?? '' }));
    return c.render(<FeedbackPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} items={items} canModerate={can(c, 'feedback.moderate', j.id)} />,
      { title: `${j.name} ${cycle.year} 年度群众反馈` });
  })
  .post(`${F}/:fid{[0-9]+}/publish`, moderate('published'))
  .post(`${F}/:fid{[0-9]+}/hide`, moderate('hidden'));
