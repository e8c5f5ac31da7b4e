import type { Cycle } from '../../src/data/cycles';
import type { Feedback } from '../../src/data/feedback';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { RATING_LABELS } from '../../src/domain/satisfaction';
import { PostButton } from '../components/form';
import { fmtDateTime } from '../components/format';
import { DeliveryHeader } from './ProjectPages';

const STATE = { pending: '待审核', published: '已公开', hidden: '不公开' } as const;

/** Every beneficiary message: the clerk publishes or withholds; the supervision group reads them all. */
export function FeedbackPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; items: (Feedback & { projectTitle: string })[]; canModerate: boolean;
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
      <p class="muted">群众扫描项目公示牌二维码提交的评价和建议。留言须经审核后才在公开页面显示；只有公开的评价计入群众满意率。</p>
      <h2>待审核（{pending.length}）</h2>
      {pending.length === 0 ? <p class="muted">没有待审核的留言。</p> : <ul class="feedback-list">{pending.map(Item)}</ul>}
      <h2>已处理（{done.length}）</h2>
      {done.length === 0 ? <p class="muted">暂无。</p> : <ul class="feedback-list">{done.map(Item)}</ul>}
    </section>
  );
}
