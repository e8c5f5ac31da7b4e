import type { CollectionState } from '../../src/domain/collection';
import { phaseLabel } from '../../src/domain/phases';
import { chinaDay } from './format';

/** When collection opens/closed, in one sentence a resident understands. */
export function collectionSentence(state: CollectionState, kind: string, year?: number): string {
  const what = `${year ? `${year} 年度` : '本年度'}民生实事项目征集`;
  switch (state.kind) {
    case 'open': return `${what}正在进行：${chinaDay(state.opens)}至${chinaDay(state.closes)}（含当天）。`;
    case 'notYet': return `${what}将于${chinaDay(state.opens)}开始，${chinaDay(state.closes)}截止。届时欢迎提出建议。`;
    case 'closed': return `${what}已于${chinaDay(state.closes)}截止，感谢您的关注。`;
    case 'notSet': return `${what}的时间尚未公布，请留意代表之家和村（社区）的公告。`;
    case 'phaseOver': return `${what}已经结束，目前处于“${phaseLabel(state.phase, kind)}”阶段。`;
    case 'noCycle': return '本年度民生实事项目征集尚未开始，请留意代表之家和村（社区）的公告。';
  }
}

export function CollectionNotice(p: { state: CollectionState; kind: string; year?: number }) {
  return <p class={p.state.kind === 'open' ? 'notice open' : 'notice'}>{collectionSentence(p.state, p.kind, p.year)}</p>;
}
