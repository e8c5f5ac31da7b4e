import type { ImportError } from '../../src/domain/repInput';
import { REP_FIELD_LABELS, REP_STATUS_LABELS, type RepStatus } from '../../src/domain/repInput';
import { Field, FormError, PostButton, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { DelibFrame, Warnings } from './Frame';

type J = { code: string; name: string };

export interface RosterRow {
  id: number; name: string; community: string; sector: string; phone: string;
  termFrom: string | null; termTo: string | null; status: RepStatus; districtRep?: string; hasLogin: boolean; termEnded: boolean;
}

export function RosterPage(p: {
  j: J; rows: RosterRow[]; seated: number; warnings: string[]; canManage: boolean; status: RepStatus | 'all';
}) {
  const base = `/j/${p.j.code}/deliberation/reps`;
  const filters: [RepStatus | 'all', string][] = [['seated', '在册'], ['retired', '离任'], ['all', '全部']];
  return (
    <DelibFrame j={p.j} tab="reps" title={`${p.j.name}议事代表名册`}>
      <p>在册议事代表 <strong>{p.seated}</strong> 名。</p>
      <Warnings items={p.warnings} />
      {p.canManage && (
        <div class="actions">
          <a class="button" href={`${base}/new`}>新增议事代表</a>
          <a class="button secondary" href={`${base}/import`}>从 CSV 导入</a>
          <a class="button secondary" href={`${base}.csv`} download hx-boost="false">导出 CSV</a>
        </div>
      )}
      <nav class="filters-inline" aria-label="按状态筛选">
        {filters.map(([s, label]) => (
          <a href={`${base}?status=${s}`} aria-current={s === p.status ? 'page' : undefined}>{label}</a>
        ))}
      </nav>
      {p.rows.length === 0 ? <p class="muted">名册中还没有代表。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr>
            <th>姓名</th><th>所在社区</th><th>界别</th>{p.canManage && <th>联系电话</th>}<th>任期</th><th>联系的区人大代表</th><th>状态</th>
            {p.canManage && <th></th>}
          </tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="姓名">{r.name}</td>
                <td data-label="社区">{r.community || '—'}</td>
                <td data-label="界别">{r.sector || '—'}</td>
                {p.canManage && <td data-label="电话">{r.phone || '—'}</td>}
                <td data-label="任期">{r.termFrom || r.termTo ? `${r.termFrom ?? '?'} 至 ${r.termTo ?? '?'}` : '—'}{r.termEnded && <> <span class="badge warn">任期已满</span></>}</td>
                <td data-label="区人大代表">{r.status === 'seated' ? (r.districtRep ?? <span class="badge warn">未联系</span>) : '—'}</td>
                <td data-label="状态">
                  <span class={r.status === 'seated' ? 'badge ok' : 'badge off'}>{REP_STATUS_LABELS[r.status]}</span>
                  {r.hasLogin && <span class="badge">有账号</span>}
                </td>
                {p.canManage && <td><a href={`${base}/${r.id}`}>编辑<span class="sr-only"> {r.name}</span></a></td>}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </DelibFrame>
  );
}

function RepFields(p: { values?: FormValues; errors?: FieldErrors; communities: string[] }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <>
      <Field name="name" label={REP_FIELD_LABELS.name} value={v.name} error={e.name} required maxlength={20} autocomplete="off" />
      <div class={e.community ? 'field invalid' : 'field'}>
        <label for="f-community">{REP_FIELD_LABELS.community}</label>
        <input id="f-community" name="community" value={v.community ?? ''} list="communities" maxlength={40}
          aria-invalid={e.community ? 'true' : undefined} aria-describedby="f-community-hint" />
        <datalist id="communities">{p.communities.map((c) => <option value={c} />)}</datalist>
        <p class="hint" id="f-community-hint">可从列表选择本街道的社区，驻街单位等可直接填写</p>
        {e.community && <p class="error" role="alert">{e.community}</p>}
      </div>
      <Field name="sector" label={REP_FIELD_LABELS.sector} value={v.sector} error={e.sector} maxlength={40} hint="如：社区工作者、教育、个体工商" />
      <Field name="phone" label={REP_FIELD_LABELS.phone} value={v.phone} error={e.phone} type="tel" inputmode="tel" maxlength={20}
        hint="仅工作人员可见，不会公开" />
      <Field name="termFrom" label={REP_FIELD_LABELS.termFrom} value={v.termFrom} error={e.termFrom} type="date" />
      <Field name="termTo" label={REP_FIELD_LABELS.termTo} value={v.termTo} error={e.termTo} type="date" />
    </>
  );
}

export function RepNewPage(p: { j: J; communities: string[]; values?: FormValues; errors?: FieldErrors }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <DelibFrame j={p.j} tab="reps" title="新增议事代表">
      <form method="post" action={`/j/${p.j.code}/deliberation/reps`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <RepFields values={p.values} errors={p.errors} communities={p.communities} />
        <fieldset class="card">
          <legend>登录账号（可选）</legend>
          <div class="field check">
            <input type="checkbox" id="f-createLogin" name="createLogin" value="1" checked={v.createLogin === '1'} />
            <label for="f-createLogin">同时为该代表创建登录账号，便于在手机上登记民意事项</label>
          </div>
          <Field name="username" label="用户名" value={v.username} error={e.username} autocomplete="off" maxlength={32}
            hint="小写字母、数字、点、下划线或连字符，如 dc.drep053" />
          <Field name="password" label="初始密码" value="" error={e.password} type="password" autocomplete="new-password"
            hint="至少 8 位；请当面告知代表，并提醒其登录后修改" />
        </fieldset>
        <button type="submit">保存</button>
      </form>
    </DelibFrame>
  );
}

export interface LinkHistoryRow { id: number; fromDate: string; toDate: string | null; districtRep: string }

export function RepEditPage(p: {
  j: J; rep: RosterRow; communities: string[]; links: LinkHistoryRow[]; username?: string; today: string;
  values?: FormValues; errors?: FieldErrors; retireValues?: FormValues; retireErrors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/deliberation/reps/${p.rep.id}`;
  const values: FormValues = p.values ?? {
    name: p.rep.name, community: p.rep.community, sector: p.rep.sector, phone: p.rep.phone,
    termFrom: p.rep.termFrom ?? '', termTo: p.rep.termTo ?? '',
  };
  return (
    <DelibFrame j={p.j} tab="reps" title={`议事代表：${p.rep.name}`}>
      <p>
        <span class={p.rep.status === 'seated' ? 'badge ok' : 'badge off'}>{REP_STATUS_LABELS[p.rep.status]}</span>
        {' '}{p.username ? <>登录账号：{p.username}</> : <span class="muted">没有登录账号（账号由区级管理员在“用户管理”中创建）</span>}
      </p>
      <form method="post" action={base} class="stack" novalidate>
        <FormError errors={p.errors} />
        <RepFields values={values} errors={p.errors} communities={p.communities} />
        <button type="submit">保存修改</button>
      </form>

      {p.rep.status === 'seated' ? (
        <form method="post" action={`${base}/retire`} class="stack card" novalidate>
          <h2>离任</h2>
          <p class="muted">离任后不再计入在册人数；其与区人大代表的联系在同一天结束，历史保留。</p>
          <FormError errors={p.retireErrors} />
          <Field name="onDate" label="离任日期" type="date" value={p.retireValues?.onDate ?? p.today} error={p.retireErrors?.onDate} required />
          <TextArea name="reason" label="原因" value={p.retireValues?.reason} error={p.retireErrors?.reason} maxlength={200}
            hint="如：任期届满、迁出本街道、辞去" />
          <button type="submit" class="danger">确认离任</button>
        </form>
      ) : (
        <div class="actions">
          <FormError errors={p.retireErrors} />
          <PostButton action={`${base}/reinstate`} label="恢复在册（误操作时使用）" class="secondary" confirm="确认恢复为在册代表？" />
        </div>
      )}

      <h2>联系区人大代表的记录</h2>
      {p.links.length === 0 ? <p class="muted">没有记录。</p> : (
        <ul>{p.links.map((l) => <li>{l.districtRep}：{l.fromDate} 起{l.toDate ? `，至 ${l.toDate}` : '（现联系）'}</li>)}</ul>
      )}
    </DelibFrame>
  );
}

export function RosterImportPage(p: { j: J; errors?: ImportError[]; fileError?: string }) {
  const columns = Object.values(REP_FIELD_LABELS);
  return (
    <DelibFrame j={p.j} tab="reps" title="从 CSV 导入议事代表">
      <p>CSV 第一行为表头，可用的列：{columns.join('、')}。只有“姓名”必填；“状态”填“在册”或“离任”，不填为在册；日期写作 2026-01-01。</p>
      <p>整个文件全部检查通过才会导入；只要有一行有错，就一行也不导入，并逐行列出问题，改正后重新导入即可。</p>
      <p><a href={`/j/${p.j.code}/deliberation/reps/template.csv`} download hx-boost="false">下载 CSV 模板</a></p>
      {p.errors && p.errors.length > 0 && (
        <div class="error banner" role="alert">
          <p>文件中有 {p.errors.length} 处问题，没有导入任何代表：</p>
          <div class="table-wrap"><table class="stack-sm">
            <thead><tr><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>
              {p.errors.map((e) => <tr><td data-label="行">第 {e.line} 行</td><td data-label="列">{e.field || '—'}</td><td data-label="问题">{e.message}</td></tr>)}
            </tbody>
          </table></div>
        </div>
      )}
      <form method="post" action={`/j/${p.j.code}/deliberation/reps/import`} enctype="multipart/form-data" class="stack" novalidate>
        <div class={p.fileError ? 'field invalid' : 'field'}>
          <label for="f-file">CSV 文件<span class="req" aria-hidden="true"> *</span></label>
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" required aria-invalid={p.fileError ? 'true' : undefined} />
          <p class="hint">UTF-8 或 GBK 编码均可（Excel“另存为 CSV”即可），最大 1 MB</p>
          {p.fileError && <p class="error" role="alert">{p.fileError}</p>}
        </div>
        <button type="submit">检查并导入</button>
      </form>
    </DelibFrame>
  );
}
