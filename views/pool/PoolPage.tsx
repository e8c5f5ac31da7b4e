import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { poolItems, PoolFilter } from '../../src/data/pool';
import { POOL_REASON_LABELS } from '../../src/domain/pool';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../src/domain/proposalLabels';
import { POOL_REASONS, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES } from '../../src/domain/vocabulary';
import { Field, FormError, SelectField, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';

type Item = ReturnType<typeof poolItems>[number];

function Filter(p: { name: string; label: string; value?: string | number; options: [string, string][] }) {
  return (
    <Field name={p.name} label={p.label}>
      <select id={`f-${p.name}`} name={p.name}>
        <option value="">全部</option>
        {p.options.map(([v, l]) => <option value={v} selected={String(p.value ?? '') === v}>{l}</option>)}
      </select>
    </Field>
  );
}

export function PoolPage(p: {
  j: Jurisdiction; items: Item[]; filter: PoolFilter; years: number[]; canManage: boolean; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/pool`;
  const later = (y: number) => p.years.filter((x) => x > y).sort();
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a></p>
      <h1>项目储备库</h1>
      <p>符合条件但未列入候选、票决未通过、征集截止后或征集期外收到的提议保存在这里，回执号、提议人和办理经过不变；
        以后年度可一步列入候选项目，提议人凭回执号可继续查询。</p>
      <FormError errors={p.errors} />
      <form method="get" action={base} class="filters">
        <Filter name="source" label="来源" value={p.filter.source} options={PROPOSAL_SOURCES.map((s) => [s, SOURCE_LABELS[s]])} />
        <Filter name="category" label="类别" value={p.filter.category} options={PROPOSAL_CATEGORIES.map((s) => [s, CATEGORY_LABELS[s]])} />
        <Filter name="year" label="原年度" value={p.filter.year} options={p.years.map((y) => [String(y), `${y} 年度`])} />
        <Filter name="reason" label="转入原因" value={p.filter.reason} options={POOL_REASONS.map((r) => [r, POOL_REASON_LABELS[r]])} />
        <button type="submit">筛选</button>
      </form>
      {p.items.length === 0 ? <p class="muted">储备库中没有符合条件的提议。</p> : (
        <table>
          <thead><tr><th scope="col">回执号</th><th scope="col">项目</th><th scope="col">来源 / 类别</th><th scope="col">原年度</th>
            <th scope="col">转入原因</th>{p.canManage && <th scope="col">列入以后年度</th>}</tr></thead>
          <tbody>
            {p.items.map((it) => (
              <tr>
                <td><a href={`/track/${it.receipt}`}>{it.receipt}</a></td>
                <td>{it.title}<div class="muted">{fmtYuan(it.estimatedCost)} · 提议人 {it.proposerName} · {STATUS_LABELS[it.status]}</div></td>
                <td>{SOURCE_LABELS[it.source]} / {CATEGORY_LABELS[it.category]}</td>
                <td>{it.year}</td>
                <td>{it.poolReason && POOL_REASON_LABELS[it.poolReason]}{it.pooledAt && <div class="muted">{fmtDateTime(it.pooledAt)}</div>}</td>
                {p.canManage && (
                  <td>
                    {later(it.year).length === 0 ? <span class="muted">以后年度尚未创建</span> : (
                      <form method="post" action={`${base}/${it.id}/nominate`} class="inline">
                        <label class="visually-hidden" for={`f-year-${it.id}`}>年度</label>
                        <select id={`f-year-${it.id}`} name="year">{later(it.year).map((y) => <option value={String(y)}>{y} 年度</option>)}</select>
                        <button type="submit">{it.status === 'eligible' ? '列入候选项目' : '转入该年度征集'}</button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.canManage && (
        <>
          <form method="post" action={`${base}/add`} class="stack card" novalidate>
            <h2>按回执号转入储备库</h2>
            <Field name="receipt" label="回执号" value={p.values?.receipt} error={p.errors?.receipt} required hint="如 2027-QS-0042" />
            <SelectField name="reason" label="原因" value={p.values?.reason} error={p.errors?.reason} required blank="请选择"
              options={POOL_REASONS.map((r) => [r, POOL_REASON_LABELS[r]])} />
            <button type="submit">转入储备库</button>
          </form>
          <form method="post" action={`${base}/unselected`} class="stack card" novalidate>
            <h2>未列入候选的合格提议</h2>
            <p>候选项目名单审定后，把该年度符合条件但未列入候选的提议一次转入储备库。</p>
            <SelectField name="year" label="年度" value={p.values?.year} error={p.errors?.year} required
              options={p.years.map((y) => [String(y), `${y} 年度`])} />
            <button type="submit">全部转入储备库</button>
          </form>
        </>
      )}
    </section>
  );
}
