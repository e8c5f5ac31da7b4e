import { MAX_ATTACHMENTS } from '../../src/domain/attachmentRules';
import { OPINION_CATEGORIES, OPINION_CATEGORY_LABELS, OPINION_CHANNEL_LABELS, type OpinionCategory, type OpinionChannel } from '../../src/domain/opinionLabels';
import { OPINION_STATE_LABELS, OPINION_STATES, type OpinionState } from '../../src/domain/opinionTriage';
import { SUGGESTION_STATUS_LABELS, type SuggestionStatus } from '../../src/domain/suggestionStatus';
import { Field, FormError, Pagination, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { DelibFrame } from './Frame';

type J = { code: string; name: string };

export function stateBadge(state: OpinionState) {
  const cls = state === 'recorded' ? 'badge warn' : state === 'converted' || state === 'answered' ? 'badge ok' : 'badge';
  return <span class={cls}>{OPINION_STATE_LABELS[state]}</span>;
}

export function statusBadge(status: SuggestionStatus) {
  const cls = status === 'overdue' ? 'badge bad' : status === 'answeredLate' || status === 'extended' ? 'badge warn' : status === 'answered' ? 'badge ok' : 'badge';
  return <span class={cls}>{SUGGESTION_STATUS_LABELS[status]}</span>;
}

export interface ItemListRow {
  id: number; number: string; title: string; raisedBy: string; category: OpinionCategory; state: OpinionState;
  recordedAt: Date; suggestionStatus?: SuggestionStatus;
}

export function ItemListPage(p: {
  j: J; rows: ItemListRow[]; total: number; page: number; pageSize: number; years: number[];
  filter: { year?: number; state?: OpinionState; mine?: string }; mineLabel?: string; canRecord: boolean;
}) {
  const base = `/j/${p.j.code}/deliberation/items`;
  const query = (page: number) => {
    const q = new URLSearchParams();
    if (p.filter.year) q.set('year', String(p.filter.year));
    if (p.filter.state) q.set('state', p.filter.state);
    if (p.filter.mine) q.set('mine', p.filter.mine);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <DelibFrame j={p.j} tab="items" title="民意事项">
      {p.canRecord && <div class="actions"><a class="button" href={`${base}/new`}>登记民意事项</a></div>}
      <form method="get" action={base} class="filters">
        <SelectField name="year" label="年度" value={p.filter.year ? String(p.filter.year) : ''} blank="全部年度"
          options={p.years.map((y) => [String(y), `${y}年`])} />
        <SelectField name="state" label="状态" value={p.filter.state ?? ''} blank="全部状态"
          options={OPINION_STATES.map((s) => [s, OPINION_STATE_LABELS[s]])} />
        {p.mineLabel && (
          <div class="field check">
            <input type="checkbox" id="f-mine" name="mine" value="1" checked={p.filter.mine === '1'} />
            <label for="f-mine">{p.mineLabel}</label>
          </div>
        )}
        <button type="submit" class="secondary">筛选</button>
      </form>
      <p class="muted">共 {p.total} 件</p>
      {p.rows.length === 0 ? <p class="muted">没有符合条件的民意事项。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>编号</th><th>事项</th><th>提出的议事代表</th><th>类别</th><th>状态</th><th>登记时间</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="编号" class="date">{r.number}</td>
                <td data-label="事项"><a href={`${base}/${r.id}`}>{r.title}</a></td>
                <td data-label="提出">{r.raisedBy}</td>
                <td data-label="类别">{OPINION_CATEGORY_LABELS[r.category]}</td>
                <td data-label="状态">{stateBadge(r.state)} {r.suggestionStatus && statusBadge(r.suggestionStatus)}</td>
                <td data-label="登记">{fmtDateTime(r.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} href={query} />
    </DelibFrame>
  );
}

/**
 * A deliberation representative records for themself (no chooser); the clerk picks who raised it and where.
 * Attachments cannot be refilled after an error: the page says so.
 */
export function ItemNewPage(p: {
  j: J; self?: { name: string }; raisers?: [string, string][]; channels?: OpinionChannel[];
  values?: FormValues; errors?: FieldErrors;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <DelibFrame j={p.j} tab="items" title="登记民意事项">
      {p.self && <p>提出人：<strong>{p.self.name}</strong></p>}
      <form method="post" action={`/j/${p.j.code}/deliberation/items`} enctype="multipart/form-data" class="stack" novalidate>
        <FormError errors={p.errors} />
        {p.raisers && (
          <>
            <SelectField name="raisedById" label="提出的议事代表" options={p.raisers} blank="请选择" value={v.raisedById} error={e.raisedById} required />
            <SelectField name="channel" label="登记方式" options={(p.channels ?? []).map((ch) => [ch, OPINION_CHANNEL_LABELS[ch]])}
              value={v.channel ?? 'meeting'} error={e.channel} required />
          </>
        )}
        <Field name="title" label="事项" value={v.title} error={e.title} required maxlength={60} hint="一句话概括，如：解放路 12 号路灯不亮" />
        <TextArea name="text" label="群众反映的具体情况" value={v.text} error={e.text} required maxlength={2000} rows={5}
          hint="谁反映的、什么问题、持续多久、群众的诉求" />
        <Field name="place" label="地点" value={v.place} error={e.place} maxlength={100} hint="如：滨江社区 3 栋旁" />
        <Field name="affected" label="涉及群众（约多少人）" value={v.affected} error={e.affected} type="number" inputmode="numeric" />
        <SelectField name="category" label="类别" options={OPINION_CATEGORIES.map((k) => [k, OPINION_CATEGORY_LABELS[k]])} blank="请选择"
          value={v.category} error={e.category} required />
        <div class={e.attachments ? 'field invalid' : 'field'}>
          <label for="f-attachments">照片或 PDF（可选）</label>
          <input id="f-attachments" name="attachments" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" multiple
            aria-invalid={e.attachments ? 'true' : undefined} aria-describedby="f-attachments-hint" />
          <p class="hint" id="f-attachments-hint">最多 {MAX_ATTACHMENTS} 个，每个不超过 5 MB{p.errors ? '；页面返回后请重新选择附件' : ''}</p>
          {e.attachments && <p class="error" role="alert">{e.attachments}</p>}
        </div>
        <button type="submit">提交</button>
      </form>
    </DelibFrame>
  );
}
