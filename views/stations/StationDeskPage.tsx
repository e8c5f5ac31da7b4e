import type { Liaison, PlaceableRep, StationRep } from '../../src/data/stationPeople';
import { GOAL_STATE_LABELS, type StationGoal } from '../../src/data/stationGoals';
import { RECEPTION_STATE_LABELS, type PlannedReception } from '../../src/data/receptions';
import { STATION_LABELS, type Station } from '../../src/data/stations';
import { Field, FormError, PostButton, type FieldErrors, type FormValues } from '../components/form';

export interface StationDesk {
  j: { code: string; name: string };
  station: Station;
  /** The township/subdistrict the station belongs to: its representatives are the town's, the others the district's. */
  townId: number;
  placeName: string;
  reps: StationRep[];
  /** The town's and the district's seated representatives not yet at any station. */
  unplaced: PlaceableRep[];
  liaison?: Liaison;
  year: number;
  goals: StationGoal[];
  upcoming: PlannedReception[];
  canManage: boolean;
}

function RepChecks(p: { reps: PlaceableRep[]; legend: string }) {
  if (p.reps.length === 0) return null;
  return (
    <fieldset class="choices">
      <legend>{p.legend}（{p.reps.length} 名）</legend>
      <ul class="plain">
        {p.reps.map((r) => (
          <li><label class="choice"><input type="checkbox" name="reps" value={String(r.id)} /> {r.name}<span class="muted">　{r.community}</span></label></li>
        ))}
      </ul>
    </fieldset>
  );
}

/** /j/:code/stations/:id — the clerk's page of one station: who sits there, its liaison, goals and next reception days. */
export function StationDeskPage(p: StationDesk & { values?: FormValues; errors?: FieldErrors }) {
  const { station: s, errors: e = {}, values: v = {} } = p;
  const base = `/j/${p.j.code}/stations/${s.id}`;
  const conveners = p.reps.filter((r) => r.role === 'convener');
  const townUnplaced = p.unplaced.filter((r) => r.level === 'town');
  const districtUnplaced = p.unplaced.filter((r) => r.level === 'district');
  return (
    <section class="station-desk">
      <p class="muted"><a href={`/j/${p.j.code}/stations`}>{p.j.name}站点</a></p>
      <h1>{s.name} <span class="badge">{STATION_LABELS[s.kind]}</span>{!s.active && <span class="badge off">已停用</span>}</h1>
      <FormError errors={e} />
      <dl class="facts">
        <dt>所在</dt><dd>{p.placeName}</dd>
        <dt>地址</dt><dd>{s.address || '未填写'}</dd>
        <dt>开放时间</dt><dd>{s.openingHours || '未填写'}</dd>
        <dt>召集人</dt><dd>{conveners.length ? conveners.map((r) => r.name).join('、') : <span class="badge warn">未指定</span>}</dd>
        <dt>联络员</dt><dd>{p.liaison ? `${p.liaison.name} ${p.liaison.phone}` : <span class="badge warn">未指定</span>}</dd>
      </dl>
      <p class="actions">
        <a href={`/p/${p.j.code}/stations/${s.shortCode}`}>群众看到的站点页</a>
        <a href={`${base}/receptions`}>接待群众日安排</a>
        <a href={`${base}/poster`}>打印海报</a>
      </p>
      <p class="muted">地址和开放时间由区级管理员在“辖区管理”中修改。</p>

      <h2 id="reps">本站代表（{p.reps.length} 名）</h2>
      {p.reps.length === 0 ? <p class="muted">还没有代表编入本站。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>代表</th><th>村（社区）</th><th>电话</th><th>召集人</th>{p.canManage && <th><span class="sr-only">操作</span></th>}</tr></thead>
          <tbody>
            {p.reps.map((r) => (
              <tr>
                <td data-label="代表">{r.name}{r.jurisdictionId !== p.townId && <span class="badge">区人大代表</span>}</td>
                <td data-label="村（社区）">{r.community}</td>
                <td data-label="电话" class="phone">{r.phone}</td>
                <td data-label="召集人">
                  {p.canManage
                    ? <label><input type="checkbox" name="conveners" value={String(r.id)} form="conveners-form" checked={r.role === 'convener'} /> 召集人<span class="sr-only">：{r.name}</span></label>
                    : r.role === 'convener' ? '召集人' : ''}
                </td>
                {p.canManage && <td><PostButton action={`${base}/members/${r.id}/remove`} label={`移出本站`} class="secondary" confirm={`把${r.name}移出本站？`} /></td>}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.canManage && p.reps.length > 0 && (
        <form method="post" action={`${base}/conveners`} id="conveners-form">
          <div class={e.conveners ? 'field invalid' : 'field'}>
            <p class="hint" id="f-conveners-hint">在上表勾选 1–2 名召集人后保存。</p>
            {e.conveners && <p class="error" id="f-conveners-error" role="alert">{e.conveners}</p>}
          </div>
          <button type="submit">保存召集人</button>
        </form>
      )}

      {p.canManage && (
        <>
          <h2 id="place">编入本站</h2>
          {p.unplaced.length === 0 ? <p class="muted">本镇街和本区的在册代表都已编入站点。</p> : (
            <form method="post" action={`${base}/members`}>
              <p>每名代表编入一个站点（直接选举的代表编入原选区的站点）。以下代表还没有编入任何站点：</p>
              <div class={e.reps ? 'field invalid' : 'field'}>
                <RepChecks reps={townUnplaced} legend={`${p.j.name}代表`} />
                <RepChecks reps={districtUnplaced} legend="区人大代表（可加入本镇街的站点）" />
                {e.reps && <p class="error" id="f-reps-error" role="alert">{e.reps}</p>}
              </div>
              <button type="submit">编入本站</button>
            </form>
          )}

          <h2 id="liaison">联络员</h2>
          <form method="post" action={`${base}/liaison`}>
            <Field name="liaisonName" label="姓名" required value={v.liaisonName ?? p.liaison?.name} error={e.liaisonName} autocomplete="off" maxlength={20} />
            <Field name="liaisonPhone" label="电话" type="tel" inputmode="tel" required value={v.liaisonPhone ?? p.liaison?.phone} error={e.liaisonPhone} autocomplete="off" />
            <Field name="liaisonUsername" label="登录账号（可不填）" value={v.liaisonUsername ?? p.liaison?.username ?? ''} error={e.liaisonUsername}
              hint="联络员有本系统账号时填写其用户名，便于今后由其登记群众意见。" autocomplete="off" />
            <button type="submit">保存联络员</button>
          </form>
        </>
      )}

      <h2 id="goals">{p.year}年度工作目标</h2>
      <p class="muted"><a href={`${base}?year=${p.year - 1}#goals`}>{p.year - 1}年</a> · <a href={`${base}?year=${p.year + 1}#goals`}>{p.year + 1}年</a></p>
      {p.goals.length === 0 ? <p class="muted">还没有填写本年度工作目标。</p> : (
        <ol class="goals">
          {p.goals.map((g) => (
            <li>
              <span class="prewrap">{g.text}</span> <span class={g.state === 'done' ? 'badge ok' : g.state === 'partly' ? 'badge warn' : 'badge'}>{GOAL_STATE_LABELS[g.state]}</span>
              {g.reportedOn && <span class="muted">（{g.reportedOn}）</span>}
              {g.note && <div class="muted prewrap">{g.note}</div>}
              {p.canManage && <div><a href={`${base}/goals/${g.id}`}>记录完成情况<span class="sr-only">：{g.text}</span></a></div>}
            </li>
          ))}
        </ol>
      )}
      {p.canManage && (
        <form method="post" action={`${base}/goals`}>
          <input type="hidden" name="year" value={String(p.year)} />
          <Field name="goalText" label={`新增${p.year}年度工作目标`} required value={v.goalText} error={e.goalText ?? e.year} maxlength={200} />
          <button type="submit">添加目标</button>
        </form>
      )}

      <h2>近期接待群众日</h2>
      {p.upcoming.length === 0 ? <p class="muted">近期没有安排。</p> : (
        <ul>{p.upcoming.map((r) => <li>{r.date} {r.startTime}–{r.endTime}：{r.reps.map((x) => x.name).join('、')} <span class="badge">{RECEPTION_STATE_LABELS[r.state]}</span></li>)}</ul>
      )}
      <p><a href={`${base}/receptions`}>查看和安排本站接待群众日</a></p>
    </section>
  );
}

export function GoalEditPage(p: { j: { code: string }; station: Station; goal: StationGoal; values?: FormValues; errors?: FieldErrors }) {
  const { goal: g, errors: e = {}, values: v = {} } = p;
  const base = `/j/${p.j.code}/stations/${p.station.id}`;
  const state = v.state ?? g.state;
  return (
    <section>
      <p class="muted"><a href={`${base}?year=${g.year}#goals`}>← {p.station.name}</a></p>
      <h1>{g.year}年度工作目标：完成情况</h1>
      <FormError errors={e} />
      <form method="post" action={`${base}/goals/${g.id}`}>
        <Field name="text" label="目标" required value={v.text ?? g.text} error={e.text} maxlength={200} />
        <fieldset class={e.state ? 'choices invalid' : 'choices'}>
          <legend>完成情况</legend>
          {(['open', 'partly', 'done'] as const).map((s) => (
            <label class="choice"><input type="radio" name="state" value={s} checked={state === s} /> {GOAL_STATE_LABELS[s]}</label>
          ))}
          {e.state && <p class="error" role="alert">{e.state}</p>}
        </fieldset>
        <Field name="reportedOn" label="记录日期" type="date" value={v.reportedOn ?? g.reportedOn ?? ''} error={e.reportedOn} hint="部分完成或已完成时填写，如 2026-06-30" />
        <Field name="note" label="说明" value={v.note ?? g.note} error={e.note} maxlength={300} hint="部分完成的，请说明完成了哪些、还差什么" />
        <button type="submit">保存</button>
      </form>
      <h2>删除这个目标</h2>
      <PostButton action={`${base}/goals/${g.id}/remove`} label="删除目标" class="secondary" confirm="删除这个工作目标？" />
    </section>
  );
}
