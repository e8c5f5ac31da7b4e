import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { can, forbidden } from '../../auth/authorize';
import { assessCycle, assessOne, type AssessedProject } from '../../data/delivery';
import { getSettings } from '../../data/settings';
import { chinaDateOf } from '../../domain/chinaDate';
import type { AppEnv } from '../../env';
import { notFound, type CycleEnv } from '../../http/subjects/jurisdiction';

/** Today in China: every schedule rule counts in China dates. */
export function today<E extends AppEnv>(c: Context<E>): string {
  return chinaDateOf(c.var.now());
}

/** The year's delivery pages: /j/:code/cycles/:year. */
export function cycleBase<E extends CycleEnv>(c: Context<E>): string {
  return `/j/${c.var.jurisdiction.code}/cycles/${c.var.cycle.year}`;
}

/** The delivery tabs a user may open, relative to the cycle's URL. */
export function deliveryTabs<E extends CycleEnv>(c: Context<E>): [string, string][] {
  const j = c.var.jurisdiction;
  const tabs: [string, string][] = [['/projects', '项目进展'], ['/supervision', '监督小组'], ['/midterm', '期中报告']];
  if (can(c, 'delivery.dashboard', j.id)) tabs.push(['/dashboard', '统计分析']);
  if (can(c, 'feedback.view', j.id)) tabs.push(['/feedback', '群众反馈']);
  tabs.push(['/evaluation', '年底评议']);
  return tabs;
}

/** Every project of the year, assessed today with the jurisdiction's settings. */
export function assessed<E extends CycleEnv>(c: Context<E>): AssessedProject[] {
  return assessCycle(c.var.db, c.var.cycle, today(c), getSettings(c.var.db, c.var.jurisdiction.id));
}

/** One project of the year, assessed (its colour needs the same settings and day as the list's). */
export function assessedOne<E extends CycleEnv>(c: Context<E>, projectId: number): AssessedProject {
  return assessOne(c.var.db, c.var.cycle, projectId, today(c), getSettings(c.var.db, c.var.jurisdiction.id)) ?? notFound();
}

/** The numbered rows of a form (m0_title, m0_dueDate, m1_title …): each cell trimmed, '' when absent or not text. */
export function numberedRows<K extends string>(form: Record<string, unknown>, prefix: string, count: number, keys: readonly K[]): Record<K, string>[] {
  return Array.from({ length: count }, (_, i) => {
    const row = {} as Record<K, string>;
    for (const k of keys) {
      const v = form[`${prefix}${i}_${k}`];
      row[k] = typeof v === 'string' ? v.trim() : '';
    }
    return row;
  });
}

/** Row checks read the raw cells, so they run even when a field above them failed: every error shows at once. */
export const ALWAYS = { when: () => true } as const;

/**
 * A rule about the row (the project's own unit, a member of its group) checked after allow() and before the body
 * is read: someone holding the role but not this row gets 403, never a validation error.
 */
export function only<E extends CycleEnv>(rule: (c: Context<E>) => boolean) {
  return createMiddleware<E>(async (c, next) => {
    if (!rule(c)) forbidden();
    await next();
  });
}
