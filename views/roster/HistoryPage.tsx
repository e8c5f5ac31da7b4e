import { RETIRE_REASON_LABELS, type SeatChange, type SeatHistory } from '../../src/domain/roster';
import { RosterFrame, type RosterView } from './Frame';

function changeText(ch: SeatChange, r: RosterView): string {
  const who = `${ch.name}${ch.community ? `（${ch.community}）` : ''}`;
  if (ch.kind === 'retired') return `− ${who} 离任${ch.reason ? `：${RETIRE_REASON_LABELS[ch.reason]}` : ''}`;
  return `+ ${who}${ch.kind === 'byElection' ? ` ${r.terms.byElection}` : ' 就任'}`;
}

/** Newest first: the clerk checks what changed since the last session. Long lists (a whole new term) are folded. */
export function RosterHistoryPage(p: { r: RosterView; history: SeatHistory; seatedNow: number; today: string }) {
  const { r, history } = p;
  const points = [...history.points].reverse();
  return (
    <RosterFrame r={r} title={`在册${r.terms.rep}人数变化`}>
      <p>今天（{p.today}）在册 <strong>{p.seatedNow}</strong> 名。每次会议创建时按会议日期的在册名单生成会议名册，之后的变动不影响已创建的会议。</p>
      {history.undated > 0 && <p class="muted">另有 {history.undated} 名未填{r.terms.seatedOn}或任期开始，按一直在册计算。</p>}
      {points.length === 0 ? <p class="muted">名册还没有带日期的变动。</p> : (
        <div class="table-wrap"><table class="stack-sm seat-history">
          <thead><tr><th>日期</th><th>当日在册</th><th>变动</th></tr></thead>
          <tbody>
            {points.map((pt) => (
              <tr>
                <td data-label="日期">{pt.date}{pt.date > p.today && <> <span class="badge">尚未到</span></>}</td>
                <td data-label="当日在册"><strong>{pt.seated}</strong> 名</td>
                <td data-label="变动">
                  {pt.changes.length > 5 ? (
                    <details>
                      <summary>{summary(pt.changes)}</summary>
                      <ul>{pt.changes.map((ch) => <li>{changeText(ch, r)}</li>)}</ul>
                    </details>
                  ) : (
                    <ul class="plain">{pt.changes.map((ch) => <li>{changeText(ch, r)}</li>)}</ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <p><a href={r.base}>← 返回{r.terms.roster}</a></p>
    </RosterFrame>
  );
}

function summary(changes: readonly SeatChange[]): string {
  const on = changes.filter((c) => c.kind !== 'retired').length;
  const off = changes.length - on;
  return [on && `${on} 名就任`, off && `${off} 名离任`].filter(Boolean).join('，');
}
