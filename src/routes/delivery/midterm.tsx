import { Hono } from 'hono';
import { z } from 'zod';
import { MidtermPage } from '../../../views/delivery/MidtermPage';
import { actorOf, authorize, can } from '../../auth/authorize';
import { assessCycle } from '../../data/delivery';
import { getMidterm, midtermRows, publishMidterm, saveMidtermSummary, type MidtermSnapshot } from '../../data/midterm';
import { getSettings } from '../../data/settings';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, cycleParam, deliveryTabs, today, type C } from './context';

const M = '/j/:code/cycles/:year{[0-9]{4}}/midterm';

function liveSnapshot(c: C): MidtermSnapshot {
  const { j, cycle } = cycleParam(c);
  const db = c.get('db');
  return midtermRows(db, assessCycle(db, cycle, today(c), getSettings(db, j.id)), today(c));
}

function page(c: C, values?: FormValues, errors?: FieldErrors) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'delivery.view', j.id);
  const report = getMidterm(c.get('db'), cycle.id);
  const snapshot = report?.snapshot ? JSON.parse(report.snapshot) as MidtermSnapshot : liveSnapshot(c);
  return c.render(
    <MidtermPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} report={report} snapshot={snapshot} canManage={can(c, 'delivery.manage', j.id)}
      values={values} errors={errors} />,
    { title: `${j.name} ${cycle.year} 年度期中报告` },
  );
}

const summaryForm = z.object({ summary: trimmed(10000, '请填写报告概述') });

export const midtermRoutes = new Hono<AppEnv>()
  .get(M, (c) => page(c))
  .post(M,
    validForm(summaryForm, (c, values, errors) => {
      authorize(c, 'delivery.manage', cycleParam(c).j.id);
      return page(c, values, errors);
    }),
    (c) => {
      const { j, cycle } = cycleParam(c);
      const me = authorize(c, 'delivery.manage', j.id);
      const { summary } = c.req.valid('form');
      const r = saveMidtermSummary(c.get('db'), { ...actorOf(c), id: me.id }, cycle.id, j.id, summary, c.get('now')());
      if (!r.ok) {
        c.status(422);
        return page(c, { summary }, { _form: r.error });
      }
      flash(c, '期中报告概述已保存');
      return c.redirect(`${cycleBase(j, cycle)}/midterm`, 303);
    })
  .post(`${M}/publish`, (c) => {
    const { j, cycle } = cycleParam(c);
    const me = authorize(c, 'delivery.manage', j.id);
    const r = publishMidterm(c.get('db'), { ...actorOf(c), id: me.id }, cycle.id, j.id, liveSnapshot(c), c.get('now')());
    if (!r.ok) {
      c.status(422);
      return page(c, undefined, { _form: r.error });
    }
    flash(c, '期中报告已发布');
    return c.redirect(`${cycleBase(j, cycle)}/midterm`, 303);
  });
