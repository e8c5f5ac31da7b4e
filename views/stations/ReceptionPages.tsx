import type { StationRep } from '../../src/data/stationPeople';
import { RECEPTION_STATE_LABELS, type PlannedReception } from '../../src/data/receptions';
import type { Station } from '../../src/data/stations';
import { nextQuarter, previousQuarter, quarterKey, quarterLabel, type Quarter } from '../../src/domain/quarter';
import { Field, FormError, PostButton, type FieldErrors, type FormValues } from '../components/form';

interface Town { code: string; name: string }

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** 4月15日（周三） */
export function dayWithWeekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${m}月${d}日（周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}）`;
}

function QuarterNav(p: { href: (q: string) => string; quarter: Quarter }) {
  return (
    <p class="actions no-print">
      <a href={p.href(quarterKey(previousQuarter(p.quarter)))}>← {quarterLabel(previousQuarter(p.quarter))}</a>
      <a href={p.href(quarterKey(nextQuarter(p.quarter)))}>{quarterLabel(nextQuarter(p.quarter))} →</a>
    </p>
  );
}

function Outcome(p: { r: PlannedReception }) {
  const { r } = p;
  return (
    <>
      <span class={r.state === 'held' ? 'badge ok' : r.state === 'notHeld' ? 'badge warn' : 'badge'}>{RECEPTION_STATE_LABELS[r.state]}</span>
      {r.state === 'held' && <span class="muted"> 接待群众 {r.residents ?? 0} 人</span>}
      {r.state === 'notHeld' && <span class="muted"> {r.notHeldReason}</span>}
    </>
  );
}

function RepBoxes(p: { reps: StationRep[]; chosen: string[]; error?: string }) {
  return (
    <fieldset class={p.error ? 'choices invalid' : 'choices'}>
      <legend>接待代表</legend>
      {p.reps.length === 0 ? <p class="muted">本站还没有代表，请先在站点页编入代表。</p> : (
        <ul class="plain">
          {p.reps.map((r) => (
            <li><label class="choice"><input type="checkbox" name="reps" value={String(r.id)} checked={p.chosen.includes(String(r.id))} /> {r.name}{r.role === 'convener' ? '（召集人）' : ''}</label></li>
          ))}
        </ul>
      )}
      {p.error && <p class="error" id="f-reps-error" role="alert">{p.error}</p>}
    </fieldset>
  );
}

function SlotFields(p: { values: FormValues; errors: FieldErrors }) {
  return (
    <div class="slot">
      <Field name="date" label="日期" type="date" required value={p.values.date} error={p.errors.date} />
      <Field name="startTime" label="开始时间" type="time" required value={p.values.startTime} error={p.errors.startTime} />
      <Field name="endTime" label="结束时间" type="time" required value={p.values.endTime} error={p.errors.endTime} />
    </div>
  );
}

/** /j/:code/stations/:id/receptions — one station's reception days in a quarter, and the form to add one. */
export function StationReceptionsPage(p: {
  j: Town; station: Station; quarter: Quarter; receptions: PlannedReception[]; reps: StationRep[]; canManage: boolean; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/stations/${p.station.id}`;
  const q = quarterKey(p.quarter);
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const chosen = (v.reps ?? '').split(',').filter(Boolean);
  return (
    <section>
      <p class="muted"><a href={base}>← {p.station.name}</a> · <a href={`/j/${p.j.code}/receptions?quarter=${q}`}>{p.j.name}全部站点的安排</a></p>
      <h1>{p.station.name}：{quarterLabel(p.quarter)}接待群众日</h1>
      <QuarterNav quarter={p.quarter} href={(x) => `${base}/receptions?quarter=${x}`} />
      <p><a class="button secondary" href={`${base}/receptions/notice?quarter=${q}`}>打印本季度公告（A4）</a></p>
      {p.receptions.length === 0 ? <p class="muted">本季度还没有安排。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>日期</th><th>时间</th><th>接待代表</th><th>情况</th>{p.canManage && <th><span class="sr-only">操作</span></th>}</tr></thead>
          <tbody>
            {p.receptions.map((r) => (
              <tr>
                <td data-label="日期" class="when">{dayWithWeekday(r.date)}</td>
                <td data-label="时间" class="when">{r.startTime}–{r.endTime}</td>
                <td data-label="接待代表">{r.reps.map((x) => x.name).join('、')}</td>
                <td data-label="情况"><Outcome r={r} /></td>
                {p.canManage && <td><a href={`${base}/receptions/${r.id}`}>{r.state === 'scheduled' ? '修改或记录情况' : '查看'}<span class="sr-only">：{r.date}</span></a></td>}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.canManage && (
        <>
          <h2 id="add">安排一次接待</h2>
          <FormError errors={e} />
          <form method="post" action={`${base}/receptions?quarter=${q}`}>
            <SlotFields values={v} errors={e} />
            <RepBoxes reps={p.reps} chosen={chosen} error={e.reps} />
            <button type="submit">添加安排</button>
          </form>
        </>
      )}
    </section>
  );
}

/** /j/:code/stations/:id/receptions/:rid — change or remove a planned reception; afterwards, record whether it was held. */
export function ReceptionPage(p: {
  j: Town; station: Station; r: PlannedReception; reps: StationRep[]; today: string; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/stations/${p.station.id}`;
  const { r } = p;
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const plan = { date: v.date ?? r.date, startTime: v.startTime ?? r.startTime, endTime: v.endTime ?? r.endTime };
  const chosen = v.reps !== undefined ? v.reps.split(',').filter(Boolean) : r.reps.map((x) => String(x.id));
  const held = v.held ?? (r.state === 'notHeld' ? 'no' : 'yes');
  return (
    <section>
      <p class="muted"><a href={`${base}/receptions`}>← {p.station.name}接待群众日</a></p>
      <h1>{dayWithWeekday(r.date)} {r.startTime}–{r.endTime}</h1>
      <p>接待代表：{r.reps.map((x) => x.name).join('、')}　<Outcome r={r} /></p>
      <FormError errors={e} />
      {r.date <= p.today && (
        <>
          <h2>记录接待情况</h2>
          <form method="post" action={`${base}/receptions/${r.id}/outcome`}>
            <fieldset class={e.held ? 'choices invalid' : 'choices'}>
              <legend>是否开展</legend>
              <label class="choice"><input type="radio" name="held" value="yes" checked={held === 'yes'} /> 已开展</label>
              <label class="choice"><input type="radio" name="held" value="no" checked={held === 'no'} /> 未开展</label>
              {e.held && <p class="error" role="alert">{e.held}</p>}
            </fieldset>
            <Field name="residents" label="接待群众人数（已开展时填写）" inputmode="numeric" value={v.residents ?? (r.residents === null ? '' : String(r.residents))} error={e.residents} />
            <Field name="reason" label="未开展的原因（未开展时填写）" value={v.reason ?? r.notHeldReason} error={e.reason} maxlength={200} />
            <button type="submit">保存接待情况</button>
          </form>
        </>
      )}
      {r.state === 'scheduled' && (
        <>
          <h2>改期或更换代表</h2>
          <form method="post" action={`${base}/receptions/${r.id}`}>
            <SlotFields values={plan} errors={e} />
            <RepBoxes reps={p.reps} chosen={chosen} error={e.reps} />
            <button type="submit">保存修改</button>
          </form>
          <h2>取消这次接待</h2>
          <PostButton action={`${base}/receptions/${r.id}/remove`} label="删除安排" class="secondary" confirm="删除这次接待安排？" />
        </>
      )}
    </section>
  );
}

/** The notice posted on the station's door: the quarter's reception days, large enough to read from a step away. */
export function ReceptionNotice(p: { j: Town; station: Station; quarter: Quarter; receptions: PlannedReception[] }) {
  return (
    <article class="print-sheet reception-notice">
      <p class="no-print"><a href={`/j/${p.j.code}/stations/${p.station.id}/receptions?quarter=${quarterKey(p.quarter)}`}>← 返回</a>（用浏览器的“打印”功能，纸张选 A4）</p>
      <h1>人大代表接待群众日安排</h1>
      <p class="notice-lead">{p.station.name} · {quarterLabel(p.quarter)}</p>
      {p.receptions.length === 0 ? <p>本季度暂无安排。</p> : (
        <table class="sheet">
          <thead><tr><th>日期</th><th>时间</th><th>接待代表</th></tr></thead>
          <tbody>
            {p.receptions.map((r) => (
              <tr><td>{dayWithWeekday(r.date)}</td><td>{r.startTime}–{r.endTime}</td><td>{r.reps.map((x) => x.name).join('、')}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p>欢迎群众在接待时间前来反映意见和建议，也可以提出民生实事项目建议。</p>
      <footer class="poster-station">
        <div>地址：{p.station.address}</div>
        {p.station.openingHours && <div>开放时间：{p.station.openingHours}</div>}
        <div>{p.j.name}人大</div>
      </footer>
    </article>
  );
}

/** /j/:code/receptions — every station's reception days in a quarter; copy the quarter's pattern into the next. */
export function TownReceptionsPage(p: {
  j: Town; quarter: Quarter; stations: Station[]; receptions: PlannedReception[]; canManage: boolean;
}) {
  const q = quarterKey(p.quarter);
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}/stations`}>{p.j.name}站点</a></p>
      <h1>{p.j.name}{quarterLabel(p.quarter)}接待群众日</h1>
      <QuarterNav quarter={p.quarter} href={(x) => `/j/${p.j.code}/receptions?quarter=${x}`} />
      {p.stations.map((s) => {
        const mine = p.receptions.filter((r) => r.stationId === s.id);
        return (
          <section aria-labelledby={`st-${s.id}`}>
            <h2 id={`st-${s.id}`}>{s.name}</h2>
            {mine.length === 0 ? <p class="muted">本季度没有安排。</p> : (
              <ul>{mine.map((r) => <li>{dayWithWeekday(r.date)} {r.startTime}–{r.endTime}：{r.reps.map((x) => x.name).join('、')} <Outcome r={r} /></li>)}</ul>
            )}
            <p class="actions">
              <a href={`/j/${p.j.code}/stations/${s.id}/receptions?quarter=${q}`}>安排<span class="sr-only">{s.name}</span></a>
              <a href={`/j/${p.j.code}/stations/${s.id}/receptions/notice?quarter=${q}`}>打印公告<span class="sr-only">：{s.name}</span></a>
            </p>
          </section>
        );
      })}
      {p.canManage && p.receptions.length > 0 && (
        <>
          <h2>沿用到下一季度</h2>
          <p>把本季度每次接待按“三个月后的同一天、同一时间、同样的代表”复制到{quarterLabel(nextQuarter(p.quarter))}；与已有安排冲突的会跳过并列出。</p>
          <PostButton action={`/j/${p.j.code}/receptions/copy`} fields={{ quarter: q }} label={`复制到${quarterLabel(nextQuarter(p.quarter))}`} />
        </>
      )}
    </section>
  );
}
