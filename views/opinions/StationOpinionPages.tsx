import type { stationOpinionDetail, listStationOpinions } from '../../src/data/stationOpinions';
import type { OpinionItem } from '../../src/data/opinionItems';
import { OPINION_CATEGORY_LABELS, OPINION_CHANNEL_LABELS, opinionNumber } from '../../src/domain/opinionLabels';
import { OPINION_STATE_LABELS, type OpinionState } from '../../src/domain/opinionTriage';
import { PROPOSAL_CATEGORIES } from '../../src/domain/vocabulary';
import { CATEGORY_LABELS } from '../../src/domain/proposalLabels';
import {
  effectiveReferralDue, isReferralOverdue, REFERRAL_LEVEL_LABELS, REFERRAL_LEVELS, repliedLate, usualDue, type StationStep,
} from '../../src/domain/stationOpinion';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { OpinionFields } from './PublicOpinionPages';

type Town = { code: string; name: string };
type Row = ReturnType<typeof listStationOpinions>[number];
const STATES: OpinionState[] = ['recorded', 'answered', 'referred', 'replied', 'converted', 'proposed'];

function Frame(p: { j: Town; title: string; children?: unknown }) {
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a> · <a href={`/j/${p.j.code}/opinions`}>站点民意</a></p>
      <h1>{p.title}</h1>
      {p.children as never}
    </section>
  );
}

export function stateBadge(item: OpinionItem, today: string) {
  if (isReferralOverdue(item, today)) return <span class="badge bad">已逾期（期限 {effectiveReferralDue(item)}）</span>;
  if (item.state === 'replied' && repliedLate(item)) return <span class="badge warn">已答复群众（逾期）</span>;
  const cls = item.state === 'recorded' ? 'badge warn' : item.state === 'referred' ? 'badge' : 'badge ok';
  return <span class={cls}>{OPINION_STATE_LABELS[item.state]}</span>;
}

export function OpinionListPage(p: {
  j: Town; rows: Row[]; today: string; stations: [string, string][]; filter: { state?: string; station?: string; overdue?: string };
  canRecord: boolean; canCards: boolean; mineOnly: boolean;
}) {
  const base = `/j/${p.j.code}/opinions`;
  return (
    <Frame j={p.j} title={p.mineOnly ? '我收到的群众意见' : '站点民意'}>
      <div class="actions">
        {p.canRecord && <a class="button" href={`${base}/new`}>登记群众意见</a>}
        {p.canCards && <a class="button secondary" href={`${base}/cards`}>代表二维码（亮数字身份）</a>}
      </div>
      <form method="get" action={base} class="filters">
        <SelectField name="state" label="状态" value={p.filter.state ?? ''} blank="全部状态" options={STATES.map((s) => [s, OPINION_STATE_LABELS[s]])} />
        <SelectField name="station" label="站点" value={p.filter.station ?? ''} blank="全部站点" options={p.stations} />
        <div class="field check">
          <input type="checkbox" id="f-overdue" name="overdue" value="1" checked={p.filter.overdue === '1'} />
          <label for="f-overdue">只看逾期未答复</label>
        </div>
        <button type="submit" class="secondary">筛选</button>
      </form>
      <p class="muted">共 {p.rows.length} 件</p>
      {p.rows.length === 0 ? <p class="muted">没有符合条件的群众意见。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>编号</th><th>问题</th><th>站点</th><th>来源</th><th>状态</th><th>登记时间</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="编号" class="date">{opinionNumber(r.item.year, p.j.code, r.item.seq)}</td>
                <td data-label="问题"><a href={`${base}/${r.item.id}`}>{r.item.title}</a></td>
                <td data-label="站点">{r.station}</td>
                <td data-label="来源">{r.addressedTo ? `留言给 ${r.addressedTo}` : r.raisedBy ? `${r.raisedBy} 接待时登记` : OPINION_CHANNEL_LABELS[r.item.channel]}</td>
                <td data-label="状态">{stateBadge(r.item, p.today)}</td>
                <td data-label="登记">{fmtDateTime(r.item.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </Frame>
  );
}

/** Staff pick the station and, at a reception, the representative; a representative registers as themself. */
export function OpinionNewPage(p: {
  j: Town; stations: [string, string][]; reps?: [string, string][]; self?: string; values?: FormValues; errors?: FieldErrors;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <Frame j={p.j} title="登记群众意见">
      {p.self && <p>接待代表：<strong>{p.self}</strong></p>}
      <form method="post" action={`/j/${p.j.code}/opinions/new`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <SelectField name="station" label="站点" options={p.stations} blank="请选择" value={v.station} error={e.station} required />
        {p.reps && (
          <SelectField name="raisedById" label="接待的代表（代表接待日登记时选择）" options={p.reps} blank="无（联络员或工作人员登记）"
            value={v.raisedById} error={e.raisedById} />
        )}
        <OpinionFields values={v} errors={e} />
        <button type="submit">登记并生成回执号</button>
      </form>
    </Frame>
  );
}

type Detail = ReturnType<typeof stationOpinionDetail>;

export interface StepForms {
  steps: StationStep[];
  reps: [string, string][]; // for a suggestion made on a representative's behalf
  selfRep?: { id: number; name: string };
  today: string;
  values?: FormValues; errors?: FieldErrors; failed?: StationStep;
}

export function OpinionDetailPage(p: { j: Town; item: OpinionItem; d: Detail; forms: StepForms; showContact: boolean; proposalHref?: string }) {
  const i = p.item;
  const base = `/j/${p.j.code}/opinions/${i.id}`;
  const f = p.forms;
  const vals = (s: StationStep) => (f.failed === s ? f.values ?? {} : {});
  const errs = (s: StationStep) => (f.failed === s ? f.errors ?? {} : {});
  const due = effectiveReferralDue(i);
  return (
    <Frame j={p.j} title={i.title}>
      {f.failed && !f.steps.includes(f.failed) && <FormError errors={f.errors} />}
      <p>{stateBadge(i, f.today)} <span class="muted">编号 {opinionNumber(i.year, p.j.code, i.seq)} · 回执号 {i.receipt}</span></p>
      <dl class="facts">
        <dt>站点</dt><dd>{p.d.station}</dd>
        <dt>来源</dt><dd>{OPINION_CHANNEL_LABELS[i.channel]}{p.d.raisedBy ? `（接待代表：${p.d.raisedBy}）` : ''}{p.d.addressedTo ? `（留言给：${p.d.addressedTo}）` : ''}</dd>
        <dt>登记</dt><dd>{fmtDateTime(i.recordedAt)}{p.d.recordedBy ? ` · ${p.d.recordedBy}` : ' · 群众自行提交'}</dd>
        <dt>类别</dt><dd>{OPINION_CATEGORY_LABELS[i.category]}</dd>
        {i.place && <><dt>地点</dt><dd>{i.place}</dd></>}
        <dt>具体情况</dt><dd class="pre">{i.text}</dd>
        {p.showContact && (i.contactName || i.contactPhone) && <><dt>联系人（不公开）</dt><dd>{i.contactName} {i.contactPhone}</dd></>}
        {i.state === 'answered' && <><dt>答复</dt><dd class="pre">{i.response}（{i.repliedOn}）</dd></>}
        {i.referralLevel && (
          <>
            <dt>交办</dt>
            <dd>{REFERRAL_LEVEL_LABELS[i.referralLevel]} · {i.department} · {i.referredOn} 交办，期限 {i.dueOn}
              {i.extendedTo && `，已延期至 ${i.extendedTo}（理由：${i.extensionReason}）`}
              {i.response && <div class="muted">交办说明：{i.response}</div>}
            </dd>
          </>
        )}
        {i.state === 'replied' && <><dt>答复群众</dt><dd class="pre">{i.reply}（{i.repliedOn}{repliedLate(i) ? `，晚于期限 ${due}` : ''}）</dd></>}
        {p.d.suggestion && <><dt>代表建议</dt><dd>{p.d.suggestion.representative}：“{p.d.suggestion.s.title}”，交 {p.d.suggestion.s.unitName}，{p.d.suggestion.s.dueOn} 前答复</dd></>}
        {p.d.proposal && (
          <><dt>项目建议</dt><dd>
            {p.proposalHref ? <a href={p.proposalHref}>{p.d.proposal.receipt}“{p.d.proposal.title}”</a> : `${p.d.proposal.receipt}“${p.d.proposal.title}”`}
            {p.d.proposal.poolReason ? '（已进入项目储备库）' : '（已进入本年度项目征集）'}
          </dd></>
        )}
      </dl>
      {p.d.followUps.length > 0 && (
        <>
          <h2>督办记录</h2>
          <ul>{p.d.followUps.map((x) => <li>{fmtDateTime(x.at)} · {x.by}：{x.note}</li>)}</ul>
        </>
      )}
      {f.steps.includes('answer') && (
        <form method="post" action={`${base}/answer`} class="stack card">
          <h2>{f.selfRep ? '答复群众' : '当场答复'}</h2>
          <FormError errors={errs('answer')} />
          <TextArea name="response" label="答复内容（群众凭回执号可以看到）" value={vals('answer').response} error={errs('answer').response} required maxlength={2000} rows={4} />
          <button type="submit">提交答复</button>
        </form>
      )}
      {f.steps.includes('refer') && (
        <form method="post" action={`${base}/refer`} class="stack card">
          <h2>登记交办</h2>
          <FormError errors={errs('refer')} />
          <SelectField name="level" label="交办层级" options={REFERRAL_LEVELS.map((l) => [l, REFERRAL_LEVEL_LABELS[l]])} value={vals('refer').level ?? 'township'} error={errs('refer').level} required />
          <Field name="department" label="承办机关或部门" value={vals('refer').department} error={errs('refer').department} required maxlength={60} hint="如：镇城建办、区交通运输局" />
          <Field name="dueOn" label="答复期限" type="date" value={vals('refer').dueOn ?? usualDue('township', f.today)} error={errs('refer').dueOn} required
            hint="本级一般 15 天（最长 30 天），区级 30 天（最长 60 天），市级 90 天（最长 120 天）" />
          <TextArea name="note" label="交办说明（可选）" value={vals('refer').note} error={errs('refer').note} maxlength={500} rows={2} />
          <button type="submit">交办</button>
        </form>
      )}
      {f.steps.includes('followUp') && (
        <form method="post" action={`${base}/follow-up`} class="stack card">
          <h2>记录督办情况</h2>
          <FormError errors={errs('followUp')} />
          <TextArea name="note" label="督办情况" value={vals('followUp').note} error={errs('followUp').note} required maxlength={500} rows={2} />
          <button type="submit" class="secondary">记录</button>
        </form>
      )}
      {f.steps.includes('extend') && !i.extendedTo && (
        <form method="post" action={`${base}/extend`} class="stack card">
          <h2>延长答复期限</h2>
          <FormError errors={errs('extend')} />
          <Field name="extendedTo" label="延期至" type="date" value={vals('extend').extendedTo} error={errs('extend').extendedTo} required />
          <TextArea name="reason" label="延期理由" value={vals('extend').reason} error={errs('extend').reason} required maxlength={500} rows={2} />
          <button type="submit" class="secondary">延期</button>
        </form>
      )}
      {f.steps.includes('reply') && (
        <form method="post" action={`${base}/reply`} class="stack card">
          <h2>答复群众</h2>
          <FormError errors={errs('reply')} />
          <TextArea name="reply" label="答复内容（群众凭回执号可以看到）" value={vals('reply').reply} error={errs('reply').reply} required maxlength={2000} rows={4} />
          <Field name="repliedOn" label="答复日期" type="date" value={vals('reply').repliedOn ?? f.today} error={errs('reply').repliedOn} required />
          <button type="submit">记录答复</button>
        </form>
      )}
      {f.steps.includes('suggest') && (
        <form method="post" action={`${base}/suggest`} class="stack card">
          <h2>转为代表建议</h2>
          <p class="hint">带有普遍性、典型性的问题，由代表依法提出建议。</p>
          <FormError errors={errs('suggest')} />
          {f.selfRep ? <p>提出建议的代表：{f.selfRep.name}</p> : (
            <SelectField name="representativeId" label="提出建议的代表" options={f.reps} blank="请选择" value={vals('suggest').representativeId} error={errs('suggest').representativeId} required />
          )}
          <Field name="suggestionTitle" label="建议标题" value={vals('suggest').suggestionTitle ?? i.title} error={errs('suggest').suggestionTitle} required maxlength={60} />
          <TextArea name="suggestionText" label="建议内容" value={vals('suggest').suggestionText ?? i.text} error={errs('suggest').suggestionText} required maxlength={4000} rows={4} />
          <Field name="unitName" label="承办单位" value={vals('suggest').unitName} error={errs('suggest').unitName} required maxlength={60} />
          <Field name="assignedOn" label="交办日期" type="date" value={vals('suggest').assignedOn ?? f.today} error={errs('suggest').assignedOn} required />
          <button type="submit" class="secondary">转为代表建议</button>
        </form>
      )}
      {f.steps.includes('propose') && (
        <form method="post" action={`${base}/propose`} class="stack card">
          <h2>转为民生实事项目建议</h2>
          <p class="hint">征集期内进入本年度项目征集，征集期外进入项目储备库；回执号和办理记录与群众提交的项目建议相同。</p>
          <FormError errors={errs('propose')} />
          <Field name="title" label="项目名称" value={vals('propose').title ?? i.title} error={errs('propose').title} required maxlength={60} />
          <TextArea name="description" label="项目内容" value={vals('propose').description ?? i.text} error={errs('propose').description} required maxlength={2000} rows={4} />
          <SelectField name="category" label="项目类别" options={PROPOSAL_CATEGORIES.map((k) => [k, CATEGORY_LABELS[k]])} blank="请选择" value={vals('propose').category} error={errs('propose').category} required />
          <Field name="estimatedCost" label="估算投资（元）" value={vals('propose').estimatedCost} error={errs('propose').estimatedCost} required inputmode="numeric" />
          <Field name="fiscalSharePct" label="财政资金占比（%）" value={vals('propose').fiscalSharePct ?? '100'} error={errs('propose').fiscalSharePct} required inputmode="numeric" />
          <Field name="beneficiaries" label="受益对象" value={vals('propose').beneficiaries} error={errs('propose').beneficiaries} required maxlength={100} />
          <Field name="durationMonths" label="预计工期（月）" value={vals('propose').durationMonths} error={errs('propose').durationMonths} required inputmode="numeric" />
          <button type="submit" class="secondary">转为项目建议</button>
        </form>
      )}
    </Frame>
  );
}
