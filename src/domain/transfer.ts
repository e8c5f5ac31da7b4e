import type { Phase } from './phases';
import { ok, refuse, type Result } from './result';
import type { ProposalStatus } from './vocabulary';

export interface LevelRef { id: number; kind: string; parentId: number | null }

/**
 * A proposal may move one level: a township's or subdistrict's to its district (区级事项), or the district's to one
 * of its townships/subdistricts. It is screened again there, so the receiving cycle must still be taking items.
 */
export function checkTransfer(
  from: LevelRef, to: LevelRef | undefined, status: ProposalStatus, target: { year: number; phase: Phase } | undefined,
): Result<null, 'target'> {
  if (!to) return refuse('请选择移交的单位', 'target');
  const up = (from.kind === 'township' || from.kind === 'subdistrict') && to.kind === 'district' && from.parentId === to.id;
  const down = from.kind === 'district' && (to.kind === 'township' || to.kind === 'subdistrict') && to.parentId === from.id;
  if (!up && !down) return refuse('只能移交给上级区或所辖镇（街道）', 'target');
  if (status === 'merged' || status === 'redirected') return refuse('已合并或已转办的提议不能再移交', 'target');
  if (!target) return refuse('对方本年度的票决工作尚未创建，暂不能移交', 'target');
  if (target.phase !== 'collection' && target.phase !== 'screening') {
    return refuse(`对方${target.year}年度已过资格审查阶段，不能再接收`, 'target');
  }
  return ok();
}
