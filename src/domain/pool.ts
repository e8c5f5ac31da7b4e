import type { CollectionState } from './collection';
import type { Phase } from './phases';
import type { PoolReason, ProposalStatus } from './vocabulary';
import { ok, refuse, type Result } from './result';

export const POOL_REASON_LABELS: Record<PoolReason, string> = {
  unselected: '符合条件但未列入候选',
  notAdopted: '票决未通过',
  late: '征集截止后收到',
  betweenWindows: '征集期外收到',
};

/**
 * A pooled item goes to a later year's cycle: an eligible one straight onto its candidate list (while the list can
 * still change), one never screened into its intake, to be screened there.
 */
export function checkNomination(
  item: { year: number; status: ProposalStatus; inPool: boolean },
  target: { year: number; phase: Phase; locked: boolean },
): Result<{ asCandidate: boolean }, 'year'> {
  if (!item.inPool) return refuse('该提议不在项目储备库中', 'year');
  if (target.year <= item.year) return refuse(`只能列入 ${item.year} 年度以后的年度`, 'year');
  if (item.status === 'eligible') {
    if (target.locked || !['collection', 'screening', 'candidates'].includes(target.phase)) {
      return refuse(`${target.year}年度的候选项目名单已经审定，不能再列入`, 'year');
    }
    return ok({ asCandidate: true });
  }
  if (item.status === 'ineligible' || item.status === 'merged' || item.status === 'redirected') {
    return refuse('审查不符合条件、已合并或已转办的提议不能列入候选', 'year');
  }
  if (target.phase !== 'collection' && target.phase !== 'screening') {
    return refuse(`${target.year}年度已过资格审查阶段，未经审查的提议不能再转入`, 'year');
  }
  return ok({ asCandidate: false });
}

/**
 * An item sent when no window is open waits in the pool: "late" just after a window closed (the cycle still
 * collecting or screening), "between windows" otherwise. Null while a window is open or there is no cycle at all.
 */
export function poolReasonFor(state: CollectionState): PoolReason | null {
  switch (state.kind) {
    case 'open': case 'noCycle': return null;
    case 'closed': return 'late';
    case 'phaseOver': return state.phase === 'screening' ? 'late' : 'betweenWindows';
    case 'notYet': case 'notSet': return 'betweenWindows';
  }
}
