import { Hono } from 'hono';
import { CycleDashboardPage, DistrictDashboardPage } from '../../../views/delivery/DashboardPages';
import { chinaYearOf } from '../../domain/chinaDate';
import { authorize, jurisdictionParam, notFound } from '../../auth/authorize';
import { cyclesOf } from '../../data/cycles';
import { cycleDashboard, districtDashboard } from '../../data/deliveryDashboard';
import { childrenOf } from '../../data/jurisdictions';
import { getSettings } from '../../data/settings';
import type { AppEnv } from '../../env';
import { csvResponse } from '../../http/csv';
import { cycleParam, deliveryTabs, today, type C } from './context';

const D = '/j/:code/cycles/:year{[0-9]{4}}/dashboard';

function cycleData(c: C) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'delivery.dashboard', j.id);
  const db = c.get('db');
  return { j, cycle, d: cycleDashboard(db, cycle, today(c), getSettings(db, j.id)) };
}

function districtData(c: C) {
  const district = jurisdictionParam(c);
  authorize(c, 'delivery.dashboard', district.id);
  if (district.kind !== 'district') notFound();
  const year = Number(c.req.param('year'));
  return { district, year, ...districtDashboard(c.get('db'), district, year, today(c)) };
}

export const dashboardRoutes = new Hono<AppEnv>()
  .get(D, (c) => {
    const { j, cycle, d } = cycleData(c);
    return c.render(<CycleDashboardPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} d={d} today={today(c)} />, { title: `${j.name} ${cycle.year} 年度实施统计` });
  })
  .get(`${D}/:file{[a-z]+\\.csv}`, (c) => {
    const { j, cycle, d } = cycleData(c);
    const t = d.tables.find((x) => `${x.key}.csv` === c.req.param('file'));
    if (!t) notFound();
    return csvResponse(c, `${j.name}${cycle.year}年度-${t.title}.csv`, [t.columns, ...t.rows]);
  })
  .get('/j/:code/delivery', (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'delivery.dashboard', j.id);
    const year = chinaYearOf(c.get('now')());
    return c.redirect(j.kind === 'district' ? `/j/${j.code}/delivery/${year}` : `/j/${j.code}/cycles/${year}/dashboard`, 303);
  })
  .get('/j/:code/delivery/:year{[0-9]{4}}', (c) => {
    const x = districtData(c);
    const db = c.get('db');
    const years = [...new Set(childrenOf(db, x.district.id).flatMap((t) => cyclesOf(db, t.id).map((cy) => cy.year)))].sort((a, b) => b - a);
    return c.render(<DistrictDashboardPage district={x.district} year={x.year} rows={x.rows} table={x.table} today={today(c)} years={years} />,
      { title: `${x.district.name} ${x.year} 年度实施统计` });
  })
  .get('/j/:code/delivery/:year{[0-9]{4}}/towns.csv', (c) => {
    const x = districtData(c);
    return csvResponse(c, `${x.district.name}${x.year}年度-${x.table.title}.csv`, [x.table.columns, ...x.table.rows]);
  });
