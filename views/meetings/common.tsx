import { percent } from '../../src/domain/deliberationStats';
import { attendanceRate } from '../../src/domain/meetingAttendance';
import { MINUTES_STATE_LABELS, type MinutesState } from '../../src/domain/minutes';
import { opinionNumber } from '../../src/domain/opinionLabels';
import type { LinkedOpinion } from '../../src/data/meetings';
import { stateBadge } from '../deliberation/ItemPages';

export function minutesBadge(state: MinutesState) {
  return <span class={state === 'signedOff' ? 'badge ok' : 'badge warn'}>纪要{MINUTES_STATE_LABELS[state]}</span>;
}

/** "47 / 52（90.4%）": present of seated, from the session roll. */
export function attendanceText(present: number, seated: number): string {
  return `${present} / ${seated}（${percent(attendanceRate(present, seated))}）`;
}

export function timeSpan(s: { date: string; startTime: string; endTime: string }): string {
  return `${s.date} ${s.startTime}${s.endTime ? `–${s.endTime}` : ''}`.trim();
}

/** The opinion items an agenda item takes up, each linking to its own page, where the clerk triages it. */
export function OpinionLinks(p: { code: string; items: LinkedOpinion[]; links?: boolean }) {
  if (p.items.length === 0) return <p class="muted">尚未选择民意事项。</p>;
  return (
    <ul class="meeting-opinions">
      {p.items.map((o) => {
        const label = `${opinionNumber(o.year, p.code, o.seq)} ${o.title}`;
        return <li>{p.links === false ? label : <a href={`/j/${p.code}/deliberation/items/${o.id}`}>{label}</a>} {stateBadge(o.state)}</li>;
      })}
    </ul>
  );
}

/** On a deliberation meeting's session page: where its agenda and minutes are. */
export function MeetingAgendaCard(p: { href: string; items: number; state: MinutesState }) {
  return (
    <div class="card meeting-card">
      <h2>议程与纪要</h2>
      <p>{p.items} 项议程 {minutesBadge(p.state)}</p>
      <p><a class="button secondary" href={p.href}>打开议程与纪要</a></p>
    </div>
  );
}
