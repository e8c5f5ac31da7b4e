import { RETIRE_REASON_LABELS } from '../../src/domain/roster';
import { RETIRE_REASONS } from '../../src/domain/vocabulary';
import { Field, FormError, PostButton, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { RosterFrame, type RosterView } from './Frame';
import { seatLine, type RosterRow } from './RosterPage';

/** Which of the entry page's forms failed: its values and errors go back beside its own fields. */
export type RepForm = 'edit' | 'retire' | 'login';

function RepFields(p: { r: RosterView; values: FormValues; errors: FieldErrors; places: string[]; placesFixed: boolean }) {
  const { r } = p;
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <Field name="name" label="姓名" value={v.name} error={e.name} required maxlength={20} autocomplete="off"
        hint="空格会被去掉（名册里对齐用的全角空格也一样）" />
      {p.placesFixed ? (
        <SelectField name="community" label={r.terms.place} options={p.places.map((x) => [x, x])} blank="（不填）" value={v.community} error={e.community} />
      ) : (
        <div class={e.community ? 'field invalid' : 'field'}>
          <label for="f-community">{r.terms.place}</label>
          <input id="f-community" name="community" value={v.community ?? ''} list="places" maxlength={40}
            aria-invalid={e.community ? 'true' : undefined} aria-describedby="f-community-hint" />
          <datalist id="places">{p.places.map((x) => <option value={x} />)}</datalist>
          <p class="hint" id="f-community-hint">
            {r.body === 'deliberation' ? '可从列表选择本街道的社区，驻街单位等可直接填写' : '本镇还没有登记村（社区），可直接填写'}
          </p>
          {e.community && <p class="error" role="alert">{e.community}</p>}
        </div>
      )}
      <Field name="sector" label={r.terms.sector} value={v.sector} error={e.sector} maxlength={40}
        hint={r.body === 'congress' ? '如：农业、村干部、教育、个体工商' : '如：社区工作者、教育、个体工商'} />
      <Field name="phone" label="联系电话" value={v.phone} error={e.phone} type="tel" inputmode="tel" maxlength={20}
        hint="仅工作人员可见，不会公开" />
      <div class="two">
        <Field name="termFrom" label="任期开始" value={v.termFrom} error={e.termFrom} type="date" />
        <Field name="termTo" label="任期结束" value={v.termTo} error={e.termTo} type="date" />
      </div>
      <div class="field check">
        <input type="checkbox" id="f-byElection" name="byElection" value="1" checked={v.byElection === '1' || v.byElection === 'true'} />
        <label for="f-byElection">{r.terms.byElection}产生的{r.terms.rep}（任期中途{r.terms.byElection}）</label>
      </div>
      <Field name="seatedOn" label={r.terms.seatedOn} value={v.seatedOn} error={e.seatedOn} type="date"
        hint={`${r.terms.byElection}的${r.terms.rep}必填：从这一天起计入在册人数；其他${r.terms.rep}不填则按任期开始计`} />
    </>
  );
}

export function RepNewPage(p: { r: RosterView; places: string[]; placesFixed: boolean; values?: FormValues; errors?: FieldErrors }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const by = v.byElection === '1';
  return (
    <RosterFrame r={p.r} title={by ? `${p.r.terms.byElection}${p.r.terms.rep}` : `新增${p.r.terms.rep}`}>
      <form method="post" action={p.r.base} class="stack" novalidate>
        <FormError errors={p.errors} />
        <RepFields r={p.r} values={v} errors={e} places={p.places} placesFixed={p.placesFixed} />
        <fieldset class="card">
          <legend>登录账号（可选）</legend>
          <p class="hint">也可以保存后在名册页勾选，批量创建账号并打印登录凭条。</p>
          <div class="field check">
            <input type="checkbox" id="f-createLogin" name="createLogin" value="1" checked={v.createLogin === '1'} />
            <label for="f-createLogin">现在就用下面的用户名和初始密码创建账号</label>
          </div>
          <Field name="username" label="用户名" value={v.username} error={e.username} autocomplete="off" maxlength={32}
            hint="小写字母、数字、点、下划线或连字符" />
          <Field name="password" label="初始密码" value="" error={e.password} type="password" autocomplete="new-password"
            hint="至少 8 位；请当面告知，首次登录后须设置自己的密码" />
        </fieldset>
        <button type="submit">保存</button>
      </form>
    </RosterFrame>
  );
}

export interface LinkHistoryRow { id: number; fromDate: string; toDate: string | null; districtRep: string }

export function RepEditPage(p: {
  r: RosterView; rep: RosterRow & { retireNote: string | null }; places: string[]; placesFixed: boolean; links?: LinkHistoryRow[]; today: string;
  form?: RepForm; values?: FormValues; errors?: FieldErrors;
}) {
  const { r, rep } = p;
  const base = `${r.base}/${rep.id}`;
  const mine = (f: RepForm) => (p.form === f ? { values: p.values, errors: p.errors ?? {} } : { values: undefined, errors: {} as FieldErrors });
  const edit = mine('edit');
  const retire = mine('retire');
  const login = mine('login');
  const values: FormValues = edit.values ?? {
    name: rep.name, community: rep.community, sector: rep.sector, phone: rep.phone, termFrom: rep.termFrom ?? '', termTo: rep.termTo ?? '',
    byElection: rep.byElection ? '1' : '', seatedOn: rep.seatedOn ?? '',
  };
  return (
    <RosterFrame r={r} title={`${r.terms.rep}：${rep.name}`}>
      <p>
        <span class={rep.status === 'seated' ? 'badge ok' : 'badge off'}>{rep.status === 'seated' ? '在册' : '离任'}</span>
        {' '}{seatLine(rep, r.terms)}
        {rep.status === 'retired' && rep.retireNote && <span class="muted">：{rep.retireNote}</span>}
      </p>

      <form method="post" action={base} class="stack" novalidate>
        <FormError errors={edit.errors} />
        <RepFields r={r} values={values} errors={edit.errors} places={p.places} placesFixed={p.placesFixed} />
        <button type="submit">保存修改</button>
      </form>

      <section class="card" aria-labelledby="login-h">
        <h2 id="login-h">登录账号</h2>
        <FormError errors={login.errors} />
        {rep.username ? (
          <>
            <p>登录账号：<code>{rep.username}</code></p>
            <div class="actions">
              <form method="post" action={`${base}/reset`} class="inline" hx-boost="false" data-confirm="旧密码将立即失效，确认重置并打印新的登录凭条？">
                <button type="submit">重置初始密码并打印凭条</button>
              </form>
              <PostButton action={`${base}/unlink`} label="解除关联" class="secondary" confirm="解除后该账号不再代表此人投票，确认解除？" />
            </div>
          </>
        ) : (
          <>
            <p class="muted">没有登录账号：仍计入在册人数，可以用纸质选票表决。</p>
            <form method="post" action={`${r.base}/logins`} class="inline" hx-boost="false">
              <input type="hidden" name="rep" value={String(rep.id)} />
              <input type="hidden" name="which" value="selected" />
              <button type="submit">创建账号并打印登录凭条</button>
            </form>
            <form method="post" action={`${base}/link`} class="stack" novalidate>
              <Field name="username" label="或关联已有账号（用户名）" value={login.values?.username} error={login.errors.username} autocomplete="off" maxlength={64}
                hint="如该代表已在“用户管理”中有账号：关联后该账号即以此身份登录、投票" />
              <button type="submit" class="secondary">关联</button>
            </form>
          </>
        )}
      </section>

      {rep.status === 'seated' ? (
        <form method="post" action={`${base}/retire`} class="stack card" novalidate>
          <h2>离任</h2>
          <p class="muted">离任当天起不再计入在册人数；已创建的会议名册不受影响。{r.body === 'deliberation' && '其与区人大代表的联系在同一天结束，历史保留。'}</p>
          <FormError errors={retire.errors} />
          <Field name="onDate" label="离任日期" type="date" value={retire.values?.onDate ?? p.today} error={retire.errors.onDate} required />
          <SelectField name="reason" label="原因" required blank="请选择" value={retire.values?.reason} error={retire.errors.reason}
            options={RETIRE_REASONS.map((k) => [k, RETIRE_REASON_LABELS[k]])} />
          <TextArea name="note" label="说明" value={retire.values?.note} error={retire.errors.note} maxlength={200}
            hint="如：经镇人大主席团确认、迁出本镇；原因为“其他”时必填" />
          <button type="submit" class="danger">确认离任</button>
        </form>
      ) : (
        <div class="actions">
          <FormError errors={retire.errors} />
          <PostButton action={`${base}/reinstate`} label="恢复在册（误操作时使用）" class="secondary" confirm="确认撤销离任、恢复为在册代表？" />
        </div>
      )}

      {p.links && (
        <>
          <h2>联系区人大代表的记录</h2>
          {p.links.length === 0 ? <p class="muted">没有记录。</p> : (
            <ul>{p.links.map((l) => <li>{l.districtRep}：{l.fromDate} 起{l.toDate ? `，至 ${l.toDate}` : '（现联系）'}</li>)}</ul>
          )}
        </>
      )}
    </RosterFrame>
  );
}
