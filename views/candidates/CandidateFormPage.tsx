import type { EligibleProposal } from '../../src/data/candidates';
import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtYuan } from '../components/format';
import { ChoiceGroup } from '../screening/ChoiceGroup';
import { Crumbs } from '../screening/ScreeningPage';

/** Blank milestone rows offered beyond those filled in: the form works without JavaScript. */
export const SPARE_MILESTONE_ROWS = 3;
export const MAX_MILESTONE_ROWS = 24;

export function milestoneRowCount(values: FormValues): number {
  let last = -1;
  for (let i = 0; i < MAX_MILESTONE_ROWS; i++) {
    if (['title', 'due', 'pct', 'spend'].some((f) => (values[`m${i}_${f}`] ?? '').trim() !== '')) last = i;
  }
  return Math.min(MAX_MILESTONE_ROWS, Math.max(4, last + 1 + SPARE_MILESTONE_ROWS));
}

export function CandidateFormPage(p: {
  j: Jurisdiction; cycle: Cycle; candidateId: number | null; proposals: EligibleProposal[];
  units: { id: number; displayName: string }[]; values: FormValues; errors?: FieldErrors;
}) {
  const { j, cycle, values: v, errors: e } = p;
  const base = `/j/${j.code}/cycles/${cycle.year}/candidates`;
  const action = p.candidateId === null ? `${base}/new` : `${base}/${p.candidateId}/edit`;
  const rows = milestoneRowCount(v);
  const chosen = (v.proposalIds ?? '').split(',').filter(Boolean);
  return (
    <section class="area-screening">
      <Crumbs j={j} year={cycle.year} here={{ href: base, label: '候选项目名单' }} />
      <h1>{p.candidateId === null ? '新建候选项目' : '修改候选项目'}</h1>
      <form method="post" action={action} class="stack wide" novalidate>
        <FormError errors={e} />
        <ChoiceGroup name="proposalIds" legend="来源提议（可合并多项符合条件的提议）" type="checkbox" required error={e?.proposalIds} checked={chosen}
          options={p.proposals.map((x) => ({ value: String(x.id), label: `${x.receipt} ${x.title}`, hint: `估算 ${fmtYuan(x.estimatedCost)} · ${x.durationMonths} 个月${x.crossYear ? ' · 跨年度' : ''}` }))} />
        <Field name="title" label="项目名称" value={v.title} error={e?.title} maxlength={100} required />
        <TextArea name="description" label="建设内容" value={v.description} error={e?.description} maxlength={2000} rows={3} />
        <Field name="budget" label="预算（元）" type="number" inputmode="numeric" value={v.budget} error={e?.budget} required />
        <Field name="unitName" label="承办单位" value={v.unitName} error={e?.unitName} maxlength={100} required hint="例如：镇社会事务办" />
        <SelectField name="unitUserId" label="承办单位系统账号（可选）" blank="不关联账号" value={v.unitUserId} error={e?.unitUserId}
          options={p.units.map((u): [string, string] => [String(u.id), u.displayName])} hint="关联后，该账号可填报月度进展" />
        <Field name="leadOfficial" label="责任领导" value={v.leadOfficial} error={e?.leadOfficial} maxlength={100} required hint="例如：副镇长 刘某某" />
        <div class="two">
          <Field name="startDate" label="开工日期" type="date" value={v.startDate} error={e?.startDate} required />
          <Field name="endDate" label="完成日期" type="date" value={v.endDate} error={e?.endDate} required hint="跨越年度的项目须为每个年度设置里程碑" />
        </div>
        <fieldset class={e?.milestones ? 'choices invalid' : 'choices'} id="f-milestones" aria-describedby={e?.milestones ? 'f-milestones-error' : 'f-milestones-hint'}>
          <legend>里程碑（计划累计完成比例和支出）</legend>
          <p class="hint" id="f-milestones-hint">按日期填写各阶段目标；完成比例和支出为累计数，不能倒退。留空的行不保存。</p>
          {e?.milestones && <p class="error" id="f-milestones-error" role="alert">{e.milestones}</p>}
          {Array.from({ length: rows }, (_, i) => (
            <fieldset class="milestone-row">
              <legend>里程碑 {i + 1}</legend>
              <Field name={`m${i}_title`} label="名称" value={v[`m${i}_title`]} error={e?.[`m${i}_title`]} maxlength={100} />
              <Field name={`m${i}_due`} label="截止日期" type="date" value={v[`m${i}_due`]} error={e?.[`m${i}_due`]} />
              <Field name={`m${i}_pct`} label="累计完成（%）" type="number" inputmode="numeric" value={v[`m${i}_pct`]} error={e?.[`m${i}_pct`]} />
              <Field name={`m${i}_spend`} label="累计支出（元）" type="number" inputmode="numeric" value={v[`m${i}_spend`]} error={e?.[`m${i}_spend`]} />
            </fieldset>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">保存</button>
          <a href={base}>取消</a>
        </div>
      </form>
    </section>
  );
}
