import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { dashboardRoutes } from './delivery/dashboard';
import { evaluationRoutes } from './delivery/evaluation';
import { feedbackRoutes } from './delivery/feedback';
import { midtermRoutes } from './delivery/midterm';
import { portalRoutes } from './delivery/portal';
import { projectRoutes } from './delivery/projects';
import { reportRoutes } from './delivery/reports';
import { supervisionRoutes } from './delivery/supervision';

/** Delivery supervision (DOMAIN §3.5): 月跟踪、季监督、期中报告、年底评议, dashboards and the public progress pages. */
export const delivery = new Hono<AppEnv>()
  .route('/', projectRoutes)
  .route('/', reportRoutes)
  .route('/', supervisionRoutes)
  .route('/', midtermRoutes)
  .route('/', dashboardRoutes)
  .route('/', feedbackRoutes)
  .route('/', evaluationRoutes)
  .route('/', portalRoutes);
