import type { AgendaItem } from '../../src/data/meetings';
import type { Session } from '../../src/data/sessions';
import { percent } from '../../src/domain/deliberationStats';
import { attendanceRate } from '../../src/domain/meetingAttendance';
import { MEETING_ITEM_KIND_LABELS } from '../../src/domain/meetingItems';
import { fmtDateTime } from '../components/format';
import { ItemLinks, type MinutesHeader, type SelectionPoll } from './AgendaPage';
import { timeSpan } from './common';

type J = { code: string; name: string };

/** 会议纪要: one page per meeting, printable; a draft says so on paper too. */
export function MinutesPage(p: {
  j: J; s: Session; h: { seated: number; present: number }; items: AgendaItem[]; polls: SelectionPoll[]; minutes: MinutesHeader;
}) {
  const { j, s, h, minutes } = p;
  const draft = minutes.state === 'draft';
  return (
    <article class="report minutes">
      <p class="muted no-print"><a href={`/j/${j.code}/sessions/${s.id}/agenda`}>返回议程与纪要</a> · 使用浏览器的“打印”即可打印本纪要</p>
      {draft && <p class="draft-mark">草稿 · 尚未签发</p>}
      <h1>{s.title}纪要</h1>
      <table class="kv"><tbody>
        <tr><th>时间</th><td>{timeSpan(s)}</td></tr>
        <tr><th>地点</th><td>{s.place || '—'}</td></tr>
        <tr><th>主持人</th><td>{minutes.chair || '—'}</td></tr>
        <tr><th>记录人</th><td>{minutes.recorder || '—'}</td></tr>
        <tr><th>在册议事代表</th><td>{h.seated} 名</td></tr>
        <tr><th>出席</th><td>{s.state === 'planned' ? '会议尚未开始' : `${h.present} 名，出席率 ${percent(attendanceRate(h.present, h.seated))}`}</td></tr>
      </tbody></table>
      {p.items.length === 0 ? <p>本次会议没有议程事项。</p> : p.items.map((item, i) => (
        <section class="minutes-item">
          <h2>{['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? String(i + 1)}、{item.title}</h2>
          <p class="muted">{MEETING_ITEM_KIND_LABELS[item.kind]}</p>
          <ItemLinks code={j.code} item={item} polls={p.polls} />
          {item.minutes && <><h3>讨论情况</h3><p class="pre">{item.minutes}</p></>}
          <h3>会议决定</h3>
          <p class="pre decision">{item.decision || '（未填写）'}</p>
        </section>
      ))}
      <p class="signature">{draft ? '本纪要尚未签发，内容可能修改。'
        : `签发：${minutes.signedOffByName ?? ''}　${minutes.signedOffAt ? fmtDateTime(minutes.signedOffAt) : ''}`}</p>
    </article>
  );
}
