import { addDays, isChinaDate, type ChinaDate } from './chinaDate';
import { OPINION_STATE_LABELS, type OpinionState } from './opinionTriage';
import { ok, refuse, type Result } from './result';
import { REFERRAL_LEVELS, type ReferralLevel } from './vocabulary';

/**
 * A township station's opinion (民意) handled by level and kind — 分级负责、分级交办、分级督查、分类处理 (seed 000
 * §四(七), seed 001 §五): answered on the spot; or referred to this township or the level above with a deadline,
 * followed up by the referring office and answered to the resident; or, when typical or a livelihood project,
 * turned into a representative's suggestion or a project proposal. Same states as a subdistrict's item
 * (src/domain/opinionTriage.ts), other steps: a station has no linked district representative to hand to.
 */
export { REFERRAL_LEVELS, type ReferralLevel };

export const REFERRAL_LEVEL_LABELS: Record<ReferralLevel, string> = {
  township: '本级（镇人大及镇有关部门）',
  district: '上一级（区人大常委会及区级部门）',
  city: '市级（由市人大常委会汇总交办）',
};

/**
 * Days the referred office has to answer, proposed on the form, and the longest the referring office may set.
 * The city collects quarterly (seed 001 §五: 分季度汇总、集中交办), hence its quarter.
 */
export const REFERRAL_DAYS: Record<ReferralLevel, { usual: number; max: number }> = {
  township: { usual: 15, max: 30 },
  district: { usual: 30, max: 60 },
  city: { usual: 90, max: 120 },
};

export const STATION_STEPS = ['answer', 'refer', 'followUp', 'extend', 'reply', 'suggest', 'propose'] as const;
export type StationStep = (typeof STATION_STEPS)[number];

/**
 * Who takes a step: the station's staff (clerk, liaison), the representative a message was addressed to (they
 * answer it themselves), or a representative turning it into their own suggestion.
 */
export type StationActor = 'staff' | 'addressedRep' | 'rep';

export const STATION_STEP_RULES: Record<StationStep, { from: readonly OpinionState[]; to: OpinionState; by: readonly StationActor[]; label: string }> = {
  answer: { from: ['recorded'], to: 'answered', by: ['staff', 'addressedRep'], label: '当场答复' },
  refer: { from: ['recorded'], to: 'referred', by: ['staff'], label: '登记交办' },
  followUp: { from: ['referred'], to: 'referred', by: ['staff'], label: '记录督办情况' },
  extend: { from: ['referred'], to: 'referred', by: ['staff'], label: '延长答复期限' },
  reply: { from: ['referred'], to: 'replied', by: ['staff'], label: '答复群众' },
  suggest: { from: ['recorded', 'referred'], to: 'converted', by: ['staff', 'rep'], label: '转为代表建议' },
  propose: { from: ['recorded', 'referred'], to: 'proposed', by: ['staff'], label: '转为民生实事项目建议' },
};

export function checkStationStep(from: OpinionState, step: StationStep): Result<OpinionState> {
  const rule = STATION_STEP_RULES[step];
  if (rule.from.includes(from)) return ok(rule.to);
  if ((step === 'reply' || step === 'followUp' || step === 'extend') && from === 'recorded') return refuse('该意见还没有交办，请先登记交办');
  return refuse(`该意见“${OPINION_STATE_LABELS[from]}”，不能再“${rule.label}”`);
}

/** The steps open to these actors for an opinion in this state: the forms its page shows. */
export function stationStepsFor(from: OpinionState, actors: readonly StationActor[]): StationStep[] {
  return STATION_STEPS.filter((s) => STATION_STEP_RULES[s].from.includes(from) && STATION_STEP_RULES[s].by.some((a) => actors.includes(a)));
}

/** The deadline proposed when referring today. */
export function usualDue(level: ReferralLevel, referredOn: ChinaDate): ChinaDate {
  return addDays(referredOn, REFERRAL_DAYS[level].usual);
}

/** A deadline after the referral day and no further than the level allows. */
export function checkReferralDue(level: ReferralLevel, referredOn: ChinaDate, dueOn: string): Result<ChinaDate, 'dueOn'> {
  if (!isChinaDate(dueOn)) return refuse('请填写答复期限', 'dueOn');
  if (dueOn <= referredOn) return refuse('答复期限须晚于交办当天', 'dueOn');
  const latest = addDays(referredOn, REFERRAL_DAYS[level].max);
  if (dueOn > latest) return refuse(`交${REFERRAL_LEVEL_LABELS[level]}办理的期限最长 ${REFERRAL_DAYS[level].max} 天（至 ${latest}）`, 'dueOn');
  return ok(dueOn);
}

export interface Referral {
  state: OpinionState;
  referralLevel: ReferralLevel | null;
  referredOn: ChinaDate | null;
  dueOn: ChinaDate | null;
  extendedTo: ChinaDate | null;
  repliedOn: ChinaDate | null;
}

export function effectiveReferralDue(r: Pick<Referral, 'dueOn' | 'extendedTo'>): ChinaDate | null {
  return r.extendedTo ?? r.dueOn;
}

/** Referred, not yet answered, and past its (possibly extended) deadline; the deadline day itself is on time. */
export function isReferralOverdue(r: Referral, today: ChinaDate): boolean {
  const due = effectiveReferralDue(r);
  return r.state === 'referred' && due !== null && today > due;
}

/** Answered after its deadline: shown as such on the list and to the resident. */
export function repliedLate(r: Referral): boolean {
  const due = effectiveReferralDue(r);
  return r.repliedOn !== null && due !== null && r.repliedOn > due;
}

/**
 * Once, with a reason, asked for by the deadline (not after it was missed: lateness stays on record), to a later
 * date no further than the level's longest period beyond the original deadline.
 */
export function checkReferralExtension(r: Referral, extendedTo: string, reason: string, today: ChinaDate): Result<ChinaDate, 'extendedTo' | 'reason'> {
  if (r.state !== 'referred' || r.dueOn === null || r.referralLevel === null) return refuse('只有交办中的意见可以延期', 'extendedTo');
  if (r.extendedTo !== null) return refuse('该意见已经延期过一次，不能再次延期', 'extendedTo');
  if (today > r.dueOn) return refuse(`已超过答复期限（${r.dueOn}），不能再延期，请督促尽快答复`, 'extendedTo');
  if (!reason.trim()) return refuse('请填写延期理由', 'reason');
  if (!isChinaDate(extendedTo)) return refuse('请填写延期后的答复期限', 'extendedTo');
  if (extendedTo <= r.dueOn) return refuse(`延期后的期限须晚于原期限 ${r.dueOn}`, 'extendedTo');
  const latest = addDays(r.dueOn, REFERRAL_DAYS[r.referralLevel].max);
  if (extendedTo > latest) return refuse(`最多延期至 ${latest}`, 'extendedTo');
  return ok(extendedTo);
}

/** The day the resident was answered: not before the referral, not in the future. */
export function checkReplyDate(r: Pick<Referral, 'referredOn'>, repliedOn: string, today: ChinaDate): Result<ChinaDate, 'repliedOn'> {
  if (!isChinaDate(repliedOn)) return refuse('请填写答复日期', 'repliedOn');
  if (r.referredOn !== null && repliedOn < r.referredOn) return refuse(`答复日期不能早于交办日期 ${r.referredOn}`, 'repliedOn');
  if (repliedOn > today) return refuse('答复日期不能晚于今天', 'repliedOn');
  return ok(repliedOn);
}

/** What the resident reads by receipt, in plain words. */
export function publicOpinionStatus(r: Referral, today: ChinaDate): string {
  const due = effectiveReferralDue(r);
  switch (r.state) {
    case 'recorded': return '已收到，正在登记处理';
    case 'answered': return '已答复';
    case 'referred': {
      const where = r.referralLevel ? REFERRAL_LEVEL_LABELS[r.referralLevel] : '有关部门';
      if (isReferralOverdue(r, today)) return `已交${where}办理，已超过答复期限（${due}），人大正在督办`;
      return `已交${where}办理，应于 ${due} 前答复您`;
    }
    case 'replied': return repliedLate(r) ? `已答复（${r.repliedOn}，晚于期限 ${due}）` : `已答复（${r.repliedOn}）`;
    case 'converted': return '已由人大代表转为代表建议，交承办单位办理';
    case 'proposed': return '已转为民生实事项目建议，参加项目征集或进入项目储备库';
    case 'handedToRep': return '已转交人大代表';
  }
}
