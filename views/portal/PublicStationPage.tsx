import { GOAL_STATE_LABELS } from '../../src/data/stationGoals';
import type { PublicStation } from '../../src/data/stationPublic';
import { STATION_LABELS } from '../../src/data/stations';
import { dayWithWeekday } from '../stations/ReceptionPages';
import { TownBanner } from './TownBanner';

/**
 * /p/:code/stations/:short — a station's public page, where its QR code leads: who its representatives are, when they
 * receive residents, what the station set out to do this year, and what a resident can do here. Plain HTML, no script.
 */
export function PublicStationPage(p: { town: { code: string; name: string }; emblem: number | undefined; ps: PublicStation }) {
  const { station: s } = p.ps;
  const short = s.shortCode;
  return (
    <section class="portal public-station">
      <TownBanner code={p.town.code} name={p.town.name} emblem={p.emblem} />
      <h1>{s.name}</h1>
      <p><span class="badge">{STATION_LABELS[s.kind]}</span></p>
      <dl class="facts">
        <dt>地址</dt><dd>{s.address || '请向村（社区）询问'}</dd>
        <dt>开放时间</dt><dd>{s.openingHours || '请向村（社区）询问'}</dd>
        {p.ps.liaison && <><dt>联络员</dt><dd>{p.ps.liaison.name} <span class="phone">{p.ps.liaison.phone}</span></dd></>}
      </dl>

      <h2 id="do">在这里可以</h2>
      <ul class="station-actions">
        <li><a class="button wide" href={`/p/${p.town.code}/propose?station=${short}`}>提民生实事项目建议</a></li>
        <li><a class="button wide secondary" href={`/p/${p.town.code}/opinions/new?station=${short}`}>向代表反映意见</a></li>
        <li><a class="button wide secondary" href="/track">凭回执号查询办理进度</a></li>
      </ul>

      <h2 id="receptions">代表接待群众日</h2>
      {p.ps.upcoming.length === 0 ? <p class="muted">近期暂无安排，开放时间内可来站反映意见。</p> : (
        <ul class="receptions">
          {p.ps.upcoming.map((r) => <li><strong>{dayWithWeekday(r.date)} {r.startTime}–{r.endTime}</strong><br />接待代表：{r.reps.join('、')}</li>)}
        </ul>
      )}

      <h2 id="reps">本站人大代表</h2>
      {p.ps.reps.length === 0 ? <p class="muted">暂无登记。</p> : (
        <ul class="station-reps">
          {p.ps.reps.map((r) => (
            <li>
              <strong>{r.name}</strong>{r.convener && <span class="badge">召集人</span>}
              <div class="muted">{r.community}{r.phone && <> · <span class="phone">{r.phone}</span></>}</div>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">为保护代表隐私，电话只显示部分号码；请在接待日当面反映，或通过“向代表反映意见”留言。</p>

      <h2 id="goals">{p.ps.year}年度工作目标</h2>
      {p.ps.goals.length === 0 ? <p class="muted">暂未公布。</p> : (
        <ol class="goals">
          {p.ps.goals.map((g) => (
            <li>
              <span class="prewrap">{g.text}</span> <span class={g.state === 'done' ? 'badge ok' : 'badge'}>{GOAL_STATE_LABELS[g.state]}</span>
              {g.note && <div class="muted prewrap">{g.note}{g.reportedOn && `（${g.reportedOn}）`}</div>}
            </li>
          ))}
        </ol>
      )}
      <p><a href={`/p/${p.town.code}/stations`}>{p.town.name}其他代表之家和联络站</a></p>
    </section>
  );
}
