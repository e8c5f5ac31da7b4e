import { Hono } from 'hono';
import { EvaluationPage } from '../../../views/delivery/EvaluationPage';
import { allow } from '../../auth/authorize';
import { evaluationPollOfCycle } from '../../data/evaluationPolls';
import { getRatingWindow } from '../../data/feedbackWindow';
import { getSettings } from '../../data/settings';
import { ratingWindowState } from '../../domain/feedbackWindow';
import type { CycleEnv } from '../../http/subjects/jurisdiction';
import { assessed, deliveryTabs, today } from './shared';

/** /j/:code/cycles/:year/evaluation — the year-end evaluation (年底评议): representatives' and residents' satisfaction. */
export const evaluation = new Hono<CycleEnv>()
  .get('/', allow('delivery.view'), (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    return c.render(
      <EvaluationPage j={j} cycle={cycle} tabs={deliveryTabs(c)} items={assessed(c)} thresholdPct={getSettings(db, j.id).satisfactionThreshold}
        poll={evaluationPollOfCycle(db, cycle.id)} rating={ratingWindowState(getRatingWindow(db, cycle.id), today(c))} />,
      { title: `${j.name} ${cycle.year} 年度年底评议` },
    );
  });
