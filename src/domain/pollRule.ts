import { z } from 'zod';
import { MAJORITY_BASE_WORDS, minimumFor, passesMajority, type MajorityBase } from './majority';
import { fractionWords, hasQuorum, parseFraction, quorumNeeded, quorumRuleWords, type Comparator, type Fraction } from './quorum';
import { ok, refuse, type Result } from './result';
import { BALLOT_FORMS, REP_BODIES, type BallotForm, type RepBody } from './vocabulary';

/**
 * The rule a poll is held under, fixed when it opens (a decision freezes what it was decided under): the count,
 * the result sheet and the projector read this snapshot, never today's settings.
 */
export interface PollRule {
  body: RepBody;
  quorum: { fraction: Fraction; comparator: Comparator };
  /** 过半数 is strictly more than half of the base; the comparator is stored so the sheet can say it. */
  majority: { base: MajorityBase; comparator: 'moreThan' };
  /** 应选数 N (null for a year-end evaluation, which elects nothing). */
  seatsToFill: number | null;
  candidates: number;
  ballotForm: BallotForm;
  /** 差额 (more candidates than places) or 等额 (as many candidates as places). */
  slate: 'competitive' | 'equal';
  /** A year-end evaluation's 整改线: a project rated below it gets its follow-up. Absent for polls that elect. */
  satisfactionThresholdPct?: number;
}

/** What the jurisdiction's settings say about voting: the inputs of ruleInForce. */
export interface VoteSettings {
  quorumFraction: string;
  quorumComparator: Comparator;
  majorityBase: MajorityBase;
  allowEqualSlate: 'yes' | 'no';
  satisfactionThreshold: number;
}

export const BALLOT_FORM_WORDS: Record<BallotForm, string> = {
  perItem: '逐项表决（对每个候选项目写明赞成、反对或弃权）',
  tick: '勾选（在同意的候选项目后打勾，打勾即为赞成）',
};

/** The rule in force for a poll about to open: the settings of today and the poll's own N, list and ballot form. */
export function ruleInForce(body: RepBody, s: VoteSettings, poll: { seatsToFill: number | null; candidates: number; ballotForm: BallotForm }): PollRule {
  return {
    body,
    quorum: { fraction: parseFraction(s.quorumFraction), comparator: s.quorumComparator },
    majority: { base: s.majorityBase, comparator: 'moreThan' },
    seatsToFill: poll.seatsToFill,
    candidates: poll.candidates,
    ballotForm: poll.ballotForm,
    slate: poll.seatsToFill !== null && poll.candidates <= poll.seatsToFill ? 'equal' : 'competitive',
    ...(poll.seatsToFill === null ? { satisfactionThresholdPct: s.satisfactionThreshold } : {}),
  };
}

const fraction = z.object({ num: z.number().int().positive(), den: z.number().int().positive() });
const ruleSchema = z.object({
  body: z.enum(REP_BODIES),
  quorum: z.object({ fraction, comparator: z.enum(['atLeast', 'moreThan']) }),
  majority: z.object({ base: z.enum(['seated', 'present']), comparator: z.literal('moreThan') }),
  seatsToFill: z.number().int().nullable(),
  candidates: z.number().int(),
  ballotForm: z.enum(BALLOT_FORMS),
  slate: z.enum(['competitive', 'equal']),
  satisfactionThresholdPct: z.number().int().min(0).max(100).optional(),
});

/** The stored snapshot, or null when the poll has none (never opened, or opened before snapshots existed). */
export function readRule(json: string | null | undefined): PollRule | null {
  if (!json) return null;
  try {
    const parsed = ruleSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function meetsQuorum(rule: Pick<PollRule, 'quorum'>, present: number, seated: number): boolean {
  return hasQuorum(present, seated, rule.quorum.fraction, rule.quorum.comparator);
}

export function quorumNeededBy(rule: Pick<PollRule, 'quorum'>, seated: number): number {
  return quorumNeeded(seated, rule.quorum.fraction, rule.quorum.comparator);
}

/** The number the majority is taken of: all seated, or those present, as the rule says. */
export function majorityBaseCount(rule: Pick<PollRule, 'majority'>, seated: number, present: number): number {
  return rule.majority.base === 'seated' ? seated : present;
}

export function passesRule(rule: Pick<PollRule, 'majority'>, forVotes: number, seated: number, present: number): boolean {
  return passesMajority(forVotes, majorityBaseCount(rule, seated, present));
}

/**
 * Whether a poll held under `poll` keeps to the adopted 票决办法: the same quorum, majority and ballot form; a
 * selection poll also the same N and slate. A runoff fills the places left, so its N differs by design.
 * Returns the first difference in words, or null when they agree.
 */
export function ruleDisagreement(poll: PollRule, adopted: PollRule, kind: 'selection' | 'runoff' | 'further'): string | null {
  if (poll.quorum.fraction.num * adopted.quorum.fraction.den !== adopted.quorum.fraction.num * poll.quorum.fraction.den
    || poll.quorum.comparator !== adopted.quorum.comparator) {
    return `法定人数：票决办法规定${quorumRuleWords(adopted.quorum.fraction, adopted.quorum.comparator)}，现行设置为${quorumRuleWords(poll.quorum.fraction, poll.quorum.comparator)}`;
  }
  if (poll.majority.base !== adopted.majority.base) {
    return `通过标准：票决办法规定以${MAJORITY_BASE_WORDS[adopted.majority.base]}为基数，现行设置为${MAJORITY_BASE_WORDS[poll.majority.base]}`;
  }
  if (poll.ballotForm !== adopted.ballotForm) {
    return `选票形式：票决办法规定${shortFormWords(adopted.ballotForm)}，本轮表决为${shortFormWords(poll.ballotForm)}`;
  }
  if (kind === 'selection' && (poll.seatsToFill !== adopted.seatsToFill || poll.candidates !== adopted.candidates)) {
    return `候选项目 ${adopted.candidates} 个、应选 ${adopted.seatsToFill} 项是票决办法规定的，本轮表决为候选 ${poll.candidates} 个、应选 ${poll.seatsToFill} 项`;
  }
  return null;
}

export function shortFormWords(form: BallotForm): string {
  return form === 'tick' ? '勾选' : '逐项赞成、反对、弃权';
}

/**
 * 差额 or 等额: fewer candidates than places is never a vote; as many as places (等额) only where the jurisdiction's
 * rule allows it (DOMAIN §3.4 expects 差额; 北坡镇 held 7 for 7 under its own rule).
 */
export function checkSlate(candidates: number, seatsToFill: number, allowEqualSlate: boolean): Result<'competitive' | 'equal'> {
  if (candidates < seatsToFill) return refuse(`候选项目 ${candidates} 个，少于应选数 ${seatsToFill} 个，不能表决`);
  if (candidates === seatsToFill) {
    if (!allowEqualSlate) {
      return refuse(`候选项目 ${candidates} 个，与应选数相同（等额）。本辖区的票决规则要求差额票决（候选项目多于应选数）；`
        + '如本级人大的票决办法允许等额票决，请先在“参数设置”中开启“允许等额票决”，或增加候选项目');
    }
    return ok('equal');
  }
  return ok('competitive');
}

/** The rule's quorum and majority in words, with the numbers for this roll: the sheet and the 票决办法 print them. */
export function ruleSummary(rule: PollRule, seated: number, present: number, rep: string) {
  const base = majorityBaseCount(rule, seated, present);
  return {
    quorum: `出席${rep}须达到在册${rep}的${quorumRuleWords(rule.quorum.fraction, rule.quorum.comparator)}`,
    quorumNeeded: quorumNeededBy(rule, seated),
    majority: `赞成票须超过${rule.majority.base === 'seated' ? `全体在册${rep}` : `出席${rep}`}的半数（过半数，不含半数本身）`,
    minimumFor: minimumFor(base),
    fraction: fractionWords(rule.quorum.fraction),
  };
}
