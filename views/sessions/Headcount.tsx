import type { BodyTerms } from '../../src/domain/bodyTerms';

export interface HeadcountModel { seated: number; present: number; needed: number; met: boolean; fractionWords: string; ruleWords?: string }

/** 在册 / 出席 / 法定人数: the numbers that decide whether a poll may open. `id` lets htmx refresh it out of band. */
export function Headcount(p: { h: HeadcountModel; terms: BodyTerms; id?: string; oob?: boolean }) {
  return (
    <dl class="headcount" id={p.id} hx-swap-oob={p.oob ? 'true' : undefined} aria-live="polite">
      <div><dt>在册{p.terms.rep}</dt><dd>{p.h.seated}</dd></div>
      <div><dt>出席</dt><dd>{p.h.present}</dd></div>
      <div><dt>法定人数（{p.h.ruleWords ?? `${p.h.fractionWords}以上`}）</dt><dd>{p.h.needed}</dd></div>
      <div class={p.h.met ? 'quorum ok' : 'quorum bad'}>
        <dt>状态</dt><dd>{p.h.met ? '已达到法定人数' : `未达到，还差 ${Math.max(0, p.h.needed - p.h.present)} 名`}</dd>
      </div>
    </dl>
  );
}
