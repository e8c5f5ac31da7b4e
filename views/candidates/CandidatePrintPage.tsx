import type { CandidateView } from '../../src/data/candidates';
import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { chinaDateOf, fmtYuan } from '../components/format';
import { MilestoneTable } from './CandidateListPage';
import { ComparisonTable } from './ComparisonTable';

/** The list as handed to representatives at the session: one page per few candidates, no navigation. */
export function CandidatePrintPage(p: { j: Jurisdiction; cycle: Cycle; list: CandidateView[] }) {
  const { j, cycle } = p;
  const approved = cycle.candidatesLockedAt;
  const n = cycle.seatsToFill;
  const total = p.list.reduce((sum, c) => sum + c.budget, 0);
  const vote = j.kind === 'subdistrict' ? '票选' : '票决';
  return (
    <article class="print-sheet area-screening">
      <p class="no-print actions"><a href={`/j/${j.code}/cycles/${cycle.year}/candidates`}>← 返回候选项目名单</a> <span class="muted">用浏览器的“打印”即可打印本页</span></p>
      {!approved && <p class="draft-mark">草案 · 尚未经主席团审定</p>}
      <h1 class="sheet-title">{j.name}{cycle.year}年度民生实事候选项目名单</h1>
      <p class="sheet-sub">
        {approved ? `经主席团 ${chinaDateOf(approved)} 审定` : '待主席团审定'} · 候选项目 {p.list.length} 项 · 应选 {n ?? '—'} 项
        {n !== null && (p.list.length > n ? `（差额${vote}）` : `（等额${vote}）`)} · 预算合计 {fmtYuan(total)}
      </p>
      <ComparisonTable list={p.list} caption="候选项目对比（预算、承办单位、实施期限、受益群众）" />
      <h2>项目名称及建设内容</h2>
      <table class="sheet stack-sm candidate-sheet">
        <colgroup><col class="c-seq" /><col class="c-title" /><col class="c-budget" /><col class="c-unit" /><col class="c-lead" /><col class="c-term" /></colgroup>
        <thead>
          <tr><th>序号</th><th>项目名称及建设内容</th><th class="num">预算</th><th>承办单位</th><th>责任领导</th><th>实施期限</th></tr>
        </thead>
        <tbody>
          {p.list.map((c, i) => (
            <tr>
              <td data-label="序号">{i + 1}</td>
              <td data-label="项目"><strong>{c.title}</strong>{c.crossYear && '（跨年度）'}{c.description && <div>{c.description}</div>}
                <div class="muted">来源提议：{c.proposals.map((x) => x.receipt).join('、')}</div></td>
              <td data-label="预算" class="num">{fmtYuan(c.budget)}</td>
              <td data-label="承办单位">{c.unitName}</td>
              <td data-label="责任领导">{c.leadOfficial}</td>
              <td data-label="实施期限"><span class="nowrap">{c.startDate}</span> 至 <span class="nowrap">{c.endDate}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>各项目里程碑</h2>
      {p.list.map((c, i) => (
        <section class="sheet-milestones">
          <h3>{i + 1}. {c.title}</h3>
          <MilestoneTable c={c} />
        </section>
      ))}
      <p class="sheet-foot">
        应选项目数 N = {n ?? '未设定'}。{n !== null && p.list.length > n && `差额${vote}：每张选票“赞成”的项目不得多于 ${n} 项，多于的选票无效。`}
      </p>
    </article>
  );
}
