import type { CollectionState } from '../../src/domain/collection';
import type { PublicAddress } from '../../src/http/publicUrl';
import type { CsvIssue } from '../../src/domain/proposalCsv';
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from '../../src/domain/proposalCsv';
import { CATEGORY_LABELS, SOURCE_LABELS } from '../../src/domain/proposalLabels';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { ConfirmBox } from '../components/ConfirmBox';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import { CollectionNotice } from './CollectionNotice';
import { ProposalFields, type FormChoices } from './ProposalFields';

interface Town { code: string; name: string; kind: string }

/** A representative, deliberation representative or clerk enters a proposal: their own, a resident's, or a paper form. */
export function StaffProposalPage(p: {
  j: Town; year: number; choices: FormChoices; values: FormValues; errors?: FieldErrors; canPaper: boolean;
  allowed: boolean; state: CollectionState;
}) {
  const base = `/j/${p.j.code}/cycles/${p.year}/proposals`;
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}/cycles/${p.year}`}>{p.j.name} {p.year} 年度</a></p>
      <h1>录入提议</h1>
      <CollectionNotice state={p.state} kind={p.j.kind} year={p.year} />
      {!p.allowed ? (
        <p class="error banner">{p.canPaper ? '本年度已过资格审查阶段，不能再录入提议。' : '现在不在征集时间内，不能提交提议。'}</p>
      ) : (
        <form method="post" action={`${base}/new`} class="stack" novalidate>
          <p>代群众提交（如帮不会用手机的老人填写）时，提议人填群众本人；本人提议时填自己。提交后会记录是您录入的。</p>
          <FormError errors={p.errors} />
          {p.canPaper ? (
            <SelectField name="entryChannel" label="录入方式" value={p.values.entryChannel ?? 'paper'} error={p.errors?.entryChannel} required
              options={[['paper', '照纸质表格录入'], ['online', '代为网上填写']]} />
          ) : <input type="hidden" name="entryChannel" value="online" />}
          <ProposalFields choices={p.choices} values={p.values} errors={p.errors} forResident={false} />
          <button type="submit" class="wide">提交并生成回执</button>
        </form>
      )}
    </section>
  );
}

export function ImportPage(p: { j: Town; year: number; issues?: CsvIssue[]; allowed: boolean; fileName?: string }) {
  const base = `/j/${p.j.code}/cycles/${p.year}/proposals`;
  return (
    <section>
      <p class="muted"><a href={base}>群众提议（{p.year} 年度）</a></p>
      <h1>批量导入提议</h1>
      {p.issues && (
        <div class="error banner" role="alert">
          <p><strong>{p.fileName ? `“${p.fileName}”` : '文件'}没有导入：发现 {p.issues.length} 处问题。</strong>全部改正后重新上传；有任何一处错误时，一条也不会导入。</p>
          <div class="table-wrap"><table class="stack-sm report">
            <thead><tr><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>
              {p.issues.map((i) => (
                <tr><td data-label="行">{i.row === null ? '—' : `第 ${i.row} 行`}</td><td data-label="列">{i.column ?? '—'}</td><td data-label="问题">{i.message}</td></tr>
              ))}
            </tbody>
          </table></div>
        </div>
      )}
      {!p.allowed ? <p class="error banner">本年度已过资格审查阶段，不能再导入提议。</p> : (
        <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="stack card" hx-boost="false">
          <Field name="file" label="CSV 文件" hint={`用 Excel 或 WPS 按模板填写后“另存为 CSV”上传；一次最多 ${MAX_IMPORT_ROWS} 条。`}>
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" required />
          </Field>
          <button type="submit">上传并导入</button>
        </form>
      )}
      <h2>填写说明</h2>
      <p><a href={`${base}/template.csv`} hx-boost="false" download>下载 CSV 模板</a>（第 1 行是表头，请勿修改；从第 2 行起每行一条提议）。</p>
      <div class="table-wrap"><table class="stack-sm">
        <thead><tr><th>列</th><th>怎么填</th></tr></thead>
        <tbody>
          {CSV_COLUMNS.map((col) => <tr><td data-label="列">{col.header}</td><td data-label="怎么填">{COLUMN_HELP[col.field]}</td></tr>)}
        </tbody>
      </table></div>
    </section>
  );
}

const COLUMN_HELP: Record<(typeof CSV_COLUMNS)[number]['field'], string> = {
  title: '必填，最多 60 字',
  description: '必填，最多 2000 字；单元格内可换行',
  place: '本辖区村/社区的名称；涉及全域的填“全镇”或“全街道”，也可留空',
  category: `必填，填：${Object.values(CATEGORY_LABELS).join('、')}`,
  estimatedCost: '必填，正整数（元），如 150000，也可写 15万',
  fundingSource: '可空',
  fiscalSharePct: '必填，0–100 的整数',
  beneficiaries: '必填，如“杨柳村 3 组村民”',
  beneficiaryCount: '可空，正整数',
  durationMonths: '必填，1–60 的整数',
  crossYear: '“是”或“否”，留空为否',
  proposerName: '必填',
  proposerPhone: '可空；手机号或带区号的固定电话',
  source: `留空为群众；可填：${Object.values(SOURCE_LABELS).join('、')}`,
  station: '可空；代表之家/联络站的简码，如 qs-home',
  lat: '可空；与经度同时填写',
  lng: '可空；与纬度同时填写',
};

export function CollectionWindowPage(p: {
  j: Town; year: number; state: CollectionState; canManage: boolean; values: FormValues; errors?: FieldErrors;
  address: PublicAddress; formUrl: string; portalUrl: string;
  minDays: number; closeValues?: FormValues; closeErrors?: FieldErrors; closeNotice: string;
}) {
  const base = `/j/${p.j.code}/cycles/${p.year}`;
  const announced = p.state.kind === 'open' || p.state.kind === 'notYet';
  return (
    <section>
      <p class="muted"><a href={base}>{p.j.name} {p.year} 年度</a></p>
      <h1>项目征集时间</h1>
      <PublicUrlWarning address={p.address} />
      <CollectionNotice state={p.state} kind={p.j.kind} year={p.year} />
      {p.canManage && (
        <form method="post" action={`${base}/collection`} class="stack card" novalidate>
          <FormError errors={p.errors} />
          <Field name="collectionOpens" label="开始日期" type="date" value={p.values.collectionOpens} error={p.errors?.collectionOpens} required
            hint="含当天，按北京时间" />
          <Field name="collectionCloses" label="截止日期" type="date" value={p.values.collectionCloses} error={p.errors?.collectionCloses} required
            hint="含当天：截止日当晚 24 时前提交的都有效" />
          <TextArea name="shortReason" label="缩短征集时间的原因" value={p.values.shortReason} error={p.errors?.shortReason} maxlength={500}
            hint={`公开征集一般不少于 ${p.minDays} 天（含首尾两天）；少于 ${p.minDays} 天时须填写原因，原因将被记录`} />
          <button type="submit">保存征集时间</button>
        </form>
      )}
      {p.closeNotice && <p class="notice">已提前截止。公告：{p.closeNotice}</p>}
      {p.canManage && announced && (
        <form method="post" action={`${base}/collection/close`} class="stack card" novalidate>
          <h2>提前截止征集</h2>
          <p>征集时间已经公布。提前截止后群众将不能再通过网上表单提交，以后收到的建议转入项目储备库。</p>
          <FormError errors={p.closeErrors} />
          <TextArea name="notice" label="提前截止公告（在公开页面发布）" value={p.closeValues?.notice} error={p.closeErrors?.notice} required maxlength={1000}
            hint="说明提前截止的原因和今后反映意见的途径" />
          <ConfirmBox name="confirm" label="我确认提前截止本年度的项目征集，并在公开页面发布上述公告" error={p.closeErrors?.confirm}
            checked={p.closeValues?.confirm === 'yes'} />
          <button type="submit" class="danger">提前截止征集</button>
        </form>
      )}
      <h2>群众从哪里提交</h2>
      <ul>
        <li>网上表单：<a href={p.formUrl}>{p.formUrl}</a></li>
        <li>项目公开页：<a href={p.portalUrl}>{p.portalUrl}</a></li>
        <li><a href={`/j/${p.j.code}/stations`}>各代表之家/联络站的二维码和海报</a></li>
        <li><a href={`${base}/proposals`}>查看已收到的提议</a></li>
      </ul>
    </section>
  );
}
