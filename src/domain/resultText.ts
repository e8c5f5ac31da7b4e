import type { BodyTerms } from './bodyTerms';
import { fractionWords, type Comparator, type Fraction } from './quorum';
import type { BallotForm } from './vocabulary';
import type { EvaluationTally } from './evaluationTally';
import type { SelectionTally } from './tally';

/** 出席代表须达到在册代表的三分之二以上（含本数） / 须超过在册议事代表的三分之二（不含本数）. */
function quorumSentence(rep: string, f: Fraction, comparator: Comparator = 'atLeast'): string {
  return comparator === 'atLeast'
    ? `出席${rep}须达到在册${rep}的${fractionWords(f)}以上（含本数）`
    : `出席${rep}须超过在册${rep}的${fractionWords(f)}（不含本数）`;
}

/**
 * The rule applied, in words, with every number: printed on the result sheet and shown on the public page. The
 * ballot form comes from the poll's rule snapshot (a tick ballot says 勾选).
 */
export function ruleLines(t: SelectionTally, terms: BodyTerms, form: BallotForm = 'perItem'): string[] {
  const base = t.majorityBase === 'seated' ? `全体在册${terms.rep} ${t.baseCount} 名` : `出席${terms.rep} ${t.baseCount} 名`;
  const lines = [
    `法定人数：${quorumSentence(terms.rep, t.quorum, t.quorumComparator)}。在册 ${t.seated} 名，至少须出席 ${t.quorumNeeded} 名；`
      + `本轮表决时出席 ${t.present} 名，${t.quorumMet ? '符合' : '不符合'}法定人数。`,
    `通过标准：赞成票须超过${base}的半数，即至少 ${t.minimumFor} 票（过半数不含半数本身）。`,
    form === 'tick'
      ? `应选 ${t.seatsToFill} 项：每张选票勾选不得超过 ${t.seatsToFill} 项，勾选即为赞成；超过的为无效票，对每个项目均计为无效。`
      : `应选 ${t.seatsToFill} 项：每张选票赞成不得超过 ${t.seatsToFill} 项，超过的为无效票，对每个项目均计为无效。`,
    `通过的项目多于应选数时，按赞成票多少取前 ${t.seatsToFill} 项；第 ${t.seatsToFill} 位赞成票相同而名额不足的，就剩余名额在得票相同的项目中另行投票；通过的项目少于应选数时，不足的名额空缺。`,
  ];
  return lines;
}

export function outcomeSummary(t: SelectionTally, terms: BodyTerms): string {
  const parts = [`应选 ${t.seatsToFill} 项，通过 ${t.adopted} 项`];
  if (t.runoffSeats > 0) {
    const tied = t.rows.filter((r) => r.outcome === 'runoff').length;
    parts.push(`${tied} 个项目赞成票相同，须就剩余 ${t.runoffSeats} 个名额另行投票`);
  }
  if (t.emptySeats > 0) parts.push(`${t.emptySeats} 个名额空缺（通过的项目不足应选数，除非会议另行${terms.vote}）`);
  return parts.join('；') + '。';
}

/** The evaluation's rules in words, with every number: the result sheet prints them. */
export function evaluationRuleLines(t: EvaluationTally, terms: BodyTerms): string[] {
  return [
    `法定人数：${quorumSentence(terms.rep, t.quorum, t.quorumComparator)}。在册 ${t.seated} 名，至少须出席 ${t.quorumNeeded} 名；`
      + `本轮测评时出席 ${t.present} 名，${t.quorumMet ? '符合' : '不符合'}法定人数。`,
    '每个项目评为“满意”“基本满意”“不满意”之一；未评价的项目按弃权计，不计入该项目的有效评价数。',
    '满意率 =（满意 + 基本满意）÷ 有效评价数（满意 + 基本满意 + 不满意）；总体满意率按全部项目的有效评价合计计算。',
    `满意率低于 ${t.thresholdPct}% 的项目须整改（恰好 ${t.thresholdPct}% 不属于低于）；没有有效评价的项目不计算满意率。`,
    '无效票对每个项目均不计入有效评价。',
  ];
}

export function evaluationSummary(t: EvaluationTally): string {
  const overall = t.overall.ratePct === null ? '总体没有有效评价' : `总体满意率 ${t.overall.ratePct}%（有效评价 ${t.overall.validRatings} 份）`;
  const marked = t.rows.filter((r) => r.marked);
  const tail = marked.length === 0
    ? `没有满意率低于 ${t.thresholdPct}% 的项目`
    : `${marked.length} 个项目满意率低于 ${t.thresholdPct}%，须整改：${marked.map((r) => r.label).join('、')}`;
  return `${overall}；${tail}。`;
}
