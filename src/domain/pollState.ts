import { ok, refuse, type Result } from './result';
import type { PollState } from './vocabulary';

export type { PollState };

export const POLL_STATE_LABELS: Record<PollState, string> = {
  draft: '未开始',
  open: '投票中',
  closed: '已结束',
  published: '已公布',
  void: '已作废',
};

export interface PollTransitionContext {
  /** Present × den ≥ seated × num, from the session's roll (needed to open). */
  quorumMet: boolean;
  /** The session is open (check-in running): polls open only during the meeting. */
  sessionOpen: boolean;
  /** The count is complete: electronic ballots at close, paper ballots once the tellers finish. */
  countComplete: boolean;
  /** Why the poll is void (required to void). */
  reason: string;
}

/**
 * draft → open → closed → published, or void (with a reason) from any state before publication.
 * A published result never changes: a correction is a separate recorded action.
 */
export function checkPollTransition(from: PollState, to: PollState, ctx: PollTransitionContext): Result {
  if (from === 'published') return refuse('结果已公布，不能再更改；如需更正请另行发布更正说明');
  if (from === 'void') return refuse('本轮表决已作废');
  switch (to) {
    case 'open':
      if (from !== 'draft') return refuse(from === 'open' ? '本轮表决已在进行中' : '本轮表决已结束，不能重新开始');
      if (!ctx.sessionOpen) return refuse('会议尚未开始或已闭会，不能开始表决');
      if (!ctx.quorumMet) return refuse('出席代表未达到法定人数，不能开始表决');
      return ok();
    case 'closed':
      if (from !== 'open') return refuse(from === 'draft' ? '本轮表决尚未开始' : '本轮表决已结束');
      return ok();
    case 'published':
      if (from !== 'closed') return refuse('只有已结束的表决才能公布结果');
      if (!ctx.countComplete) return refuse('计票尚未完成，不能公布结果');
      return ok();
    case 'void':
      if (ctx.reason.trim() === '') return refuse('作废必须写明原因');
      return ok();
    case 'draft':
      return refuse('不能退回到未开始状态');
  }
}
