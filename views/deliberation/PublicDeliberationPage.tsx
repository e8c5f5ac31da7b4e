import { OPINION_CATEGORY_LABELS, type OpinionCategory } from '../../src/domain/opinionLabels';
import { SATISFACTION_LABELS, type Satisfaction, type SuggestionStatus } from '../../src/domain/suggestionStatus';
import { SESSION_KIND_LABELS, type SessionKind, type SessionState } from '../../src/domain/sessionState';
import { statusBadge } from './ItemPages';

export interface PublicMeeting {
  kind: SessionKind; title: string; date: string; startTime: string; endTime: string; place: string; state: SessionState;
  attendance: { seated: number; present: number } | null;
  decisions: { title: string; decision: string }[] | null; // only once the minutes are signed off
}

function PublicMeetings(p: { meetings: PublicMeeting[] }) {
  if (p.meetings.length === 0) return <p class="muted">暂无。</p>;
  return (
    <ol class="public-meetings">
      {p.meetings.map((m) => (
        <li class="card">
          <h3>{m.title}</h3>
          <p>{SESSION_KIND_LABELS[m.kind]} · <span class="date">{m.date}</span>{m.startTime && ` ${m.startTime}${m.endTime ? `–${m.endTime}` : ''}`}{m.place && ` · ${m.place}`}</p>
          {m.attendance && <p>应到议事代表 {m.attendance.seated} 名，实到 {m.attendance.present} 名。</p>}
          {m.state === 'planned' ? <p class="muted">会议筹备中。</p>
            : m.decisions === null ? <p class="muted">会议纪要尚未签发。</p>
            : (
              <dl class="decisions">
                {m.decisions.map((d, i) => <><dt>{i + 1}. {d.title}</dt><dd class="pre">{d.decision}</dd></>)}
              </dl>
            )}
        </li>
      ))}
    </ol>
  );
}

export interface PublicSuggestion {
  number: string; title: string; category: OpinionCategory; unitName: string; assignedOn: string; due: string; extended: boolean;
  answeredOn: string | null; status: SuggestionStatus; satisfaction: Satisfaction | null;
}

/** No login, no personal data: names and communities of representatives, and what became of residents' concerns. */
export function PublicDeliberationPage(p: {
  name: string; communities: { community: string; names: string[] }[]; total: number; suggestions: PublicSuggestion[]; meetings: PublicMeeting[];
}) {
  return (
    <section>
      <h1>{p.name}议事代表会议</h1>
      <p>街道不设人民代表大会，由议事代表组成的议事代表会议票选民生实事项目、听取报告、议决民意事项。您可以把身边的问题告诉所在社区的议事代表。</p>
      <h2>议事代表（{p.total} 名）</h2>
      {p.communities.length === 0 ? <p class="muted">暂无。</p> : (
        <dl class="facts by-community">
          {p.communities.map((g) => <><dt>{g.community || '其他'}</dt><dd>{g.names.join('、')}</dd></>)}
        </dl>
      )}
      <h2>议事代表会议和会议决定</h2>
      <PublicMeetings meetings={p.meetings} />
      <h2>民意事项转为代表建议的办理情况</h2>
      <p class="muted">承办单位应在交办之日起三个月内答复，经批准延期的最长不超过六个月。</p>
      {p.suggestions.length === 0 ? <p class="muted">暂无。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>编号</th><th>建议</th><th>类别</th><th>承办单位</th><th>交办日期</th><th>办结期限</th><th>办理状态</th><th>代表评价</th></tr></thead>
          <tbody>
            {p.suggestions.map((s) => (
              <tr>
                <td data-label="编号" class="date">{s.number}</td>
                <td data-label="建议">{s.title}</td>
                <td data-label="类别">{OPINION_CATEGORY_LABELS[s.category]}</td>
                <td data-label="承办单位">{s.unitName}</td>
                <td data-label="交办日期" class="date">{s.assignedOn}</td>
                <td data-label="办结期限" class="date">{s.due}{s.extended && '（已延期）'}</td>
                <td data-label="办理状态">{statusBadge(s.status)}{s.answeredOn && <span class="muted"> {s.answeredOn} 答复</span>}</td>
                <td data-label="代表评价">{s.satisfaction ? SATISFACTION_LABELS[s.satisfaction] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}
