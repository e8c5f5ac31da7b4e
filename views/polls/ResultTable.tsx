import type { EvaluationPollResult, SelectionResult, StoredResult } from '../../src/data/results';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import type { EvaluationRow } from '../../src/domain/evaluationTally';
import { evaluationSummary, outcomeSummary } from '../../src/domain/resultText';
import { OUTCOME_LABELS } from '../../src/domain/tally';
import { SatisfactionChart } from '../components/BarChart';

/** Per candidate: for / against / abstain / invalid and the outcome — on the poll page, the sheet, the projector, the portal. */
export function ResultTable(p: { r: StoredResult; caption?: string; big?: boolean; /** an evaluation's bars above its table, under this id */ chartId?: string }) {
  if (p.r.kind === 'evaluation') return <EvaluationTable r={p.r} caption={p.caption} big={p.big} chartId={p.chartId} />;
  if (p.r.rule?.ballotForm === 'tick') return <TickTable r={p.r} caption={p.caption} big={p.big} />;
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

/**
 * 勾选 polls: per candidate the ticks (得票) and the valid ballots that left it unticked (未勾选) — a tick ballot
 * has no 反对 or 弃权. A 勾选 line cannot be marked twice, so an option's invalid count is the invalid ballots.
 */
function TickTable(p: { r: SelectionResult; caption?: string; big?: boolean }) {
  const valid = p.r.tally.ballots.valid;
  return (
    <div class="table-wrap">
      <table class={p.big ? 'result big' : 'result stack-sm'}>
        {p.caption && <caption>{p.caption}</caption>}
        <thead>
          <tr><th>项目</th><th class="num">得票（勾选）</th><th class="num">未勾选</th><th class="num">无效</th><th>结果</th></tr>
        </thead>
        <tbody>
          {p.r.tally.rows.map((row) => (
            <tr class={`outcome-${row.outcome}`}>
              <td data-label="项目">{row.label}</td>
              <td class="num" data-label="得票（勾选）">{row.for}</td>
              <td class="num" data-label="未勾选">{valid - row.for}</td>
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
  return <p class="summary">{p.r.kind === 'evaluation' ? evaluationSummary(p.r.tally) : outcomeSummary(p.r.tally, p.terms)}</p>;
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function verdict(row: Pick<EvaluationRow, 'marked' | 'ratePct'>, threshold: number): string {
  if (row.ratePct === null) return '无有效评价';
  return row.marked ? `低于 ${threshold}%，须整改` : '达到要求';
}

/**
 * 年底评议: per project the count of each rating, the unrated (弃权) and invalid apart, the rate and whether the project
 * must be rectified; the last row pools every valid rating into the overall rate.
 */
export function EvaluationTable(p: { r: EvaluationPollResult; caption?: string; big?: boolean; chartId?: string }) {
  const t = p.r.tally;
  const tableId = p.chartId ? `${p.chartId}-table` : undefined;
  return (
    <>
    {p.chartId && <SatisfactionChart id={p.chartId} title="各项目满意、基本满意、不满意的比例" tableId={tableId!} rows={t.rows.map((row) => ({ label: row.label, counts: row }))} />}
    <div class="table-wrap">
      <table class={p.big ? 'result evaluation big' : 'result evaluation stack-sm'} id={tableId}>
        {p.caption && <caption>{p.caption}</caption>}
        <thead>
          <tr>
            <th>项目</th><th class="num">满意</th><th class="num">基本满意</th><th class="num">不满意</th>
            <th class="num">弃权</th><th class="num">无效</th><th class="num">满意率</th><th>结果</th>
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row) => (
            <tr class={row.marked ? 'rating-marked' : undefined}>
              <td data-label="项目">{row.label}</td>
              <td class="num" data-label="满意">{row.satisfied}</td>
              <td class="num" data-label="基本满意">{row.basic}</td>
              <td class="num" data-label="不满意">{row.dissatisfied}</td>
              <td class="num" data-label="弃权">{row.notRated}</td>
              <td class="num" data-label="无效">{row.invalid}</td>
              <td class="num" data-label="满意率"><strong>{pct(row.ratePct)}</strong></td>
              <td data-label="结果">{row.marked ? <strong class="bad">{verdict(row, t.thresholdPct)}</strong> : verdict(row, t.thresholdPct)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">总体</th>
            <td class="num" data-label="满意">{t.overall.satisfied}</td>
            <td class="num" data-label="基本满意">{t.overall.basic}</td>
            <td class="num" data-label="不满意">{t.overall.dissatisfied}</td>
            <td class="num" data-label="弃权"></td>
            <td class="num" data-label="无效"></td>
            <td class="num" data-label="满意率"><strong>{pct(t.overall.ratePct)}</strong></td>
            <td data-label="结果">有效评价 {t.overall.validRatings} 份</td>
          </tr>
        </tfoot>
      </table>
    </div>
    </>
  );
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
