import { Hono } from 'hono';
import type { CycleEnv } from '../http/subjects/jurisdiction';
import { dashboard, districtDelivery } from './delivery/dashboard';
import { evaluation } from './delivery/evaluation';
import { feedback, feedbackItem } from './delivery/feedback';
import { amendments, implementation } from './delivery/implementation';
import { midterm } from './delivery/midterm';
import { portal, publicProject } from './delivery/portal';
import { project, projectList } from './delivery/projects';
import { photoOriginals } from './delivery/photos';
import { reports } from './delivery/reports';
import { group, rectification, supervision, visit, visits } from './delivery/supervision';

export { districtDelivery };

const PROJECT = '/projects/:projectId{[0-9]+}';

/**
 * Delivery supervision (DOMAIN §3.5) under /j/:code/cycles/:year: 月跟踪、季监督、期中报告、年底评议 and the year's
 * dashboard. The subjects (project, group, visit, rectification, feedback, report month) are set in src/app.ts.
 */
export const delivery = new Hono<CycleEnv>()
  .route('/projects', projectList)
  .route(PROJECT, project)
  .route(`${PROJECT}/reports`, reports)
  .route('/photos', photoOriginals)
  .route(`${PROJECT}/implementation`, implementation)
  .route(`${PROJECT}/amendments`, amendments)
  .route(`${PROJECT}/visits`, visits)
  .route(`${PROJECT}/visits/:visitId{[0-9]+}`, visit)
  .route(`${PROJECT}/rectifications/:rectificationId{[0-9]+}`, rectification)
  .route('/supervision', supervision)
  .route('/supervision/groups/:groupId{[0-9]+}', group)
  .route('/midterm', midterm)
  .route('/dashboard', dashboard)
  .route('/feedback', feedback)
  .route('/feedback/:feedbackId{[0-9]+}', feedbackItem)
  .route('/evaluation', evaluation);

/** The public progress pages under /p/:code/:year/projects: no login, a project's page, sign and feedback form. */
export const deliveryPortal = new Hono<CycleEnv>()
  .route('/', portal)
  .route('/:projectId{[0-9]+}', publicProject);
