import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { POLL_STATE_LABELS, type PollState } from '../../src/domain/pollState';
import { SESSION_KIND_LABELS, SESSION_STATE_LABELS } from '../../src/domain/sessionState';
import { Field, FormError, PostButton, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { Headcount, type HeadcountModel } from './Headcount';
import { Warnings } from '../deliberation/Frame';
import type { Child } from 'hono/jsx';
import { fmtDateTime } from '../components/format';

const kindOptions = Object.entries(SESSION_KIND_LABELS) as [string, string][];

export function SessionListPage(p: {
  j: Jurisdiction; terms: BodyTerms; sessions: Session[]; canManage: boolean; cycles: [string, string][];
  defaults: { date: string; title: string; cycleId?: string }; values?: FormValues; errors?: FieldErrors;
  /** A subdistrict's meetings: the practice's warnings for this year (two ordinary meetings, half a day each). */
  warnings?: string[];
  /** Set while nobody is seated: where the clerk enters the roster a session needs. */
  emptyRosterHref?: string;
}) {
  const v = p.values ?? {};
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a></p>
      <h1>{p.j.name}{p.terms.meeting}</h1>
      {p.sessions.length === 0 ? <p class="muted">还没有会议。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>会议</th><th>类型</th><th>日期</th><th>状态</th></tr></thead>
          <tbody>
            {p.sessions.map((s) => (
              <tr>
                <td data-label="会议"><a href={`/j/${p.j.code}/sessions/${s.id}`}>{s.title}</a></td>
                <td data-label="类型">{SESSION_KIND_LABELS[s.kind]}</td>
                <td data-label="日期">{s.date} {s.startTime}</td>
                <td data-label="状态">{SESSION_STATE_LABELS[s.state]}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.canManage && (
        <form method="post" action={`/j/${p.j.code}/sessions`} class="stack card" id="new" novalidate>
          <h2>新建会议</h2>
          {p.warnings && <Warnings items={p.warnings} />}
          <p class="hint">创建时按当时的在册{p.terms.rep}名单生成本次会议的代表名册；之后名单变动不影响本次会议。</p>
          <FormError errors={p.errors} />
          {p.emptyRosterHref && (
            <p class="notice" role="status">
              本辖区还没有在册{p.terms.rep}，无法创建会议：请先<a href={p.emptyRosterHref}>录入{p.terms.rep}名册</a>（逐个新增，或导入 Excel / CSV）。
            </p>
          )}
          {p.cycles.length === 0 ? <p class="error">请先创建年度工作。</p> : (
            <SelectField name="cycleId" label="年度工作" options={p.cycles} value={v.cycleId ?? p.defaults.cycleId} error={p.errors?.cycleId} required />
          )}
          <SelectField name="kind" label="会议类型" options={kindOptions} value={v.kind ?? 'startOfYear'} error={p.errors?.kind} required />
          <Field name="title" label="会议名称" value={v.title ?? p.defaults.title} error={p.errors?.title} maxlength={100} required
            hint={`例如：${p.j.name}第十八届${p.terms.meeting === '人民代表大会' ? '人民代表大会第三次会议' : '议事代表会议第一次会议'}`} />
          <Field name="date" label="日期" type="date" value={v.date ?? p.defaults.date} error={p.errors?.date} required />
          {p.warnings && <p class="hint">议事代表会议每年年初、年中各召开一次例会，每次会期不少于半天（3 小时）。</p>}
          <div class="row2">
            <Field name="startTime" label="开始时间" type="time" value={v.startTime ?? '09:00'} error={p.errors?.startTime} />
            <Field name="endTime" label="结束时间" type="time" value={v.endTime ?? ''} error={p.errors?.endTime} />
          </div>
          <Field name="place" label="地点" value={v.place} error={p.errors?.place} maxlength={100} />
          <TextArea name="agenda" label="议程" value={v.agenda} error={p.errors?.agenda} maxlength={2000} rows={4}
            hint="每行一项，例如：听取政府关于民生实事候选项目的说明；票决民生实事项目" />
          <button type="submit">创建会议</button>
        </form>
      )}
    </section>
  );
}

export interface PollListItem {
  id: number; title: string; kindLabel: string; secrecy: 'secret' | 'named'; state: PollState; voidReason: string;
  isTest?: boolean; testSubmissions?: number | null;
}

/** The year-end evaluation form: which year's projects (those not yet evaluated), secret by default. */
export interface EvaluationFormModel {
  cycles: [string, string][];
  defaultCycleId?: number;
  values?: FormValues;
  errors?: FieldErrors;
}

export function SessionPage(p: {
  j: Jurisdiction; s: Session; terms: BodyTerms; year?: number; h: HeadcountModel; polls: PollListItem[];
  canManage: boolean; canVote: boolean; pollBlocker: string | null; defaultPollTitle: string; showCreatePoll: boolean;
  published: boolean; evaluation: EvaluationFormModel; values?: FormValues; errors?: FieldErrors;
  /** 试投票 is offered before the real vote starts. */
  showTestPoll?: boolean;
  /** A deliberation meeting's agenda and minutes. */
  meeting?: Child;
  /** The session's 总监票人, 监票人 and 计票人. */
  officers?: Child;
  /** When the session adopted its 票决办法 (null: not yet). */
  procedureAdoptedAt?: Date | null;
}) {
  const { j, s, terms } = p;
  const base = `/j/${j.code}/sessions/${s.id}`;
  return (
    <section>
      <p class="muted"><a href={`/j/${j.code}/sessions`}>{j.name}{terms.meeting}</a></p>
      <h1>{s.title} <span class="badge">{SESSION_STATE_LABELS[s.state]}</span></h1>
      <p>{SESSION_KIND_LABELS[s.kind]} · {s.date} {s.startTime}{s.endTime && `–${s.endTime}`}{s.place && ` · ${s.place}`}</p>
      {s.agenda && <div class="agenda"><h2>议程</h2><p class="pre">{s.agenda}</p></div>}
      <FormError errors={p.errors} />
      <Headcount h={p.h} terms={terms} />
      {p.canManage && (
        <div class="actions">
          {s.state === 'planned' && <PostButton action={`${base}/state`} fields={{ to: 'open' }} label="开始会议（开放签到）" />}
          {s.state !== 'planned' && <a class="button" href={`${base}/roll`}>签到点名</a>}
          <a class="button secondary" href={`${base}/screen`}>大屏显示</a>
          {s.state === 'open' && <PostButton action={`${base}/state`} fields={{ to: 'closed' }} label="闭会" class="secondary" confirm="确认闭会？闭会后不能再签到和表决。" />}
        </div>
      )}
      {p.canVote && s.state === 'open' && <p><a class="button" href={`/j/${j.code}/vote`}>签到和投票（我的表决）</a></p>}
      {p.canManage && s.state === 'open' && (
        <div class="checkin-code">
          <p>签到码 <strong>{s.checkInCode}</strong> <span class="muted">（{terms.rep}在手机“我的表决”页面输入；请在大屏上展示）</span></p>
          <PostButton action={`${base}/checkin-code`} label="更换签到码" class="secondary small"
            confirm="更换后原签到码立即失效，大屏会显示新签到码。确认更换？" />
        </div>
      )}

      {p.officers}
      {p.meeting}
      <h2>表决</h2>
      {p.procedureAdoptedAt !== undefined && (
        <p class={p.procedureAdoptedAt ? 'procedure-state' : 'notice procedure-state'}>
          {terms.vote}办法：{p.procedureAdoptedAt ? `已于 ${fmtDateTime(p.procedureAdoptedAt)} 经会议通过` : `尚未通过（第一轮${terms.vote}开始前须由会议举手表决通过）`}
          {' '}<a href={`${base}/procedure`}>{p.procedureAdoptedAt ? '查看和打印' : '宣读和表决'}</a>
        </p>
      )}
      {p.polls.length === 0 ? <p class="muted">还没有表决。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>表决</th><th>类型</th><th>方式</th><th>状态</th></tr></thead>
          <tbody>
            {p.polls.map((x) => (
              <tr class={x.isTest ? 'test-poll' : undefined}>
                <td data-label="表决"><a href={`/j/${j.code}/polls/${x.id}`}>{x.title}</a>{x.isTest && <> <span class="badge test">试投票</span></>}</td>
                <td data-label="类型">{x.kindLabel}</td>
                <td data-label="方式">{x.secrecy === 'secret' ? '无记名' : '记名'}</td>
                <td data-label="状态">{POLL_STATE_LABELS[x.state]}{x.state === 'void' && x.voidReason && <div class="muted">{x.voidReason}</div>}
                  {x.isTest && x.testSubmissions != null && <div class="muted">{x.testSubmissions} 部手机提交，选票已销毁</div>}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.canManage && p.showCreatePoll && s.state !== 'closed' && !p.published && (
        p.pollBlocker ? <p class="notice">不能发起项目{terms.vote}：{p.pollBlocker}{p.year && <> （<a href={`/j/${j.code}/cycles/${p.year}`}>查看年度工作</a>）</>}</p> : (
          <form method="post" action={`${base}/polls`} class="stack card" novalidate>
            <h3>发起民生实事项目{terms.vote}</h3>
            <p class="hint">候选项目和应选数取自已锁定的候选项目清单。</p>
            <Field name="title" label="表决名称" value={p.values?.title ?? p.defaultPollTitle} error={p.errors?.title} maxlength={100} required />
            <fieldset class="choices">
              <legend>投票方式</legend>
              <label><input type="radio" name="secrecy" value="secret" checked={(p.values?.secrecy ?? 'secret') === 'secret'} /> 无记名投票（默认）</label>
              <label><input type="radio" name="secrecy" value="named" checked={p.values?.secrecy === 'named'} /> 记名投票（选择与姓名一起记录）</label>
              {p.errors?.secrecy && <p class="error" role="alert">{p.errors.secrecy}</p>}
            </fieldset>
            <fieldset class="choices">
              <legend>选票形式</legend>
              <label><input type="radio" name="ballotForm" value="perItem" checked={(p.values?.ballotForm ?? 'perItem') === 'perItem'} /> 逐项表决（对每个项目赞成/反对/弃权，默认）</label>
              <label><input type="radio" name="ballotForm" value="tick" checked={p.values?.ballotForm === 'tick'} /> 勾选（最多勾选 N 项，N 为应选数；打勾即为赞成）</label>
              {p.errors?.ballotForm && <p class="error" role="alert">{p.errors.ballotForm}</p>}
            </fieldset>
            <button type="submit">创建表决</button>
          </form>
        )
      )}
      {p.canManage && p.showTestPoll && s.state !== 'closed' && !p.published && (
        <div class="card test-poll-card">
          <h3>试投票</h3>
          <p class="hint">正式表决前用真实的手机和大屏走一遍：不计票、不公布、不进入结果报告单和决议，结束时选票全部销毁，只保留提交的手机数。</p>
          <PostButton action={`${base}/polls/test`} label="发起试投票" class="secondary" />
        </div>
      )}
      {p.canManage && s.state !== 'closed' && <EvaluationPollForm base={base} terms={terms} m={p.evaluation} />}

      <h2>结果与决议</h2>
      <div class="actions">
        <a href={`${base}/resolution`}>决议{p.published ? '' : '草案'}</a>
        {p.published && p.year && <a href={`/p/${j.code}/${p.year}/results`}>公开的{terms.vote}结果</a>}
      </div>
    </section>
  );
}

/** 年底评议 at this session: often the same sitting as next year's vote, so the year to rate is chosen here. */
function EvaluationPollForm(p: { base: string; terms: BodyTerms; m: EvaluationFormModel }) {
  const { m } = p;
  if (m.cycles.length === 0) return null; // no projects yet, or every year's are already being evaluated
  const v = m.values ?? {};
  return (
    <form method="post" action={`${p.base}/polls/evaluation`} class="stack card" novalidate>
      <h3>发起满意度测评（年底评议）</h3>
      <p class="hint">{p.terms.rep}对所选年度的每个民生实事项目评“满意”“基本满意”或“不满意”。与{p.terms.vote}使用同一份签到名单和同样的法定人数、无记名投票规则，可在同一次会议上先后进行。</p>
      <FormError errors={m.errors} />
      <SelectField name="cycleId" label="测评哪一年度的项目" options={m.cycles} value={v.cycleId ?? (m.defaultCycleId ? String(m.defaultCycleId) : undefined)}
        error={m.errors?.cycleId} required />
      <Field name="evaluationTitle" label="测评名称" value={v.evaluationTitle} error={m.errors?.evaluationTitle} maxlength={100}
        hint="留空时为“某某年度民生实事项目满意度测评”，年度与所选一致" />
      <fieldset class="choices">
        <legend>投票方式</legend>
        <label><input type="radio" name="secrecy" value="secret" checked={(v.secrecy ?? 'secret') === 'secret'} /> 无记名投票（默认）</label>
        <label><input type="radio" name="secrecy" value="named" checked={v.secrecy === 'named'} /> 记名投票（评价与姓名一起记录）</label>
        {m.errors?.secrecy && <p class="error" role="alert">{m.errors.secrecy}</p>}
      </fieldset>
      <button type="submit">创建满意度测评</button>
    </form>
  );
}
