import type { Correction } from '../../src/data/publication';
import type { Resolution, SessionOutcome } from '../../src/data/results';
import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { ruleLines } from '../../src/domain/resultText';
import { chinaDateOf, fmtDateTime } from '../components/format';
import { BallotNumbers, ResultSummary, ResultTable } from './ResultTable';

/** Vote results and the resolution, as published: aggregate numbers only, never who chose what. */
export function PublicResultsPage(p: {
  j: Jurisdiction; year: number; terms: BodyTerms;
  sessions: { session: Session; resolution: Resolution; outcome: SessionOutcome | null; corrections: Correction[] }[];
}) {
  return (
    <section>
      <p class="muted"><a href={`/p/${p.j.code}`}>{p.j.name}</a></p>
      <h1>{p.j.name}{p.year}年度民生实事项目{p.terms.vote}结果</h1>
      {p.sessions.length === 0 && <p class="muted">本年度的{p.terms.vote}结果尚未公布。</p>}
      {p.sessions.map(({ session: s, resolution: r, outcome, corrections }) => (
        <article class="card published">
          <h2>{s.title}</h2>
          <p class="muted">{s.date}{s.place && ` · ${s.place}`} · 公布于 {r.publishedAt ? chinaDateOf(r.publishedAt) : ''}</p>
          {corrections.length > 0 && (
            <div class="corrections">
              <h3>更正说明</h3>
              {corrections.map((x) => <p><strong>{fmtDateTime(x.at)}</strong>：{x.text}（原因：{x.reason}）</p>)}
            </div>
          )}
          {outcome && (
            <>
              <h3>确定的民生实事项目（{outcome.adopted.length} / 应选 {outcome.seatsToFill}）</h3>
              {outcome.adopted.length === 0 ? <p>没有项目获得通过。</p> : (
                <ol>{outcome.adopted.map((a) => (
                  // A place won in a runoff shows the runoff's count, so it is labelled as such.
                  <li>{a.title} <span class="muted">（{a.pollId === outcome.polls[0]?.poll.id ? '' : outcome.polls.find((x) => x.poll.id === a.pollId)?.poll.kind === 'further' ? '另行票决' : '另行投票'}赞成 {a.for} 票）</span></li>
                ))}</ol>
              )}
              {outcome.polls.map(({ poll, result }) => (
                <section>
                  <h3>{poll.title}</h3>
                  <BallotNumbers r={result} />
                  <ResultTable r={result} chartId={`c-result-${poll.id}`} />
                  <ResultSummary r={result} terms={p.terms} />
                  <details><summary>适用规则</summary><ol class="rules">{ruleLines(result.tally, p.terms).map((l) => <li>{l}</li>)}</ol></details>
                </section>
              ))}
            </>
          )}
          <h3>{r.title}</h3>
          <div class="resolution-text">{r.body.split('\n').map((line) => (line ? <p>{line}</p> : null))}</div>
        </article>
      ))}
    </section>
  );
}
