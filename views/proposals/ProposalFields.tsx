import { CATEGORY_LABELS, PROPOSAL_CATEGORIES, SOURCE_LABELS, type ProposalSource } from '../../src/domain/proposalLabels';
import { LIMITS, OUTSIDE_AREA } from '../../src/domain/proposalInput';
import { Field, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';

export interface FormChoices {
  places: { id: number; name: string }[];
  wholeArea: string; // 全镇 / 全街道
  stations: { shortCode: string; name: string }[];
  sources: readonly ProposalSource[];
}

const categoryOptions: [string, string][] = PROPOSAL_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]]);

/** The proposal's fields, shared by the public form and the staff form: same names, same order, same hints. */
export function ProposalFields(p: { choices: FormChoices; values: FormValues; errors?: FieldErrors; forResident: boolean }) {
  const v = p.values;
  const e = p.errors ?? {};
  const placeOptions: [string, string][] = [
    ...p.choices.places.map((x): [string, string] => [String(x.id), x.name]), ['all', p.choices.wholeArea], [OUTSIDE_AREA, '本辖区以外'],
  ];
  const hasPoint = Boolean(v.lat || v.lng || e.lat || e.lng);
  return (
    <>
      <fieldset>
        <legend>项目</legend>
        <Field name="title" label="项目名称" value={v.title} error={e.title} required maxlength={LIMITS.title}
          hint="一句话说清要办的事，如“青石村饮水管网改造”" />
        <SelectField name="place" label="所在村/社区" options={placeOptions} value={v.place} error={e.place} required blank="请选择"
          hint={`涉及多个村/社区或整个辖区的，选“${p.choices.wholeArea}”`} />
        <SelectField name="category" label="项目类别" options={categoryOptions} value={v.category} error={e.category} required blank="请选择" />
        <TextArea name="description" label="项目内容" value={v.description} error={e.description} required rows={5} maxlength={LIMITS.description}
          hint={p.forResident ? '要办什么事、在哪里、现在有什么困难、希望达到什么效果' : '照录提议原文；看不清的地方注明“字迹不清”'} />
        <Field name="beneficiaries" label="受益对象" value={v.beneficiaries} error={e.beneficiaries} required maxlength={LIMITS.beneficiaries}
          hint="谁会受益，如“杨柳村 3 组村民”“镇中心小学师生”" />
        <Field name="beneficiaryCount" label="受益人数（约，可不填）" value={v.beneficiaryCount} error={e.beneficiaryCount} inputmode="numeric" />
      </fieldset>
      <fieldset>
        <legend>投资与工期（估计即可）</legend>
        <Field name="estimatedCost" label="估算投资（元）" value={v.estimatedCost} error={e.estimatedCost} required inputmode="decimal"
          hint="填数字，如 150000，也可以写“15万”" />
        <Field name="fundingSource" label="资金来源（可不填）" value={v.fundingSource} error={e.fundingSource} maxlength={LIMITS.fundingSource}
          hint="如“镇财政”“上级补助 + 村集体自筹”" />
        <Field name="fiscalSharePct" label="政府财政资金占比（%）" value={v.fiscalSharePct} error={e.fiscalSharePct} required inputmode="numeric"
          hint="0–100；全部由政府出钱填 100" />
        <Field name="durationMonths" label="预计工期（月）" value={v.durationMonths} error={e.durationMonths} required inputmode="numeric"
          hint="大约几个月能完成，1–60" />
        <SelectField name="crossYear" label="是否跨年度" options={[['no', '否，当年能完成'], ['yes', '是，需要跨年度实施']]}
          value={v.crossYear ?? 'no'} error={e.crossYear} required />
        <details class="field" open={hasPoint}>
          <summary>地图位置（可不填）</summary>
          <Field name="lat" label="纬度" value={v.lat} error={e.lat} inputmode="decimal" hint="如 29.5630" />
          <Field name="lng" label="经度" value={v.lng} error={e.lng} inputmode="decimal" hint="如 106.5516" />
        </details>
      </fieldset>
      <fieldset>
        <legend>{p.forResident ? '您的联系方式' : '提议人'}</legend>
        <Field name="proposerName" label="提议人姓名" value={v.proposerName} error={e.proposerName} required maxlength={LIMITS.proposerName}
          autocomplete={p.forResident ? 'name' : 'off'} hint={p.forResident ? '帮老人填写的，请填老人的姓名和电话' : '代群众提交时填群众本人的姓名'} />
        <Field name="proposerPhone" label="联系电话" type="tel" value={v.proposerPhone} error={e.proposerPhone} required={p.forResident}
          autocomplete={p.forResident ? 'tel' : 'off'} inputmode="tel" hint="手机号，或带区号的固定电话" />
        <SelectField name="source" label="提议人身份" options={p.choices.sources.map((s): [string, string] => [s, SOURCE_LABELS[s]])}
          value={v.source} error={e.source} required />
        {p.choices.stations.length > 0 && (
          <SelectField name="station" label="通过哪个代表之家/联络站提交（可不选）" blank="不经过站点"
            options={p.choices.stations.map((s): [string, string] => [s.shortCode, s.name])} value={v.station} error={e.station} />
        )}
      </fieldset>
    </>
  );
}
