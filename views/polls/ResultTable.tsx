import type { StoredResult } from '../../src/data/results';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { outcomeSummary } from '../../src/domain/resultText';
import { OUTCOME_LABELS } from '../../src/domain/tally';

/** Per candidate: for / against / abstain / invalid and the outcome — on the poll page, the sheet, the projector, the portal. */
export function ResultTable(p: { r: StoredResult; caption?: string; big?: boolean }) {
  return (
    <div class="table-wrap">
      <table class={p.big ? 'result big' : 'result stack-sm'}>
        {p.caption && <caption>{p.caption}</caption>}
        <thead>
          <tr><th>项目</th><th class="num">赞成</th><th class="num">反对</th><th class="num">弃权</th><th class="num">无效</th><th>结果</th></tr>
        </thead>
        <tbody>
          {p.r.tally.rows.map((row) => (
            <tr class={`outcome-${row.outcome}`}>
              <td data-label="项目">{row.label}</td>
              <td class="num" data-label="赞成">{row.for}</td>
              <td class="num" data-label="反对">{row.against}</td>
              <td class="num" data-label="弃权">{row.abstain}</td>
              <td class="num" data-label="无效">{row.invalid}</td>
              <td data-label="结果"><strong>{OUTCOME_LABELS[row.outcome]}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResultSummary(p: { r: StoredResult; terms: BodyTerms }) {
  return <p class="summary">{outcomeSummary(p.r.tally, p.terms)}</p>;
}

/** 发出 / 收回 / 有效 / 无效: the ballot reconciliation every result shows. */
export function BallotNumbers(p: { r: StoredResult }) {
  const b = p.r.ballots;
  const t = p.r.tally;
  return (
    <dl class="numbers">
      <div><dt>在册</dt><dd>{t.seated}</dd></div>
      <div><dt>出席</dt><dd>{t.present}</dd></div>
      <div><dt>发出选票</dt><dd>{b.issued}</dd></div>
      <div><dt>收回选票</dt><dd>{b.returned}</dd></div>
      <div><dt>有效票</dt><dd>{t.ballots.valid}</dd></div>
      <div><dt>无效票</dt><dd>{t.ballots.invalid}</dd></div>
    </dl>
  );
}
