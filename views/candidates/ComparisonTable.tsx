import type { CandidateView } from '../../src/data/candidates';
import { beneficiariesOf, monthsSpanned } from '../../src/domain/candidateList';
import { fmtYuan } from '../components/format';
import { groupedNumber } from '../../src/domain/numberText';

/**
 * The candidates side by side: budget, unit, schedule, who benefits, cross-year. On a phone the table scrolls
 * sideways inside its frame with the name column kept in view; printed it fits A4 portrait.
 */
export function ComparisonTable(p: { list: CandidateView[]; caption?: string }) {
  if (p.list.length === 0) return null;
  return (
    <div class="table-wrap compare-wrap" tabindex={0} role="region" aria-label="候选项目对比表（可左右滑动）">
      <table class="compare">
        <caption>{p.caption ?? '候选项目对比'}<span class="compare-hint">（手机上可左右滑动表格）</span></caption>
        <thead>
          <tr>
            <th scope="col" class="compare-name">项目</th><th scope="col" class="num">预算</th>
            <th scope="col">承办单位</th><th scope="col">实施期限</th><th scope="col" class="num">月数</th>
            <th scope="col">受益群众</th><th scope="col">跨年度</th>
          </tr>
        </thead>
        <tbody>
          {p.list.map((c, i) => {
            const b = beneficiariesOf(c.proposals);
            const months = monthsSpanned(c.startDate, c.endDate);
            return (
              <tr>
                <th scope="row" class="compare-name">{i + 1}. {c.title}</th>
                <td class="num">{fmtYuan(c.budget)}</td>
                <td>{c.unitName}</td>
                <td class="nowrap">{c.startDate}<br />至 {c.endDate}</td>
                <td class="num">{months ?? '—'}</td>
                <td>{b.text || '—'}{b.count !== null && <div class="muted">约 {groupedNumber(b.count)} 人</div>}</td>
                <td>{c.crossYear ? '是' : '否'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
