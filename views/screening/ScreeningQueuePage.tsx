import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { EligibilityParams } from '../../src/domain/eligibility';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../src/domain/vocabulary';
import { STATUS_LABELS } from '../../src/domain/proposalLabels';
import { fmtYuan } from '../components/format';
import { Crumbs, ParameterBox, StatusBadge } from './ScreeningPage';

export interface QueueRow {
  id: number; receipt: string; title: string; placeName: string | null; outsideArea?: boolean; estimatedCost: number; status: ProposalStatus;
  failed: number; flagged: number;
}

export function ScreeningQueuePage(p: {
  j: Jurisdiction; cycle: Cycle; rows: QueueRow[]; counts: Partial<Record<ProposalStatus, number>>; status?: ProposalStatus;
  settings: EligibilityParams; canEditSettings: boolean; blocked?: string;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  const total = Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <section class="area-screening">
      <Crumbs j={p.j} year={p.cycle.year} />
      <h1>{p.j.name} {p.cycle.year} 年度 · 资格审查</h1>
      {p.blocked && <p class="card">{p.blocked}</p>}
      <nav class="tabs" aria-label="按状态筛选">
        <a href={`${base}/screening`} aria-current={p.status ? undefined : 'page'}>全部（{total}）</a>
        {PROPOSAL_STATUSES.map((s) => (
          <a href={`${base}/screening?status=${s}`} aria-current={p.status === s ? 'page' : undefined}>{STATUS_LABELS[s]}（{p.counts[s] ?? 0}）</a>
        ))}
      </nav>
      <ParameterBox j={p.j} settings={p.settings} canEdit={p.canEditSettings} />
      {p.rows.length === 0 ? <p class="muted">没有提议。</p> : (
        <div class="table-wrap">
          <table class="stack-sm">
            <thead><tr><th>回执号</th><th>项目</th><th>村/社区</th><th class="num">估算投资</th><th>自动审查</th><th>状态</th></tr></thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td data-label="回执号">{r.receipt}</td>
                  <td data-label="项目"><a href={`${base}/proposals/${r.id}`}>{r.title}</a></td>
                  <td data-label="村/社区">{r.outsideArea ? '本辖区以外' : r.placeName ?? '全域'}</td>
                  <td data-label="估算投资" class="num">{fmtYuan(r.estimatedCost)}</td>
                  <td data-label="自动审查">
                    {r.failed === 0 && r.flagged === 0 ? <span class="badge ok">未发现问题</span> : (
                      <>{r.failed > 0 && <span class="badge bad">{r.failed} 项不符合</span>} {r.flagged > 0 && <span class="badge warn">{r.flagged} 项存疑</span>}</>
                    )}
                  </td>
                  <td data-label="状态"><StatusBadge status={r.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p><a href={`${base}/candidates`}>候选项目名单 →</a></p>
    </section>
  );
}
