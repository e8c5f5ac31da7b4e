import type { BodyTerms } from './bodyTerms';
import { fractionWords } from './quorum';
import type { SelectionTally } from './tally';

/** The rule applied, in words, with every number: printed on the result sheet and shown on the public page. */
export function ruleLines(t: SelectionTally, terms: BodyTerms): string[] {
  const base = t.majorityBase === 'seated' ? `全体在册${terms.rep} ${t.baseCount} 名` : `出席${terms.rep} ${t.baseCount} 名`;
  const lines = [
    `法定人数：出席${terms.rep}须达到在册${terms.rep}的${fractionWords(t.quorum)}以上（含本数）。在册 ${t.seated} 名，至少须出席 ${t.quorumNeeded} 名；`
      + `本轮表决时出席 ${t.present} 名，${t.quorumMet ? '符合' : '不符合'}法定人数。`,
    `通过标准：赞成票须超过${base}的半数，即至少 ${t.minimumFor} 票（过半数不含半数本身）。`,
    `应选 ${t.seatsToFill} 项：每张选票赞成不得超过 ${t.seatsToFill} 项，超过的为无效票，对每个项目均计为无效。`,
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
