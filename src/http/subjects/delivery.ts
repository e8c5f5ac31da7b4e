import { createMiddleware } from 'hono/factory';
import { getFeedbackIn, type Feedback } from '../../data/feedback';
import { getProject, type Project } from '../../data/projects';
import { getGroup, getRectification, getVisit, type Rectification, type SupervisionGroup, type Visit } from '../../data/supervision';
import { isMonth, type Month } from '../../domain/schedule';
import { notFoundWhen, subject, idParam, notFound, type CycleEnv, type JurisdictionEnv } from './jurisdiction';

/** A request under …/cycles/:year/projects/:projectId: the project, of that cycle only. */
export type ProjectEnv = CycleEnv & { Variables: { project: Project } };
/** …/projects/:projectId/reports/:month: a calendar month (YYYY-MM) of that project's reporting. */
export type ReportEnv = ProjectEnv & { Variables: { month: Month } };
/** …/supervision/groups/:groupId: a supervision group of the cycle. */
export type GroupEnv = CycleEnv & { Variables: { group: SupervisionGroup } };
/** …/projects/:projectId/visits/:visitId: a quarterly visit to that project. */
export type VisitEnv = ProjectEnv & { Variables: { visit: Visit } };
/** …/projects/:projectId/rectifications/:rectificationId: a demand made of that project. */
export type RectificationEnv = ProjectEnv & { Variables: { rectification: Rectification } };
/** …/feedback/:feedbackId: a resident's message about one of the cycle's projects. */
export type FeedbackEnv = CycleEnv & { Variables: { feedback: Feedback } };

// Each subject reads its row through its parent: an id from another town or another year is a 404, never a 403.

export const projectSubject = subject<ProjectEnv, 'project'>('project', (c) => getProject(c.get('db'), c.get('cycle').id, idParam(c.req.param('projectId'))));

export const reportMonthSubject = createMiddleware<ReportEnv>(async (c, next) => {
  const month = c.req.param('month') ?? '';
  if (!isMonth(month)) notFound();
  c.set('month', month);
  await next();
});

export const groupSubject = subject<GroupEnv, 'group'>('group', (c) => getGroup(c.get('db'), c.get('cycle').id, idParam(c.req.param('groupId'))));

export const visitSubject = subject<VisitEnv, 'visit'>('visit', (c) => getVisit(c.get('db'), c.get('project').id, idParam(c.req.param('visitId'))));

export const rectificationSubject = subject<RectificationEnv, 'rectification'>('rectification', (c) => getRectification(c.get('db'), c.get('project').id, idParam(c.req.param('rectificationId'))));

export const feedbackSubject = subject<FeedbackEnv, 'feedback'>('feedback', (c) => getFeedbackIn(c.get('db'), c.get('cycle').id, idParam(c.req.param('feedbackId'))));

/** The side-by-side dashboard of every township exists only for the district: a township's code is a 404 there. */
export const districtOnly = notFoundWhen<JurisdictionEnv>((c) => c.get('jurisdiction').kind !== 'district');
