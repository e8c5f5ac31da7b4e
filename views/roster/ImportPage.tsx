import type { ImportError } from '../../src/domain/rosterImport';
import { RosterFrame, type RosterView } from './Frame';

export function RosterImportPage(p: { r: RosterView; columns: string[]; places: string[]; placesChecked: boolean; errors?: ImportError[]; fileError?: string }) {
  const { r } = p;
  return (
    <RosterFrame r={r} title={`导入${r.terms.roster}`}>
      <p>
        可以直接上传 Excel 表格（.xlsx），也可以从 CSV 导入{r.terms.rep}（UTF-8 或 GBK 均可，Excel“另存为 CSV”即可）。
        表头写在第一行（上面可以有一行标题），列的顺序不限，可用的列：{p.columns.join('、')}。只有“姓名”必填。
      </p>
      <ul>
        <li>日期写作 2026-01-01、2026/1/1 或 2026年1月1日，Excel 的日期单元格也可以。</li>
        <li>电话请设为“文本”格式，否则 Excel 可能把号码显示成 1.38E+10 并丢掉后几位。</li>
        <li>“{r.terms.byElection}”填“是”的，须填写{r.terms.seatedOn}；“状态”填“在册”或“离任”，不填为在册。</li>
        {p.placesChecked && <li>{r.terms.place}须为本辖区已登记的村（社区）：{p.places.join('、')}。</li>}
        <li>姓名中的空格会被去掉；与名册中已有的在册{r.terms.rep}或文件中其他行同名（同村或社区）的，视为重复。</li>
      </ul>
      <p>整个文件全部检查通过才会导入；只要有一行有错，就一行也不导入，并逐行列出全部问题，改正后重新导入即可。</p>
      <p>
        <a href={`${r.base}/template.xlsx`} download hx-boost="false">下载 Excel 模板</a>
        {' · '}<a href={`${r.base}/template.csv`} download hx-boost="false">下载 CSV 模板</a>
      </p>
      {p.errors && p.errors.length > 0 && (
        <div class="error banner" role="alert">
          <p>文件中有 {p.errors.length} 处问题，没有导入任何代表（一行也没有导入）：</p>
          <div class="table-wrap"><table class="stack-sm import-errors">
            <thead><tr><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>
              {p.errors.map((e) => <tr><td data-label="行">第 {e.line} 行</td><td data-label="列">{e.field || '—'}</td><td data-label="问题">{e.message}</td></tr>)}
            </tbody>
          </table></div>
        </div>
      )}
      <form method="post" action={`${r.base}/import`} enctype="multipart/form-data" class="stack" novalidate>
        <div class={p.fileError ? 'field invalid' : 'field'}>
          <label for="f-file">名册文件<span class="req" aria-hidden="true"> *</span></label>
          <input id="f-file" name="file" type="file" required aria-invalid={p.fileError ? 'true' : undefined} aria-describedby="f-file-hint"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <p class="hint" id="f-file-hint">Excel（.xlsx）或 CSV，最大 2 MB，最多 1000 名</p>
          {p.fileError && <p class="error" role="alert">{p.fileError}</p>}
        </div>
        <button type="submit">检查并导入</button>
      </form>
    </RosterFrame>
  );
}
