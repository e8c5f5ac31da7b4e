import { ok, refuse, type Result } from './result';
import { OPINION_STATES } from './vocabulary';

/**
 * A public-opinion item (民意事项) from recording to its end (DOMAIN §4, DESIGN "Subdistricts"):
 * the clerk triages a recorded item one of three ways; only an item handed to the linked district
 * representative can become a representative suggestion (代表建议), and only by that representative.
 */
export { OPINION_STATES };
export type OpinionState = (typeof OPINION_STATES)[number];

export const OPINION_STATE_LABELS: Record<OpinionState, string> = {
  recorded: '待分办',
  answered: '已当场答复',
  referred: '已交街道部门办理',
  handedToRep: '已转交区人大代表',
  converted: '已转为代表建议',
  replied: '已答复群众',
  proposed: '已转为项目建议',
};

export const OPINION_STEPS = ['answer', 'refer', 'hand', 'rehand', 'convert'] as const;
export type OpinionStep = (typeof OPINION_STEPS)[number];

/** Who takes a step: the subdistrict clerk, or the district representative the item was handed to. */
export type OpinionActor = 'clerk' | 'linkedRep';

export const STEP_RULES: Record<OpinionStep, { from: OpinionState; to: OpinionState; by: OpinionActor; label: string }> = {
  answer: { from: 'recorded', to: 'answered', by: 'clerk', label: '当场答复' },
  refer: { from: 'recorded', to: 'referred', by: 'clerk', label: '交街道部门办理' },
  hand: { from: 'recorded', to: 'handedToRep', by: 'clerk', label: '转交联系的区人大代表' },
  // The linked representative changed (left, or the group was re-linked): the item follows the new link.
  rehand: { from: 'handedToRep', to: 'handedToRep', by: 'clerk', label: '改交现联系的区人大代表' },
  convert: { from: 'handedToRep', to: 'converted', by: 'linkedRep', label: '转为代表建议' },
};

/** One step from where the item is, to the state it leads to; nothing is skipped and nothing is undone. */
export function checkOpinionStep(from: OpinionState, step: OpinionStep): Result<OpinionState> {
  const rule = STEP_RULES[step];
  if (rule.from === from) return ok(rule.to);
  if (step === 'convert' && from === 'recorded') return refuse('须先由人大工作人员把事项转交联系的区人大代表，才能转为代表建议');
  return refuse(`该事项“${OPINION_STATE_LABELS[from]}”，不能再“${rule.label}”`);
}

/** The steps open to an actor for an item in this state: the buttons a page shows. */
export function stepsFor(from: OpinionState, by: OpinionActor): OpinionStep[] {
  return OPINION_STEPS.filter((s) => STEP_RULES[s].from === from && STEP_RULES[s].by === by);
}

/** The last state of an item: nothing left for the subdistrict to do with it. */
export function isSettled(state: OpinionState): boolean {
  return state === 'answered' || state === 'referred' || state === 'converted';
}
