import { HaltNote } from './ImplementationPages';
import type { Cycle } from '../../src/data/cycles';
import type { AssessedProject } from '../../src/data/delivery';
import type { Feedback } from '../../src/data/feedback';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { PlanAdjustmentRow } from '../../src/data/projects';
import type { GroupWithMembers, VisitWithDemands } from '../../src/data/supervision';
import { PROJECT_STATUS_LABELS } from '../../src/domain/projectStatus';
import { RECTIFICATION_LABELS, isRectificationOverdue } from '../../src/domain/rectification';
import { RATING_LABELS, ratePct, satisfactionRate } from '../../src/domain/satisfaction';
import type { Plan } from '../../src/domain/schedule';
import { MEMBER_ROLE_LABELS, VISIT_RATING_LABELS, quarterLabel } from '../../src/domain/supervision';
import { FormError, PostButton, type FieldErrors, type FormValues, Field, TextArea, SelectField } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';
import { ColourBadge, CycleTabs, MILESTONE_STATE_LABELS, ProgressBar, StandingBadge } from './common';

export function DeliveryHeader(p: { j: Jurisdiction; cycle: Cycle; title: string; tabs: [string, string][]; current: string }) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  return (
    <>
      <p class="muted no-print"><a href={`/j/${p.j.code}`}>{p.j.name}</a> › <a href={base}>{p.cycle.year} 年度</a></p>
      <h1>{p.title}</h1>
      <CycleTabs base={base} current={p.current} links={p.tabs} />
    </>
  );
}

export function ProjectListPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; items: AssessedProject[]; today: string;
  stations: { name: string; shortCode: string }[];
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  return (
    <section>
      <DeliveryHeader j={p.j} cycle={p.cycle} title={`${p.j.name} ${p.cycle.year} 年度民生实事项目实施进展`} tabs={p.tabs} current="/projects" />
      <p class="muted">截至 {p.today}。亮灯按月度进展与计划比较得出：蓝灯完工验收，绿灯按计划推进，黄灯轻微滞后，橙灯滞后超过容差，红灯严重滞后或整改逾期。</p>
      {p.items.length === 0 ? <p class="muted">本年度还没有票决通过的项目。</p> : (
        <ul class="project-list">
          {p.items.map((a) => (
            <li class="card">
              <div class="project-head">
                <ColourBadge colour={a.assessment.colour} />
                <a href={`${base}/projects/${a.project.id}`} class="project-title">{a.project.title}</a>
              </div>
              <ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} />
              <p class="meta">
                {a.project.unitName} · {PROJECT_STATUS_LABELS[a.project.status]} · 预算 {fmtYuan(a.plan.budget)} · 已支出 {fmtYuan(a.spent)}
                {a.assessment.standings.some((s) => s.standing === 'overdue') && <> · <strong class="bad">逾期未报 {a.assessment.standings.filter((s) => s.standing === 'overdue').length} 个月</strong></>}
                {a.openDemands > 0 && <> · 未结整改 {a.openDemands} 项{a.overdueDemands > 0 && <strong class="bad">（逾期 {a.overdueDemands}）</strong>}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <div class="actions no-print">
        <a class="button secondary" href={`/p/${p.j.code}/${p.cycle.year}/projects`}>公开进展页</a>
        {p.stations.map((s) => <a class="button secondary" href={`/p/${p.j.code}/${p.cycle.year}/projects/board/${s.shortCode}`}>{s.name} 公示栏</a>)}
      </div>
    </section>
  );
}

export function PlanTable(p: { plan: Plan; caption?: string }) {
  return (
    <div class="table-wrap">
      <table class="compact-sm">
        {p.caption && <caption>{p.caption}</caption>}
        <thead><tr><th>节点</th><th>计划日期</th><th class="num">累计完成</th><th class="num">累计支出</th></tr></thead>
        <tbody>
          {p.plan.milestones.map((m) => (
            <tr>
              <td data-label="节点">{m.title}</td>
              <td data-label="计划日期">{m.dueDate}</td>
              <td data-label="累计完成" class="num">{m.plannedPct}%</td>
              <td data-label="累计支出" class="num">{fmtYuan(m.plannedSpend)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="meta">工期 {p.plan.startDate} 至 {p.plan.endDate} · 预算 {fmtYuan(p.plan.budget)}</p>
    </div>
  );
}

export interface ProjectPageCan { report: boolean; manage: boolean; supervise: boolean; answer: boolean; feedback: boolean; moderate: boolean }

export function ProjectPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; a: AssessedProject; original: Plan; adjustments: PlanAdjustmentRow[];
  visits: VisitWithDemands[]; group?: GroupWithMembers; feedback: Feedback[]; today: string; can: ProjectPageCan;
  carriedTo?: string; carriedFrom?: string; nextYearCycle: boolean;
  /** 测评整改's due date (the clerk's deadline, else the default period) and whether it has passed while open. */
  followUpDue?: { due: string; overdue: boolean };
  followUpValues?: FormValues; followUpErrors?: FieldErrors; error?: string;
}) {
  const { a, j, cycle } = p;
  const base = `/j/${j.code}/cycles/${cycle.year}`;
  const here = `${base}/projects/${a.project.id}`;
  const byMonth = new Map(a.reports.map((r) => [r.month, r]));
  const latest = a.latest;
  const ev = a.evaluation;
  return (
    <section>
      <DeliveryHeader j={j} cycle={cycle} title={a.project.title} tabs={p.tabs} current="/projects" />
      {p.error && <p class="error banner" role="alert">{p.error}</p>}
      <div class="project-summary card">
        <p><ColourBadge colour={a.assessment.colour} long /> <span class="badge">{PROJECT_STATUS_LABELS[a.project.status]}</span></p>
        <HaltNote a={a} />
        <ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} />
        <dl class="facts">
          <dt>承办单位</dt><dd>{a.project.unitName}</dd>
          <dt>责任领导</dt><dd>{a.project.leadOfficial}</dd>
          <dt>预算</dt><dd>{fmtYuan(a.plan.budget)}</dd>
          <dt>已支出</dt><dd>{fmtYuan(a.spent)}</dd>
          <dt>工期</dt><dd>{a.plan.startDate} 至 {a.plan.endDate}{a.project.crossYear && '（跨年度）'}</dd>
          <dt>监督小组</dt><dd>{p.group ? p.group.name : '未分配'}</dd>
        </dl>
        {p.carriedFrom && <p>本项目由上年度结转{a.carried && `（结转时已完成 ${a.carried.pct}%，累计支出 ${fmtYuan(a.carried.spent)}）`}：<a href={p.carriedFrom}>查看上年度记录</a></p>}
        {p.carriedTo && <p>剩余计划已结转到下一年度：<a href={p.carriedTo}>查看</a></p>}
        <div class="actions no-print">
          <a class="button secondary" href={`/p/${j.code}/${cycle.year}/projects/${a.project.id}`}>公开页面</a>
          <a class="button secondary" href={`/p/${j.code}/${cycle.year}/projects/${a.project.id}/sign`}>公示牌（二维码）</a>
          {p.can.manage && <a class="button secondary" href={`${here}/plan`}>调整计划</a>}
          <a class="button secondary" href={`${here}/implementation`}>实施方案</a>
          <a class="button secondary" href={`${here}/amendments`}>调整、暂停、终止</a>
          {p.can.supervise && <a class="button secondary" href={`${here}/visits/new`}>记录季度督查</a>}
          {p.can.manage && a.project.status === 'completed' && <PostButton action={`${here}/accept`} label="验收通过" confirm="确认该项目已完工并验收通过？" />}
          {p.can.manage && a.project.crossYear && !p.carriedTo && p.nextYearCycle && (
            <PostButton action={`${here}/carry-over`} label="结转剩余计划到下一年度" class="secondary" confirm="将剩余计划结转到下一年度？" />
          )}
        </div>
      </div>

      <h2 id="reports">月度进展</h2>
      {a.assessment.months.length === 0 ? <p class="muted">本年度没有需要报送的月份。</p> : (
        <div class="table-wrap">
          <table class="compact-sm">
            <thead><tr><th>月份</th><th>状态</th><th class="num">累计完成</th><th class="num">累计支出</th><th>报送时间</th><th><span class="sr-only">操作</span></th></tr></thead>
            <tbody>
              {a.assessment.standings.map((s) => {
                const r = byMonth.get(s.month);
                const mayFile = p.can.report && s.month <= p.today.slice(0, 7) && cycle.phase !== 'closed';
                return (
                  <tr>
                    <td data-label="月份">{s.month}</td>
                    <td><StandingBadge standing={s.standing} />{!r && s.standing !== 'notYet' && <span class="muted"> 截止 {s.due}</span>}</td>
                    <td data-label="累计完成" class="num">{r ? `${r.pct}%` : '—'}</td>
                    <td data-label="累计支出" class="num">{r ? fmtYuan(r.spent) : '—'}</td>
                    <td data-label="报送时间">{r ? fmtDateTime(r.filedAt) : ''}</td>
                    <td>
                      {r ? <a href={`${here}/reports/${s.month}`}>{mayFile ? '查看/更正' : '查看'}<span class="sr-only"> {s.month}</span></a>
                        : mayFile ? <a href={`${here}/reports/${s.month}`}>报送<span class="sr-only"> {s.month} 月度进展</span></a> : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {latest && (
        <div class="card">
          <h3>最新进展（{latest.month}）</h3>
          <ul class="milestones">
            {latest.reported.map((m) => (
              <li>{m.title}（计划 {m.dueDate}）：<strong>{MILESTONE_STATE_LABELS[m.state]}</strong>{m.state === 'late' && m.expectedDate && `，预计 ${m.expectedDate} 完成`}</li>
            ))}
          </ul>
          {latest.problems && <p><strong>存在问题：</strong>{latest.problems}</p>}
          {latest.helpNeeded && <p><strong>需协调事项（内部）：</strong>{latest.helpNeeded}</p>}
          {latest.backwardsReason && <p><strong>进度回调说明：</strong>{latest.backwardsReason}</p>}
        </div>
      )}

      <h2>项目计划</h2>
      {p.adjustments.length === 0 ? <PlanTable plan={a.plan} caption="计划（票决通过时）" /> : (
        <>
          <PlanTable plan={a.plan} caption="现行计划" />
          <h3>计划调整记录</h3>
          <ol class="timeline">
            {p.adjustments.map((adj) => (
              <li>
                <strong>{fmtDateTime(adj.at)} · {adj.byName}</strong>
                <div>调整原因：{adj.reason}</div>
                <div class="muted">工期 {adj.plan.startDate} 至 {adj.plan.endDate}，预算 {fmtYuan(adj.plan.budget)}，节点 {adj.plan.milestones.length} 个</div>
              </li>
            ))}
          </ol>
          <details>
            <summary>原计划（票决通过时）</summary>
            <PlanTable plan={p.original} />
          </details>
        </>
      )}

      <h2>季度督查</h2>
      {p.visits.length === 0 ? <p class="muted">还没有督查记录。</p> : p.visits.map((v) => (
        <div class="card visit">
          <h3>{quarterLabel(v.quarter)} · {v.date} <span class="badge">{VISIT_RATING_LABELS[v.rating]}</span> {v.publishedAt ? <span class="badge ok">已公开</span> : <span class="badge off">未公开</span>}</h3>
          <p class="meta">到场：{v.members.join('、') || '—'} · 记录人 {v.recordedByName}</p>
          <p><strong>督查发现：</strong>{v.findings}</p>
          {v.problems && <p><strong>存在问题：</strong>{v.problems}</p>}
          {v.rectifications.length > 0 && (
            <ul class="demands">
              {v.rectifications.map((r) => (
                <li>
                  <a href={`${here}/rectifications/${r.id}`}>{r.demand}</a> · 期限 {r.deadline} · <span class={`rect rect-${r.state}`}>{RECTIFICATION_LABELS[r.state]}</span>
                  {isRectificationOverdue(r.state, r.deadline, p.today) && <strong class="bad"> 已逾期</strong>}
                </li>
              ))}
            </ul>
          )}
          {p.can.supervise && !v.publishedAt && <PostButton action={`${here}/visits/${v.id}/publish`} label="公开督查结果" class="secondary small" />}
        </div>
      ))}

      {(ev || a.followUp) && (
        <>
          <h2 id="evaluation">年底评议</h2>
          {ev && (
            <p>满意 {ev.satisfied}，基本满意 {ev.basic}，不满意 {ev.dissatisfied}；满意率 {ratePct(satisfactionRate(ev)) ?? '—'}{ratePct(satisfactionRate(ev)) === null ? '（无有效评价）' : '%'}
              {ev.marked && <strong class="bad">　低于 {ev.thresholdPct}% ，须整改</strong>}</p>
          )}
          {a.followUp && (
            <div class="card">
              <h3>整改跟踪 {a.followUp.state === 'done' ? <span class="badge ok">已完成</span> : <span class="badge">整改中</span>}</h3>
              {a.followUp.measures && <p><strong>整改措施：</strong>{a.followUp.measures}</p>}
              {p.followUpDue && (
                <p><strong>整改期限：</strong>{p.followUpDue.due}{!a.followUp.deadline && '（默认期限）'}
                  {p.followUpDue.overdue && <strong class="bad">　已逾期</strong>}</p>
              )}
              {a.followUp.outcome && <p><strong>整改结果：</strong>{a.followUp.outcome}</p>}
              {p.can.manage && (
                <form method="post" action={`${here}/follow-up`} class="stack" novalidate>
                  <FormError errors={p.followUpErrors} />
                  <TextArea name="measures" label="整改措施" value={p.followUpValues?.measures ?? a.followUp.measures} error={p.followUpErrors?.measures} maxlength={2000} required />
                  <Field name="deadline" label="整改期限" type="date" value={p.followUpValues?.deadline ?? a.followUp.deadline ?? ''} error={p.followUpErrors?.deadline} />
                  <SelectField name="state" label="状态" options={[['open', '整改中'], ['done', '已完成']]} value={p.followUpValues?.state ?? a.followUp.state} error={p.followUpErrors?.state} />
                  <TextArea name="outcome" label="整改结果" value={p.followUpValues?.outcome ?? a.followUp.outcome} error={p.followUpErrors?.outcome} maxlength={2000} />
                  <button type="submit">保存整改跟踪</button>
                </form>
              )}
            </div>
          )}
        </>
      )}

      {p.can.feedback && (
        <>
          <h2>群众反馈（{p.feedback.length}）</h2>
          {p.feedback.length === 0 ? <p class="muted">暂无。</p> : (
            <ul class="feedback-list">
              {p.feedback.map((f) => (
                <li class="card">
                  <p class="meta">{fmtDateTime(f.createdAt)} · {f.rating ? RATING_LABELS[f.rating] : '未评分'} · {f.state === 'pending' ? '待审核' : f.state === 'published' ? '已公开' : '不公开'}</p>
                  {f.text && <p>{f.text}</p>}
                  {p.can.moderate && f.state === 'pending' && (
                    <div class="actions">
                      <PostButton action={`${base}/feedback/${f.id}/publish`} label="公开" class="small" fields={{ back: here }} />
                      <PostButton action={`${base}/feedback/${f.id}/hide`} label="不公开" class="small secondary" fields={{ back: here }} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {p.group && (
        <>
          <h2>监督小组：{p.group.name}</h2>
          <ul>{p.group.members.map((m) => <li>{m.name} <span class="muted">{MEMBER_ROLE_LABELS[m.role]}{m.observer ? '（列席监督）' : ''}</span></li>)}</ul>
        </>
      )}
    </section>
  );
}
