import type { IntakeRow, SortKey } from '../../src/data/proposals';
import {
  CATEGORY_LABELS, CHANNEL_LABELS, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES, SOURCE_LABELS, STATUS_LABELS,
} from '../../src/domain/proposalLabels';
import { Field, Pagination, SelectField, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';
import { queryString } from './query';
import { StatusBadge } from './TrackPages';

export const SORT_LABELS: Record<SortKey, string> = {
  new: '最新提交在前',
  old: '最早提交在前',
  costDesc: '投资从高到低',
  costAsc: '投资从低到高',
  receipt: '按回执号',
};

export interface IntakeModel {
  j: { code: string; name: string; kind: string };
  year: number;
  places: { id: number; name: string }[];
  wholeArea: string;
  filter: FormValues; // as typed: status, category, place, source, costMin, costMax, q, sort
  errors?: FieldErrors;
  rows: IntakeRow[];
  total: number;
  page: number;
  pageSize: number;
  canEnter: boolean;
  canImport: boolean;
  canManageWindow: boolean;
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>): [string, string][] => keys.map((k) => [k, labels[k]]);

/** The part htmx swaps: the count, the table, the pages and the export link for exactly this filter. */
export function IntakeResults(p: IntakeModel) {
  const base = `/j/${p.j.code}/cycles/${p.year}/proposals`;
  const { page: _page, ...filter } = p.filter;
  const errors = Object.values(p.errors ?? {});
  return (
    <div id="results" hx-target="#results" hx-swap="outerHTML">
      {errors.length > 0 && <p class="error banner" role="alert">{errors.join('；')}（该条件未生效）</p>}
      <div class="actions">
        <span>共 <strong>{p.total}</strong> 条</span>
        <a href={`${base}/export.csv${queryString(filter)}`} hx-boost="false" download>导出当前结果（CSV，含联系电话）</a>
      </div>
      {p.rows.length === 0 ? <p class="muted">没有符合条件的提议。</p> : (
        <div class="table-wrap"><table class="stack-sm intake">
          <thead><tr><th>回执号</th><th>项目名称</th><th>村/社区</th><th>类别</th><th class="num">估算投资</th><th>来源</th><th>提议人</th><th>状态</th><th>提交时间</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="回执号" class="receipt">{r.receipt}</td>
                <td data-label="项目"><a href={`${base}/${r.id}`} hx-boost="false">{r.title}</a></td>
                <td data-label="村/社区">{r.placeName ?? p.wholeArea}</td>
                <td data-label="类别">{CATEGORY_LABELS[r.category]}</td>
                <td data-label="估算投资" class="num">{fmtYuan(r.estimatedCost)}</td>
                <td data-label="来源">{SOURCE_LABELS[r.source]}{r.entryChannel !== 'online' ? `（${CHANNEL_LABELS[r.entryChannel]}）` : ''}{r.stationName ? ` · ${r.stationName}` : ''}</td>
                <td data-label="提议人">{r.proposerName}{r.proposerPhone && <span class="phone"> {r.proposerPhone}</span>}</td>
                <td data-label="状态"><StatusBadge status={r.status} /></td>
                <td data-label="提交时间" class="when">{fmtDateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} href={(page) => `${base}${queryString({ ...filter, page })}`} />
    </div>
  );
}

export function IntakePage(p: IntakeModel) {
  const base = `/j/${p.j.code}/cycles/${p.year}/proposals`;
  const f = p.filter;
  const e = p.errors ?? {};
  const placeOptions: [string, string][] = [...p.places.map((x): [string, string] => [String(x.id), x.name]), ['none', p.wholeArea]];
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}/cycles/${p.year}`}>{p.j.name} {p.year} 年度</a></p>
      <h1>群众提议（{p.year} 年度）</h1>
      <div class="actions">
        {p.canEnter && <a class="button" href={`${base}/new`}>录入提议</a>}
        {p.canImport && <a class="button secondary" href={`${base}/import`}>批量导入（CSV）</a>}
        {p.canManageWindow && <a href={`/j/${p.j.code}/cycles/${p.year}/collection`}>征集时间</a>}
        <a href={`/j/${p.j.code}/stations`}>站点二维码与海报</a>
        <a href={`/p/${p.j.code}/${p.year}`}>公开页</a>
      </div>
      <form method="get" action={base} class="intake-filters" role="search"
        hx-get={base} hx-target="#results" hx-swap="outerHTML" hx-push-url="true" hx-sync="this:replace"
        hx-trigger="submit, change, input changed delay:500ms from:#f-q">
        <div class="span-all">
          <Field name="q" label="搜索（项目名称、内容、回执号或提议人）" type="search" value={f.q} error={e.q} />
        </div>
        <SelectField name="status" label="状态" blank="全部" options={opts(PROPOSAL_STATUSES, STATUS_LABELS)} value={f.status} />
        <SelectField name="category" label="类别" blank="全部" options={opts(PROPOSAL_CATEGORIES, CATEGORY_LABELS)} value={f.category} />
        <SelectField name="place" label="村/社区" blank="全部" options={placeOptions} value={f.place} />
        <SelectField name="source" label="来源" blank="全部" options={opts(PROPOSAL_SOURCES, SOURCE_LABELS)} value={f.source} />
        <Field name="costMin" label="投资不低于（元）" value={f.costMin} error={e.costMin} inputmode="decimal" />
        <Field name="costMax" label="投资不高于（元）" value={f.costMax} error={e.costMax} inputmode="decimal" />
        <SelectField name="sort" label="排序" options={opts(Object.keys(SORT_LABELS) as SortKey[], SORT_LABELS)} value={f.sort || 'new'} />
        <div class="filter-actions">
          <button type="submit">筛选</button>
          <a href={base}>清除条件</a>
        </div>
      </form>
      <IntakeResults {...p} />
    </section>
  );
}
