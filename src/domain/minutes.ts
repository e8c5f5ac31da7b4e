import { ok, refuse, type Result } from './result';
import type { SessionState } from './sessionState';

/**
 * The minutes (纪要) of a deliberation meeting: the clerk writes them per agenda item while they are a draft and
 * signs them off once the meeting has closed; signed off, they are the record — immutable, printable and public.
 */
export type MinutesState = 'draft' | 'signedOff';
export type MinutesAction = 'edit' | 'signOff';

export const MINUTES_STATE_LABELS: Record<MinutesState, string> = { draft: '草稿', signedOff: '已签发' };

export function minutesState(signedOffAt: Date | null | undefined): MinutesState {
  return signedOffAt ? 'signedOff' : 'draft';
}

export interface MinutesContext {
  sessionState: SessionState;
  items: readonly { title: string; decision: string }[];
}

export const SIGNED_OFF_ERROR = '纪要已签发，不能再修改。如需更正，请另行召开会议作出决定并记入新的纪要。';

/** 409: the record is closed (nothing to fix in the form); 422: not ready yet (something to do first). */
export function checkMinutes(state: MinutesState, action: MinutesAction, ctx: MinutesContext): Result {
  if (state === 'signedOff') return refuse(action === 'signOff' ? '纪要已签发' : SIGNED_OFF_ERROR, '_form', 409);
  if (action === 'edit') return ok();
  // Minutes record what a meeting did: not before it has ended.
  if (ctx.sessionState !== 'closed') return refuse('会议闭会后才能签发纪要', '_form', 422);
  if (ctx.items.length === 0) return refuse('议程为空：请先添加议程事项并写明决定', '_form', 422);
  const missing = ctx.items.findIndex((i) => i.decision.trim() === '');
  if (missing >= 0) return refuse(`第 ${missing + 1} 项“${ctx.items[missing]!.title}”还没有填写会议决定，不能签发`, '_form', 422);
  return ok();
}
