import { SESSION_KINDS, SESSION_STATES } from './vocabulary';

export type SessionKind = (typeof SESSION_KINDS)[number];
export type SessionState = (typeof SESSION_STATES)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  startOfYear: '年初会议',
  midYear: '年中会议',
  extraordinary: '临时会议',
};

export const SESSION_STATE_LABELS: Record<SessionState, string> = {
  planned: '筹备中',
  open: '会议进行中',
  closed: '已闭会',
};

export type SessionCheck = { ok: true } | { ok: false; error: string };

/** planned → open (check-in starts) → closed; a session with a poll still open cannot close. */
export function checkSessionTransition(from: SessionState, to: SessionState, openPolls: number): SessionCheck {
  if (from === 'planned' && to === 'open') return { ok: true };
  if (from === 'open' && to === 'closed') {
    return openPolls > 0 ? { ok: false, error: '还有正在进行的表决，请先结束表决再闭会' } : { ok: true };
  }
  if (from === to) return { ok: false, error: `会议已是“${SESSION_STATE_LABELS[to]}”状态` };
  return { ok: false, error: `不能从“${SESSION_STATE_LABELS[from]}”变更为“${SESSION_STATE_LABELS[to]}”` };
}

/** Check-in (by the clerk or the representative) runs while the meeting is open. */
export function canCheckIn(state: SessionState): boolean {
  return state === 'open';
}
