import type { Cycle } from '../../src/data/cycles';
import type { Feedback } from '../../src/data/feedback';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { RatingWindowState } from '../../src/domain/feedbackWindow';
import { RATING_LABELS } from '../../src/domain/satisfaction';
import { ratingWindowText } from './PublicPages';
import { Field, FormError, PostButton, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { DeliveryHeader } from './ProjectPages';

const STATE = { pending: '待审核', published: '已公开', hidden: '不公开' } as const;

/** Every beneficiary message: the clerk publishes or withholds; the supervision group reads them all. */
export function FeedbackPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; items: (Feedback & { projectTitle: string })[]; canModerate: boolean;
  rating: RatingWindowState; windowValues: FormValues; windowErrors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  const pending = p.items.filter((f) => f.state === 'pending');
  const done = p.items.filter((f) => f.state !== 'pending');
  const Item = (f: Feedback & { projectTitle: string }) => (
    <li class="card">
      <p class="meta"><a href={`${base}/projects/${f.projectId}`}>{f.projectTitle}</a> · {fmtDateTime(f.createdAt)} · {f.rating ? RATING_LABELS[f.rating] : '未评分'} · {STATE[f.state]}</p>
      {f.text ? <p>{f.text}</p> : <p class="muted">（无文字）</p>}
      {p.canModerate && f.state === 'pending' && (
        <div class="actions">
          <PostButton action={`${base}/feedback/${f.id}/publish`} label="审核通过并公开" class="small" />
          <PostButton action={`${base}/feedback/${f.id}/hide`} label="不公开" class="small secondary" />
        </div>
      )}
      {p.canModerate && f.state !== 'pending' && (
        <div class="actions">
          <PostButton action={`${base}/feedback/${f.id}/${f.state === 'published' ? 'hide' : 'publish'}`} label={f.state === 'published' ? '撤回公开' : '改为公开'} class="small secondary" />
        </div>
      )}
    </li>
  );
  return (
    <section>
      <DeliveryHeader j={p.j} cycle={p.cycle} title="群众评价与建议" tabs={p.tabs} current="/feedback" />
      <p class="muted">群众扫描项目公示牌二维码提交的评价和建议。留言须经审核后才在公开页面显示；只有评价时间内、经审核公开的评价计入群众满意率。</p>
      <h2>群众满意度评价时间</h2>
      <p>{ratingWindowText(p.rating)}{p.rating.kind === 'open' ? '现在可以评价。' : '现在不能评价满意程度。'}</p>
      {p.canModerate && (
        <form method="post" action={`${base}/feedback/window`} class="stack card no-print" novalidate>
          <FormError errors={p.windowErrors} />
          <Field name="opens" label="开始日期" type="date" value={p.windowValues.opens} error={p.windowErrors?.opens} required hint="含当天，按北京时间" />
          <Field name="closes" label="截止日期" type="date" value={p.windowValues.closes} error={p.windowErrors?.closes} required
            hint="含当天。评价时间外，群众仍可扫码提意见和建议，但不能评价满意程度。" />
          <button type="submit">保存评价时间</button>
        </form>
      )}
      <h2>待审核（{pending.length}）</h2>
      {pending.length === 0 ? <p class="muted">没有待审核的留言。</p> : <ul class="feedback-list">{pending.map(Item)}</ul>}
      <h2>已处理（{done.length}）</h2>
      {done.length === 0 ? <p class="muted">暂无。</p> : <ul class="feedback-list">{done.map(Item)}</ul>}
    </section>
  );
}
