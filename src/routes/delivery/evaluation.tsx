import { Hono } from 'hono';
import { EvaluationPage } from '../../../views/delivery/EvaluationPage';
import { authorize } from '../../auth/authorize';
import { assessCycle } from '../../data/delivery';
import { getRatingWindow } from '../../data/feedbackWindow';
import { ratingWindowState } from '../../domain/feedbackWindow';
import { evaluationPollOfCycle } from '../../data/evaluationPolls';
import { getSettings } from '../../data/settings';
import type { AppEnv } from '../../env';
import { cycleParam, deliveryTabs, today } from './context';

export const evaluationRoutes = new Hono<AppEnv>()
  .get('/j/:code/cycles/:year{[0-9]{4}}/evaluation', (c) => {
    const { j, cycle } = cycleParam(c);
    authorize(c, 'delivery.view', j.id);
    const db = c.get('db');
    const settings = getSettings(db, j.id);
    return c.render(<EvaluationPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} items={assessCycle(db, cycle, today(c), settings)} thresholdPct={settings.satisfactionThreshold}
      poll={evaluationPollOfCycle(db, cycle.id)} rating={ratingWindowState(getRatingWindow(db, cycle.id), today(c))} />,
      { title: `${j.name} ${cycle.year} 年度年底评议` });
  });
