import type { Jurisdiction } from '../../src/data/jurisdictions';
import { FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';

interface Dup { item: { receipt: string; title: string }; score: number }

/** Hand a proposal to the other level: where to, and what that level already has that looks the same. */
export function TransferPage(p: {
  j: Jurisdiction; year: number; proposal: { id: number; receipt: string; title: string };
  targets: { id: number; name: string }[]; duplicates: { name: string; items: Dup[] }[]; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/cycles/${p.year}/proposals/${p.proposal.id}`;
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}/cycles/${p.year}/proposals`}>{p.j.name} {p.year} 年度提议</a></p>
      <h1>移交提议 {p.proposal.receipt}</h1>
      <p>“{p.proposal.title}”移交后由对方重新审查；回执号、提议人和办理经过不变，提议人查询时能看到移交情况。</p>
      {p.duplicates.filter((d) => d.items.length > 0).map((d) => (
        <div class="card warning">
          <h2>{d.name}已有相近的提议</h2>
          <ul>{d.items.map((s) => <li>{s.item.receipt} {s.item.title}（相似度 {Math.round(s.score * 100)}%）</li>)}</ul>
        </div>
      ))}
      {p.targets.length === 0 ? <p class="muted">没有可以移交的上级区或所辖镇（街道）。</p> : (
        <form method="post" action={`${base}/transfer`} class="stack card" novalidate>
          <FormError errors={p.errors} />
          <SelectField name="target" label="移交给" value={p.values?.target} error={p.errors?.target} required blank="请选择"
            options={p.targets.map((t) => [String(t.id), t.name])} />
          <TextArea name="note" label="说明（提议人可见）" value={p.values?.note} error={p.errors?.note} maxlength={500}
            hint="如：属区级事权，需区级统筹实施" />
          <button type="submit">确认移交</button>
        </form>
      )}
    </section>
  );
}
