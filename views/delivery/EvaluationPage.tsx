import type { Cycle } from '../../src/data/cycles';
import type { AssessedProject } from '../../src/data/delivery';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Poll } from '../../src/data/polls';
import type { RatingWindowState } from '../../src/domain/feedbackWindow';
import { POLL_STATE_LABELS } from '../../src/domain/pollState';
import { evaluate, ratePct, satisfactionRate, type RatingCounts } from '../../src/domain/satisfaction';
import { SatisfactionChart } from '../components/BarChart';
import { DeliveryHeader } from './ProjectPages';
import { ratingWindowText } from './PublicPages';

const pct = (c: RatingCounts | undefined) => {
  if (!c) return '—';
  const r = ratePct(satisfactionRate(c));
  return r === null ? '无有效评价' : `${r}%`;
};

/** 年底评议 results: the representatives' rating (from the evaluation poll) and, apart from it, the residents'. */
export function EvaluationPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; items: AssessedProject[]; thresholdPct: number;
  /** The session's evaluation poll that rates this year's projects, if one has been set up. */
  poll?: Poll;
  /** The residents' rating window: only ratings given inside it make up 群众满意率. */
  rating: RatingWindowState;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  const evaluated = p.items.flatMap((a) => (a.evaluation ? [{ projectId: a.project.id, counts: a.evaluation }] : []));
  const overall = evaluate(evaluated, p.thresholdPct).overall;
  return (
    <section>
      <DeliveryHeader j={p.j} cycle={p.cycle} title="年底评议" tabs={p.tabs} current="/evaluation" />
      <p>年底由代表在{p.j.kind === 'subdistrict' ? '议事代表会议' : '人代会'}上对每个项目作“满意、基本满意、不满意”的无记名评议，
        与票决使用同一套出席、投票和计票规则。满意率 =（满意 + 基本满意）÷ 有效评价数；低于 {p.thresholdPct}% 的项目须整改，并在此跟踪整改情况。</p>
      <p class="no-print">{p.poll
        ? <>满意度测评：<a href={`/j/${p.j.code}/polls/${p.poll.id}`}>{p.poll.title}</a>（{POLL_STATE_LABELS[p.poll.state]}）</>
        : <>满意度测评尚未发起：请在<a href={`/j/${p.j.code}/sessions`}>会议</a>页面发起，可与下一年度项目{p.j.kind === 'subdistrict' ? '票选' : '票决'}在同一次会议上进行。</>}</p>
      {evaluated.length === 0
        ? <p class="muted">本年度的评议结果尚未产生。</p>
        : <p>总体满意率：<strong>{overall.rate ? `${ratePct(overall.rate)}%` : '—'}</strong>（共 {overall.counts.satisfied + overall.counts.basic + overall.counts.dissatisfied} 份有效评价）</p>}
      {evaluated.length > 0 && (
        <SatisfactionChart id="c-evaluation" title="各项目代表评议（每个项目按自己的有效评价数计）" tableId="t-evaluation"
          rows={p.items.map((a) => ({ label: a.project.title, counts: a.evaluation }))} />
      )}
      <div class="table-wrap">
        <table class="compact-sm" id="t-evaluation">
          <caption>各项目评议结果</caption>
          <thead><tr><th>项目</th><th class="num">满意</th><th class="num">基本满意</th><th class="num">不满意</th><th class="num">代表满意率</th><th>整改</th><th class="num">群众满意率</th></tr></thead>
          <tbody>
            {p.items.map((a) => (
              <tr>
                <td data-label="项目"><a href={`${base}/projects/${a.project.id}`}>{a.project.title}</a></td>
                <td data-label="满意" class="num">{a.evaluation?.satisfied ?? '—'}</td>
                <td data-label="基本满意" class="num">{a.evaluation?.basic ?? '—'}</td>
                <td data-label="不满意" class="num">{a.evaluation?.dissatisfied ?? '—'}</td>
                <td data-label="代表满意率" class="num">{a.evaluation ? pct(a.evaluation) : '未评议'}</td>
                <td data-label="整改">{a.followUp ? (a.followUp.state === 'done' ? '已完成' : <strong class="bad">整改中</strong>) : ''}</td>
                <td data-label="群众满意率" class="num">{pct(a.residents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">群众满意率来自项目公示牌二维码的评价（评价时间内、经审核公开的），与代表评议分开显示，不计入代表满意率。{ratingWindowText(p.rating)}
        {' '}<a class="no-print" href={`${base}/feedback`}>设置评价时间、审核留言</a></p>
    </section>
  );
}
