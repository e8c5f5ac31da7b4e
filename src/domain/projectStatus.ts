import { ok, refuse, type Result } from './result';
import { PROJECT_STATUSES } from './vocabulary';

export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: '未开工',
  inProgress: '实施中',
  completed: '已完工',
  accepted: '已验收',
};

/**
 * A report moves the project: the first one starts it, 100% completes it, a corrected report below 100%
 * reopens it. Acceptance (验收) is final.
 */
export function statusAfterReport(current: ProjectStatus, latestPct: number): ProjectStatus {
  if (current === 'accepted') return current;
  return latestPct >= 100 ? 'completed' : 'inProgress';
}

export function checkAcceptance(current: ProjectStatus): Result {
  if (current === 'accepted') return refuse('项目已验收');
  if (current !== 'completed') return refuse('项目尚未完工（最新月度进展未达到 100%），不能验收');
  return ok();
}
