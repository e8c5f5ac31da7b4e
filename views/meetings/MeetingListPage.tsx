import type { MeetingRow } from '../../src/data/meetings';
import { percent } from '../../src/domain/deliberationStats';
import type { AttendanceSummary } from '../../src/domain/meetingAttendance';
import { SESSION_KIND_LABELS, SESSION_STATE_LABELS } from '../../src/domain/sessionState';
import { SelectField } from '../components/form';
import { DelibFrame, Warnings } from '../deliberation/Frame';
import { attendanceText, minutesBadge, timeSpan } from './common';

type J = { code: string; name: string };

/** The subdistrict's meetings of a year: the two ordinary ones and any extraordinary ones, with the practice's warnings. */
export function MeetingListPage(p: {
  j: J; year: number; years: number[]; rows: MeetingRow[]; warnings: string[]; total: AttendanceSummary; canManage: boolean;
}) {
  const base = `/j/${p.j.code}`;
  return (
    <DelibFrame j={p.j} tab="meetings" title={`${p.year}年议事代表会议`}>
      <p>街道议事代表会议一般每年举行两次（年初、年中各一次），每次会期不少于半天；需要时可召开临时会议。会议的签到和票选在会议页面进行，议程和纪要在“议程与纪要”页面。</p>
      <form method="get" action={`${base}/deliberation/meetings`} class="filters">
        <SelectField name="year" label="年度" value={String(p.year)} options={p.years.map((y) => [String(y), `${y}年`])} />
        <button type="submit" class="secondary">查看</button>
      </form>
      <Warnings items={p.warnings} />
      {p.canManage && <div class="actions"><a class="button" href={`${base}/sessions#new`}>新建会议</a></div>}
      {p.rows.length === 0 ? <p class="muted">{p.year}年还没有会议。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>会议</th><th>类型</th><th>时间</th><th>状态</th><th class="num">出席 / 在册</th><th>议程与纪要</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="会议"><a href={`${base}/sessions/${r.s.id}`}>{r.s.title}</a></td>
                <td data-label="类型">{SESSION_KIND_LABELS[r.s.kind]}</td>
                <td data-label="时间" class="date">{timeSpan(r.s)}</td>
                <td data-label="状态">{SESSION_STATE_LABELS[r.s.state]}</td>
                <td data-label="出席" class="num">{r.s.state === 'planned' ? '—' : attendanceText(r.present, r.seated)}</td>
                <td data-label="议程与纪要">
                  <a href={`${base}/sessions/${r.s.id}/agenda`}>{r.items} 项议程</a> {minutesBadge(r.minutes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.total.meetings > 0 && <p>{p.year}年已召开会议 {p.total.meetings} 次，应出席 {p.total.seated} 人次，实际出席 {p.total.present} 人次，出席率 {percent(p.total.rate)}。</p>}
    </DelibFrame>
  );
}
