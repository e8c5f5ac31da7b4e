import { OPINION_CATEGORY_LABELS, OPINION_CHANNEL_LABELS, type OpinionCategory, type OpinionChannel } from '../../src/domain/opinionLabels';
import type { OpinionState } from '../../src/domain/opinionTriage';
import { SATISFACTIONS, SATISFACTION_LABELS, type Satisfaction, type SuggestionStatus } from '../../src/domain/suggestionStatus';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { DelibFrame } from './Frame';
import { stateBadge, statusBadge } from './ItemPages';

type J = { code: string; name: string };
export type Options = [string, string][];

/** Which of the page's forms failed: its errors and values go back into it alone. */
export interface FailedForm { key: string; values: FormValues; errors: FieldErrors }

export interface ItemView {
  id: number; number: string; title: string; text: string; place: string; affected: number | null;
  category: OpinionCategory; channel: OpinionChannel; state: OpinionState; recordedAt: Date;
  raisedBy: string; raisedByCommunity: string; recordedBy: string;
  response: string; department: string; handedTo: string | null;
}

export interface SuggestionView {
  title: string; text: string; representative: string; unitName: string; unitLogin: string | null;
  assignedOn: string; dueOn: string; extendedTo: string | null; extensionApprovedBy: string; extensionApprovedOn: string | null;
  extensionReason: string; answer: string; answeredOn: string | null; answeredBy: string | null; onBehalf: boolean;
  satisfaction: Satisfaction | null; satisfactionNote: string; status: SuggestionStatus; latestExtension: string;
}

export interface ItemPageProps {
  j: J; item: ItemView; attachments: { id: number; fileName: string; size: number }[];
  timeline: { at: Date; by: string; text: string }[];
  triage?: { linkedRep: string | null; rehandTo?: string };
  convert?: { units: Options };
  suggestion?: SuggestionView;
  can: { extend: boolean; answer: boolean; rate: boolean };
  today: string; failed?: FailedForm;
}

function Fact(p: { label: string; value: string | number | null | undefined }) {
  return <><dt>{p.label}</dt><dd>{p.value === null || p.value === undefined || p.value === '' ? '—' : p.value}</dd></>;
}

export function ItemDetailPage(p: ItemPageProps) {
  const { item } = p;
  const base = `/j/${p.j.code}/deliberation/items/${item.id}`;
  const f = (key: string) => (p.failed?.key === key ? p.failed : undefined);
  // A refused step whose form is not on the page (the item moved on meanwhile) still says why, at the top.
  const shown = [
    ...(p.triage ? (p.triage.rehandTo !== undefined ? ['rehand'] : ['answer', 'refer', 'hand']) : []),
    ...(p.convert ? ['convert'] : []), ...(p.can.extend ? ['extend'] : []), ...(p.can.answer ? ['reply'] : []), ...(p.can.rate ? ['rate'] : []),
  ];
  const orphanError = p.failed && !shown.includes(p.failed.key) ? Object.values(p.failed.errors)[0] : undefined;
  return (
    <DelibFrame j={p.j} tab="items" title={item.title}>
      {orphanError && <p class="error banner" role="alert">{orphanError}</p>}
      <p>{item.number} {stateBadge(item.state)} {p.suggestion && statusBadge(p.suggestion.status)}</p>
      <dl class="facts">
        <Fact label="提出的议事代表" value={`${item.raisedBy}${item.raisedByCommunity ? `（${item.raisedByCommunity}）` : ''}`} />
        <Fact label="地点" value={item.place} />
        <Fact label="涉及群众" value={item.affected === null ? null : `约 ${item.affected} 人`} />
        <Fact label="类别" value={OPINION_CATEGORY_LABELS[item.category]} />
        <Fact label="登记" value={`${fmtDateTime(item.recordedAt)} · ${OPINION_CHANNEL_LABELS[item.channel]} · ${item.recordedBy}`} />
        {item.department && <Fact label="承办的街道部门" value={item.department} />}
        {item.handedTo && <Fact label="转交的区人大代表" value={item.handedTo} />}
      </dl>
      <h2>群众反映的情况</h2>
      <p class="prewrap">{item.text}</p>
      {item.response && <><h2>{item.state === 'answered' ? '当场答复' : '分办说明'}</h2><p class="prewrap">{item.response}</p></>}
      {p.attachments.length > 0 && (
        <>
          <h2>附件</h2>
          <ul>{p.attachments.map((a) => (
            <li><a href={`${base}/attachments/${a.id}`} hx-boost="false">{a.fileName}</a> <span class="muted">{Math.ceil(a.size / 1024)} KB</span></li>
          ))}</ul>
        </>
      )}

      {p.triage && <TriageForms base={base} triage={p.triage} f={f} />}
      {p.convert && <ConvertForm base={base} item={item} units={p.convert.units} today={p.today} failed={f('convert')} />}
      {p.suggestion && <SuggestionBox base={base} s={p.suggestion} can={p.can} today={p.today} f={f} />}

      <h2>办理记录</h2>
      <ol class="timeline">
        {p.timeline.map((t) => <li><strong>{t.text}</strong><div class="muted">{fmtDateTime(t.at)} · {t.by}</div></li>)}
      </ol>
      <p class="no-print"><a href={`/j/${p.j.code}/deliberation/items`}>返回民意事项列表</a></p>
    </DelibFrame>
  );
}

function TriageForms(p: { base: string; triage: NonNullable<ItemPageProps['triage']>; f: (k: string) => FailedForm | undefined }) {
  const answer = p.f('answer');
  const refer = p.f('refer');
  const hand = p.f('hand') ?? p.f('rehand');
  if (p.triage.rehandTo !== undefined) {
    return (
      <form method="post" action={`${p.base}/triage`} class="stack card" novalidate>
        <h2>改交现联系的区人大代表</h2>
        <p>提出该事项的议事代表现由 <strong>{p.triage.rehandTo}</strong> 联系。</p>
        <FormError errors={hand?.errors} />
        <input type="hidden" name="step" value="rehand" />
        <TextArea name="handNote" label="说明" value={hand?.values.handNote} error={hand?.errors.response} maxlength={500} />
        <button type="submit">改交 {p.triage.rehandTo}</button>
      </form>
    );
  }
  return (
    <div class="card">
      <h2>分办</h2>
      <p class="muted">选择一种处理方式；分办后不能撤回。</p>
      <details open={answer !== undefined}>
        <summary>当场答复</summary>
        <form method="post" action={`${p.base}/triage`} class="stack" novalidate>
          <input type="hidden" name="step" value="answer" />
          <FormError errors={answer?.errors} />
          <TextArea name="response" label="答复内容" value={answer?.values.response} error={answer?.errors.response} required maxlength={2000} />
          <button type="submit">记录当场答复</button>
        </form>
      </details>
      <details open={refer !== undefined}>
        <summary>交街道部门办理</summary>
        <form method="post" action={`${p.base}/triage`} class="stack" novalidate>
          <input type="hidden" name="step" value="refer" />
          <FormError errors={refer?.errors} />
          <Field name="department" label="街道部门" value={refer?.values.department} error={refer?.errors.department} required maxlength={60}
            hint="如：城市管理办、社区服务中心" />
          <TextArea name="referNote" label="交办说明" value={refer?.values.referNote} error={refer?.errors.response} maxlength={500} />
          <button type="submit">交部门办理</button>
        </form>
      </details>
      <details open={hand !== undefined}>
        <summary>转交联系的区人大代表{p.triage.linkedRep ? `（${p.triage.linkedRep}）` : ''}</summary>
        {p.triage.linkedRep ? (
          <form method="post" action={`${p.base}/triage`} class="stack" novalidate>
            <input type="hidden" name="step" value="hand" />
            <FormError errors={hand?.errors} />
            <TextArea name="handNote" label="说明" value={hand?.values.handNote} error={hand?.errors.response} maxlength={500}
              hint="可写明需要区人大代表关注的要点" />
            <button type="submit">转交 {p.triage.linkedRep}</button>
          </form>
        ) : (
          <p class="error">提出该事项的议事代表目前没有联系的区人大代表，请先在“联系区人大代表”页面安排。</p>
        )}
      </details>
    </div>
  );
}

function ConvertForm(p: { base: string; item: ItemView; units: Options; today: string; failed?: FailedForm }) {
  const v = p.failed?.values ?? { title: p.item.title, text: p.item.text, assignedOn: p.today };
  const e = p.failed?.errors ?? {};
  return (
    <form method="post" action={`${p.base}/convert`} class="stack card" novalidate>
      <h2>转为代表建议</h2>
      <p class="muted">承办单位应在交办之日起三个月内办结答复；确需延期的，经交办机关同意最长不超过六个月。</p>
      <FormError errors={p.failed?.errors} />
      <Field name="title" label="建议标题" value={v.title} error={e.title} required maxlength={60} hint="将在街道公开页面显示，请勿写入个人信息" />
      <TextArea name="text" label="建议内容" value={v.text} error={e.text} required maxlength={4000} rows={6} />
      <Field name="unitName" label="承办单位" value={v.unitName} error={e.unitName} required maxlength={60} hint="如：区城市管理局、东城街道城市管理办" />
      <SelectField name="unitUserId" label="承办单位账号" options={p.units} blank="没有账号（由街道工作人员代为录入答复）"
        value={v.unitUserId} error={e.unitUserId} hint="选择后，承办单位可登录后自行答复" />
      <Field name="assignedOn" label="交办日期" type="date" value={v.assignedOn} error={e.assignedOn} required />
      <button type="submit">转为代表建议</button>
    </form>
  );
}

function SuggestionBox(p: { base: string; s: SuggestionView; can: ItemPageProps['can']; today: string; f: (k: string) => FailedForm | undefined }) {
  const { s } = p;
  const extend = p.f('extend');
  const reply = p.f('reply');
  const rate = p.f('rate');
  return (
    <div class="card suggestion">
      <h2>代表建议：{s.title}</h2>
      <p class="prewrap">{s.text}</p>
      <dl class="facts">
        <Fact label="提出建议的代表" value={s.representative} />
        <Fact label="承办单位" value={`${s.unitName}${s.unitLogin ? '' : '（由街道工作人员代为录入答复）'}`} />
        <Fact label="交办日期" value={s.assignedOn} />
        <Fact label="办结期限" value={s.extendedTo ? `${s.extendedTo}（原期限 ${s.dueOn}，已延期）` : s.dueOn} />
        {s.extendedTo && <Fact label="延期批准" value={`${s.extensionApprovedBy}，${s.extensionApprovedOn}${s.extensionReason ? `：${s.extensionReason}` : ''}`} />}
        <dt>办理状态</dt><dd>{statusBadge(s.status)}</dd>
      </dl>
      {s.answeredOn && (
        <>
          <h3>承办单位答复（{s.answeredOn}）</h3>
          <p class="prewrap">{s.answer}</p>
          <p class="muted">{s.onBehalf ? `由 ${s.answeredBy} 代为录入` : `由 ${s.answeredBy} 录入`}</p>
        </>
      )}
      {s.satisfaction && (
        <p>代表评价：<strong>{SATISFACTION_LABELS[s.satisfaction]}</strong>{s.satisfactionNote && `。${s.satisfactionNote}`}</p>
      )}

      {p.can.extend && (
        <details open={extend !== undefined}>
          <summary>记录延期（经交办机关同意，只能一次）</summary>
          <form method="post" action={`${p.base}/extend`} class="stack" novalidate>
            <FormError errors={extend?.errors} />
            <Field name="extendedTo" label="延期至" type="date" value={extend?.values.extendedTo} error={extend?.errors.extendedTo} required
              hint={`最迟 ${s.latestExtension}（交办之日起六个月）`} />
            <Field name="approvedBy" label="同意延期的交办机关" value={extend?.values.approvedBy} error={extend?.errors.approvedBy} required maxlength={60} />
            <Field name="approvedOn" label="同意日期" type="date" value={extend?.values.approvedOn} error={extend?.errors.approvedOn} required
              hint={`须在原办结期限 ${s.dueOn} 之前`} />
            <TextArea name="reason" label="延期理由" value={extend?.values.reason} error={extend?.errors.reason} required maxlength={500} />
            <button type="submit" class="secondary">记录延期</button>
          </form>
        </details>
      )}
      {p.can.answer && (
        <form method="post" action={`${p.base}/answer`} class="stack" novalidate>
          <h3>{s.unitLogin ? '答复代表建议' : '代承办单位录入答复'}</h3>
          <FormError errors={reply?.errors} />
          <TextArea name="answer" label="答复内容" value={reply?.values.answer} error={reply?.errors.answer} required maxlength={4000} rows={6} />
          <Field name="answeredOn" label="答复日期" type="date" value={reply?.values.answeredOn ?? p.today} error={reply?.errors.answeredOn} required />
          <button type="submit">提交答复</button>
        </form>
      )}
      {p.can.rate && (
        <form method="post" action={`${p.base}/rate`} class="stack" novalidate>
          <h3>评价办理结果</h3>
          <FormError errors={rate?.errors} />
          <fieldset class={rate?.errors.satisfaction ? 'choices invalid' : 'choices'}>
            <legend>满意度<span class="req" aria-hidden="true"> *</span></legend>
            {SATISFACTIONS.map((k) => (
              <label><input type="radio" name="satisfaction" value={k} checked={rate?.values.satisfaction === k} /> {SATISFACTION_LABELS[k]}</label>
            ))}
            {rate?.errors.satisfaction && <p class="error" role="alert">{rate.errors.satisfaction}</p>}
          </fieldset>
          <TextArea name="note" label="意见（可选）" value={rate?.values.note} error={rate?.errors.note} maxlength={500} />
          <button type="submit">提交评价</button>
        </form>
      )}
    </div>
  );
}
