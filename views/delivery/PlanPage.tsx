import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Project } from '../../src/data/projects';
import type { Plan } from '../../src/domain/schedule';
import { Field, FormError, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { PlanTable } from './ProjectPages';

/** The clerk's plan adjustment: the whole plan in force, edited, with a reason; the original stays on show. */
export function PlanPage(p: {
  j: Jurisdiction; cycle: Cycle; project: Project; original: Plan; current: Plan; values: FormValues; errors?: FieldErrors; rows: number;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}/projects/${p.project.id}`;
  const v = (k: string) => p.values[k] ?? '';
  const e = (k: string) => p.errors?.[k];
  return (
    <section>
      <p class="muted"><a href={base}>{p.project.title}</a></p>
      <h1>调整项目计划</h1>
      <p>调整后的计划用于月度进展比对和亮灯；原计划和每次调整的原因都会保留并公开显示。</p>
      <details>
        <summary>原计划（票决通过时）</summary>
        <PlanTable plan={p.original} />
      </details>
      <form method="post" action={`${base}/plan`} class="stack wide" novalidate>
        <FormError errors={p.errors} />
        <Field name="budget" label="预算（元）" type="number" inputmode="numeric" value={v('budget')} error={e('budget')} required />
        <Field name="startDate" label="开工日期" type="date" value={v('startDate')} error={e('startDate')} required />
        <Field name="endDate" label="完工日期" type="date" value={v('endDate')} error={e('endDate')} required />
        <fieldset>
          <legend>节点（留空的行不保存）</legend>
          {Array.from({ length: p.rows }, (_, i) => (
            <div class="milestone-edit">
              <Field name={`m${i}_title`} label={`节点 ${i + 1} 名称`} value={v(`m${i}_title`)} error={e(`m${i}_title`)} maxlength={200} />
              <Field name={`m${i}_dueDate`} label="计划日期" type="date" value={v(`m${i}_dueDate`)} error={e(`m${i}_dueDate`)} />
              <Field name={`m${i}_pct`} label="累计完成（%）" type="number" inputmode="numeric" value={v(`m${i}_pct`)} error={e(`m${i}_pct`)} />
              <Field name={`m${i}_spend`} label="累计支出（元）" type="number" inputmode="numeric" value={v(`m${i}_spend`)} error={e(`m${i}_spend`)} />
            </div>
          ))}
        </fieldset>
        <TextArea name="reason" label="调整原因" value={v('reason')} error={e('reason')} maxlength={1000} required
          hint="例如：受汛期影响，经镇政府研究同意顺延工期" />
        <button type="submit">保存调整</button>
      </form>
    </section>
  );
}
