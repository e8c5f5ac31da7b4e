import { Hono, type Context } from 'hono';
import { CycleDashboardPage, DistrictDashboardPage } from '../../../views/delivery/DashboardPages';
import { allow } from '../../auth/authorize';
import { cycleDashboard, districtDashboard, districtYears } from '../../data/deliveryDashboard';
import { getSettings } from '../../data/settings';
import { chinaYearOf } from '../../domain/chinaDate';
import { csvResponse } from '../../http/csv';
import { keptFragment } from '../../http/keptFragment';
import { districtOnly } from '../../http/subjects/delivery';
import { notFound, type CycleEnv, type JurisdictionEnv } from '../../http/subjects/jurisdiction';
import { deliveryTabs, today } from './shared';

const cycleData = (c: Context<CycleEnv>) => cycleDashboard(c.var.db, c.var.cycle, today(c), getSettings(c.var.db, c.var.jurisdiction.id));

/** /j/:code/cycles/:year/dashboard — the year's delivery figures, every table also as CSV. */
export const dashboard = new Hono<CycleEnv>()
  .get('/', allow('delivery.dashboard'), (c) => {
    const { jurisdiction: j, cycle } = c.var;
    return c.render(<CycleDashboardPage j={j} cycle={cycle} tabs={deliveryTabs(c)} d={cycleData(c)} today={today(c)} />, { title: `${j.name} ${cycle.year} 年度实施统计` });
  })
  .get('/:file{[a-z]+\\.csv}', allow('delivery.dashboard'), (c) => {
    const t = cycleData(c).tables.find((x) => `${x.key}.csv` === c.req.param('file')) ?? notFound();
    return csvResponse(c, `${c.var.jurisdiction.name}${c.var.cycle.year}年度-${t.title}.csv`, [t.columns, ...t.rows]);
  });

const districtData = (c: Context<JurisdictionEnv>) => {
  const year = Number(c.req.param('year'));
  return { year, ...districtDashboard(c.var.db, c.var.jurisdiction, year, today(c)) };
};

/** /j/:code/delivery — the district's townships side by side; a township is sent to its own year's dashboard. */
export const districtDelivery = new Hono<JurisdictionEnv>()
  .get('/', allow('delivery.dashboard'), (c) => {
    const j = c.var.jurisdiction;
    const year = chinaYearOf(c.var.now());
    return c.redirect(j.kind === 'district' ? `/j/${j.code}/delivery/${year}` : `/j/${j.code}/cycles/${year}/dashboard`, 303);
  })
  .get('/:year{[0-9]{4}}', allow('delivery.dashboard'), districtOnly, (c) => {
    const district = c.var.jurisdiction;
    const year = Number(c.req.param('year'));
    const day = today(c);
    // The figures are the same for everyone allowed to see them, until the next write or the next day.
    const page = keptFragment(c.var.db, `districtDashboard|${district.id}|${year}|${day}`, () => {
      const x = districtData(c);
      return <DistrictDashboardPage district={district} year={x.year} rows={x.rows} table={x.table} today={day} years={districtYears(c.var.db, district)} />;
    });
    return c.render(page, { title: `${district.name} ${year} 年度实施统计` });
  })
  .get('/:year{[0-9]{4}}/towns.csv', allow('delivery.dashboard'), districtOnly, (c) => {
    const x = districtData(c);
    return csvResponse(c, `${c.var.jurisdiction.name}${x.year}年度-${x.table.title}.csv`, [x.table.columns, ...x.table.rows]);
  });
