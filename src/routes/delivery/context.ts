import type { Context } from 'hono';
import { chinaDateOf } from '../../domain/chinaDate';
import { can, jurisdictionParam, notFound } from '../../auth/authorize';
import { getCycle, type Cycle } from '../../data/cycles';
import type { Jurisdiction } from '../../data/jurisdictions';
import { getProject, type Project } from '../../data/projects';
import type { AppEnv } from '../../env';

export type C = Context<AppEnv>;

/** The jurisdiction and the year's cycle named by the URL, or 404 (authorization is the caller's first step after this). */
export function cycleParam(c: C): { j: Jurisdiction; cycle: Cycle } {
  const j = jurisdictionParam(c);
  const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year')));
  if (!cycle) notFound();
  return { j, cycle };
}

export function projectParam(c: C, cycle: Cycle): Project {
  const id = Number(c.req.param('id'));
  const p = Number.isSafeInteger(id) ? getProject(c.get('db'), cycle.id, id) : undefined;
  if (!p) notFound();
  return p;
}

/** Today in China: every schedule rule counts in China dates. */
export function today(c: C): string {
  return chinaDateOf(c.get('now')());
}

export function cycleBase(j: Jurisdiction, cycle: Cycle): string {
  return `/j/${j.code}/cycles/${cycle.year}`;
}

/** The delivery tabs a user may open, relative to the cycle's URL. */
export function deliveryTabs(c: C, j: Jurisdiction): [string, string][] {
  const tabs: [string, string][] = [['/projects', '项目进展']];
  tabs.push(['/supervision', '监督小组']);
  tabs.push(['/midterm', '期中报告']);
  if (can(c, 'delivery.dashboard', j.id)) tabs.push(['/dashboard', '统计分析']);
  if (can(c, 'feedback.view', j.id)) tabs.push(['/feedback', '群众反馈']);
  tabs.push(['/evaluation', '年底评议']);
  return tabs;
}
