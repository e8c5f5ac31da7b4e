/**
 * The path after a shortfall (DOMAIN §6): when places stay empty after a poll of the chain — a runoff tied again, or
 * too few candidates over half — the session may fill them by a further poll (另行票决) among the remaining
 * candidates in first-round order; otherwise they stay empty. A chain is the selection, then any number of runoffs
 * (平票: among the tied) and further polls (among the remaining), each standing on the one before.
 */

export type ChainKind = 'selection' | 'runoff' | 'further';

export const CHAIN_KIND_LABELS: Record<ChainKind, string> = { selection: '第一轮表决', runoff: '另行投票', further: '另行票决' };

/** What one counted poll of the chain left: places still tied (a runoff may follow) and places nobody won. */
export interface ChainStepResult { kind: ChainKind; runoffSeats: number; emptySeats: number }

export interface NextSteps {
  /** 另行投票 among the tied, for the tied places. */
  runoff: boolean;
  /** 另行票决 among the remaining candidates, for every place still empty. */
  further: boolean;
}

/**
 * What may follow the chain's last counted poll. A first-round tie goes to a runoff among the tied, as the rule
 * says; once a runoff (or a further poll) ties again, or when too few passed anywhere, a further poll may fill the
 * places left — provided candidates remain.
 */
export function nextSteps(last: ChainStepResult, placesLeft: number, remaining: number): NextSteps {
  const runoff = last.runoffSeats > 0;
  const shortfall = last.emptySeats > 0 || (last.kind !== 'selection' && last.runoffSeats > 0);
  return { runoff, further: shortfall && placesLeft > 0 && remaining > 0 };
}

/** The remaining candidates in first-round order: every first-round option not adopted by any poll of the chain. */
export function remainingCandidates<T extends { candidateId: number | null; position: number }>(firstRound: readonly T[], adopted: ReadonlySet<number>): T[] {
  return firstRound.filter((o) => o.candidateId !== null && !adopted.has(o.candidateId)).sort((a, b) => a.position - b.position);
}

/** One counted poll of the chain as the resolution tells it. */
export interface ChainStep extends ChainStepResult { seatsToFill: number; candidates: number; adopted: string[] }

/**
 * How each place was filled, poll by poll, and why any stayed empty: the lines the resolution prints when the
 * first round did not settle everything. Empty when the first round filled every place.
 */
export function placesAccount(steps: readonly ChainStep[], seatsToFill: number, vote: string): string[] {
  if (steps.length === 0) return [];
  const filled = steps.reduce((n, s) => n + s.adopted.length, 0);
  if (steps.length === 1 && filled === seatsToFill) return [];
  const lines = steps.map((s, i) => {
    const what = s.kind === 'selection' ? `${vote}${s.candidates}个候选项目，应选${s.seatsToFill}项`
      : s.kind === 'runoff' ? `就${s.seatsToFill}个名额在得票相同的${s.candidates}个项目中另行投票`
      : `就${s.seatsToFill}个名额在其余${s.candidates}个候选项目中另行票决`;
    const got = s.adopted.length ? `通过${s.adopted.length}项：${s.adopted.join('、')}` : '没有项目通过';
    return `${i === 0 ? '第一轮' : `第${i + 1}轮`}${what}，${got}。`;
  });
  const empty = seatsToFill - filled;
  if (empty > 0) lines.push(`应选${seatsToFill}项中尚有${empty}项未产生：${emptyReason(steps.at(-1)!)}`);
  return lines;
}

/** Why the places left stayed empty, from the chain's last poll. */
export function emptyReason(last: ChainStepResult): string {
  if (last.runoffSeats > 0 && last.kind === 'selection') return '第一轮表决中得票相同的项目多于剩余名额，会议未另行投票，该名额空缺。';
  if (last.runoffSeats > 0) return `${CHAIN_KIND_LABELS[last.kind]}中得票仍然相同，会议未再另行投票或另行票决，该名额空缺。`;
  return `${CHAIN_KIND_LABELS[last.kind]}中赞成票过半数的项目少于应选数，会议未再另行票决，该名额空缺。`;
}

/** What a step left for the next one, as the result sheet's chain column says it. */
export function stepLeftover(step: ChainStepResult): string {
  if (step.runoffSeats > 0) return `${step.runoffSeats} 个名额得票相同`;
  return step.emptySeats > 0 ? `${step.emptySeats} 个名额空缺` : '—';
}
