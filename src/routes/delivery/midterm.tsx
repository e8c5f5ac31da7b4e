import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { MidtermPage } from '../../../views/delivery/MidtermPage';
import { allow, can, userActor } from '../../auth/authorize';
import { getMidterm, midtermSnapshot, publishMidterm, saveMidtermSummary } from '../../data/midterm';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { CycleEnv } from '../../http/subjects/jurisdiction';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, deliveryTabs, today } from './shared';

function midtermPage(c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle } = c.var;
  const report = getMidterm(db, cycle.id);
  return c.render(
    <MidtermPage j={j} cycle={cycle} tabs={deliveryTabs(c)} report={report} snapshot={midtermSnapshot(db, cycle, report, today(c))}
      canManage={can(c, 'delivery.manage', j.id)} values={values} errors={errors} />,
    { title: `${j.name} ${cycle.year} 年度期中报告` },
  );
}

const summaryForm = z.object({ summary: trimmed(10000, '请填写报告概述') });

/** /j/:code/cycles/:year/midterm — the mid-term report (期中报告): drafted, then published with its figures frozen. */
export const midterm = new Hono<CycleEnv>()
  .get('/', allow('delivery.view'), (c) => midtermPage(c))
  .post('/', allow('delivery.manage'), validForm(summaryForm, midtermPage), (c) => {
    const input = c.req.valid('form');
    const r = saveMidtermSummary(c.var.db, userActor(c), c.var.cycle, input.summary, c.var.now());
    if (!r.ok) return refused(c, r, midtermPage, input);
    return redirectWithFlash(c, `${cycleBase(c)}/midterm`, '期中报告概述已保存');
  })
  .post('/publish', allow('delivery.manage'), (c) => {
    const r = publishMidterm(c.var.db, userActor(c), c.var.cycle, c.var.now());
    if (!r.ok) return refused(c, r, midtermPage);
    return redirectWithFlash(c, `${cycleBase(c)}/midterm`, '期中报告已发布');
  });
