import { addDays, chinaDateOf } from './chinaDate';
import type { Colour, ColourReason } from './schedule';

/**
 * The task a project's colour puts on its unit, worded after the reasons for the colour (and only those): a project
 * red only for an overdue rectification is told to finish the rectification, not to report catch-up measures.
 * null when the colour asks nothing of the unit (blue, green, yellow, or orange for a lag within the red line).
 */
export function colourTask(title: string, a: { colour: Colour; reasons: readonly ColourReason[]; overrunMonths: number; halted?: unknown }, endDate: string): string | null {
  if (a.halted) return null; // a suspended or terminated project is asked nothing until it resumes
  const needsTask = a.colour === 'red' || a.reasons.includes('overrun');
  if (!needsTask) return null;
  const asks: string[] = [];
  if (a.reasons.includes('overrun')) {
    asks.push(`已超过计划完成日期（${endDate}）${a.overrunMonths} 个月仍未完工，请尽快完工并报送进展，或按程序申请调整计划`);
  }
  if (a.reasons.includes('seriousLag') || (a.colour === 'red' && a.reasons.includes('lag'))) asks.push('进度严重滞后，请报送赶工措施');
  if (a.reasons.includes('overdueRectification')) asks.push('整改要求已逾期，请尽快完成整改并答复');
  const light = a.colour === 'red' ? '亮红灯' : '亮橙灯';
  return `“${title}”${light}：${asks.join('；')}`;
}

/** The clerk's line for a project past its end date and unfinished (one per project, until finished or adjusted). */
export function overrunLine(title: string, endDate: string, months: number, colour: Colour): string {
  return `“${title}”超过计划完成日期（${endDate}）${months} 个月仍未完工（${colour === 'red' ? '红灯' : '橙灯'}），请督促承办单位或提请调整计划`;
}

/**
 * 测评整改 (a project below the satisfaction threshold): due on the deadline the clerk set, else `days` after the
 * evaluation was recorded. Overdue the day after, while not done.
 */
export function followUpDue(f: { deadline: string | null; createdAt: Date }, days: number): string {
  return f.deadline ?? addDays(chinaDateOf(f.createdAt), days);
}

export function isFollowUpOverdue(f: { deadline: string | null; createdAt: Date; state: 'open' | 'done' }, days: number, today: string): boolean {
  return f.state === 'open' && today > followUpDue(f, days);
}
