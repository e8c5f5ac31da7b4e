import type { CandidateView, EligibleProposal } from '../../src/data/candidates';
import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { Field, FormError, PostButton, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';
import { Crumbs } from '../screening/ScreeningPage';
import { ComparisonTable } from './ComparisonTable';

export function MilestoneTable(p: { c: CandidateView }) {
  if (p.c.milestones.length === 0) return <p class="muted">未设置里程碑</p>;
  return (
    <div class="table-wrap">
      <table class="milestones">
        <thead><tr><th>里程碑</th><th>截止日期</th><th class="num">累计完成</th><th class="num">累计支出</th></tr></thead>
        <tbody>
          {p.c.milestones.map((m) => (
            <tr><td>{m.title}</td><td>{m.dueDate}</td><td class="num">{m.plannedPct}%</td><td class="num">{fmtYuan(m.plannedSpend)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface LockEvent { at: Date; actorName: string; action: 'candidate.approve' | 'candidate.unlock'; text: string }

export function CandidateListPage(p: {
  j: Jurisdiction; cycle: Cycle; list: CandidateView[]; eligible: EligibleProposal[]; warning: string | null;
  canManage: boolean; canApprove: boolean; editBlocked?: string; lockedByName?: string; history: LockEvent[];
  values?: FormValues; errors?: FieldErrors;
}) {
  const { j, cycle } = p;
  const base = `/j/${j.code}/cycles/${cycle.year}/candidates`;
  const locked = cycle.candidatesLockedAt !== null;
  const free = p.eligible.filter((e) => e.candidateId === null);
  const total = p.list.reduce((sum, c) => sum + c.budget, 0);
  const editable = p.canManage && !locked && !p.editBlocked;
  return (
    <section class="area-screening">
      <Crumbs j={j} year={cycle.year} here={{ href: `/j/${j.code}/cycles/${cycle.year}/screening`, label: '资格审查' }} />
      <h1>{j.name} {cycle.year} 年度候选项目名单</h1>
      <FormError errors={p.errors} />
      {locked ? (
        <p class="card locked" role="status">
          <strong>名单已锁定</strong>：主席团已于 {fmtDateTime(cycle.candidatesLockedAt!)} 审定{p.lockedByName && `（记录人：${p.lockedByName}）`}，名单不能再更改。
        </p>
      ) : p.editBlocked && <p class="card">{p.editBlocked}</p>}

      <div class="summary">
        <span>候选项目 <strong>{p.list.length}</strong> 个</span>
        <span>应选项目数 N = <strong>{cycle.seatsToFill ?? '未设定'}</strong></span>
        <span>预算合计 <strong>{fmtYuan(total)}</strong></span>
        <a href={`${base}/print`}>打印名单</a>
      </div>
      {p.warning && <p class="warning" role="status">⚠ {p.warning}</p>}

      {editable && (
        <form method="post" action={`${base}/seats`} class="filters card" novalidate>
          <Field name="seatsToFill" label="应选项目数 N" type="number" inputmode="numeric" value={p.values?.seatsToFill ?? (cycle.seatsToFill === null ? '' : String(cycle.seatsToFill))}
            error={p.errors?.seatsToFill} hint="票决时最多选出的项目数；差额票决时候选项目应多于 N" required />
          <button type="submit" class="secondary">保存 N</button>
        </form>
      )}

      <ComparisonTable list={p.list} />
      {p.list.length > 0 && <h2>各候选项目详情</h2>}
      {p.list.length === 0 ? <p class="muted">名单中还没有候选项目。</p> : (
        <ol class="candidates">
          {p.list.map((c, i) => (
            <li class="card candidate">
              <h2>{i + 1}. {c.title}{c.crossYear && <span class="badge">跨年度</span>}</h2>
              {c.description && <p>{c.description}</p>}
              <dl class="facts">
                <dt>预算</dt><dd>{fmtYuan(c.budget)}</dd>
                <dt>承办单位</dt><dd>{c.unitName}{c.unitUserName && <span class="muted">（系统账号：{c.unitUserName}）</span>}</dd>
                <dt>责任领导</dt><dd>{c.leadOfficial}</dd>
                <dt>实施期限</dt><dd>{c.startDate} 至 {c.endDate}</dd>
                <dt>来源提议</dt><dd>{c.proposals.map((x) => <span class="proposal-ref"><a href={`/j/${j.code}/cycles/${cycle.year}/proposals/${x.id}`}>{x.receipt}</a> {x.title}</span>)}</dd>
              </dl>
              <MilestoneTable c={c} />
              {editable && (
                <div class="actions">
                  <a class="button secondary" href={`${base}/${c.id}/edit`}>修改</a>
                  {i > 0 && <PostButton action={`${base}/${c.id}/move`} fields={{ direction: 'up' }} label="上移" class="secondary" />}
                  {i < p.list.length - 1 && <PostButton action={`${base}/${c.id}/move`} fields={{ direction: 'down' }} label="下移" class="secondary" />}
                  <PostButton action={`${base}/${c.id}/delete`} label="移出名单" class="danger" confirm={`确定将“${c.title}”移出候选项目名单？`} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {editable && (
        <>
          <p class="actions"><a class="button" href={`${base}/new`}>新建候选项目</a></p>
          <h2>尚未列入名单的符合条件提议（{free.length}）</h2>
          {free.length === 0 ? <p class="muted">没有。</p> : (
            <ul class="eligible">
              {free.map((e) => (
                <li>
                  <a href={`/j/${j.code}/cycles/${cycle.year}/proposals/${e.id}`}>{e.receipt}</a> {e.title}
                  <span class="muted"> · {fmtYuan(e.estimatedCost)} · {e.durationMonths} 个月</span>{' '}
                  <a href={`${base}/new?proposal=${e.id}`}>据此新建候选项目</a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {p.canApprove && !locked && !p.editBlocked && (
        <form method="post" action={`${base}/approve`} class="stack card" novalidate>
          <h2>记录主席团审定</h2>
          <p class="hint">审定后名单锁定，不能再增删或修改候选项目；如确需调整，须写明原因解锁。</p>
          <Field name="note" label="审定会议（可选）" value={p.values?.note} error={p.errors?.note} maxlength={200} hint="例如：镇第十九届人大主席团第三次会议" />
          <button type="submit">主席团已审定，锁定名单</button>
        </form>
      )}
      {p.canApprove && locked && (
        <form method="post" action={`${base}/unlock`} class="stack card" novalidate>
          <h2>解锁名单</h2>
          <TextArea name="reason" label="解锁原因" value={p.values?.reason} error={p.errors?.reason} maxlength={1000} required
            hint="解锁原因记入审计日志并显示在下方记录中" />
          <button type="submit" class="danger">解锁</button>
        </form>
      )}

      <h2>审定与解锁记录</h2>
      {p.history.length === 0 ? <p class="muted">还没有审定记录。</p> : (
        <ol class="timeline">
          {p.history.map((h) => (
            <li>
              <strong>{h.action === 'candidate.approve' ? '主席团审定，名单锁定' : '名单解锁'}</strong>
              <div class="muted">{fmtDateTime(h.at)} · {h.actorName}</div>
              {h.text && <div>{h.action === 'candidate.unlock' ? '原因：' : ''}{h.text}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
