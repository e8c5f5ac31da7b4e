import type { Poll } from '../../src/data/pollReads';
import type { EvaluationPollResult, SelectionResult, StoredResult } from '../../src/data/results';
import type { PollRollFigures } from '../../src/data/roll';
import type { RollCounts } from '../../src/domain/roll';
import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { CHOICE_SETS, MARK_LABELS, type Mark } from '../../src/domain/choices';
import { MAJORITY_BASE_WORDS } from '../../src/domain/majority';
import { quorumRuleWords } from '../../src/domain/quorum';
import { evaluationRuleLines, ruleLines } from '../../src/domain/resultText';
import { spoiledLines } from '../../src/domain/closureCertificate';
import { fmtDateTime } from '../components/format';
import { CHAIN_KIND_LABELS, type ChainKind } from '../../src/domain/shortfall';
import { ResultSummary, ResultTable } from './ResultTable';

/** The printable 表决结果报告单: every number the result rests on, and the rule that turned them into outcomes. */
export function ResultSheet(p: {
  j: Jurisdiction; s: Session; p: Poll; terms: BodyTerms; r: StoredResult;
  named?: { name: string; marks: Record<string, Mark> }[]; optionIds: { id: number; label: string }[]; evaluatedYear?: number;
  /** The session's adopted 票决办法 the poll was held under: cited on the sheet. */
  procedure?: { title: string; adoptedAt: Date; forVotes: number; againstVotes: number; abstentions: number };
  /** Every counted poll of the chain this poll belongs to (selection, runoffs, further polls), when there is more than one. */
  chain?: ChainRow[];
}) {
  const { r, terms } = p;
  return (
    <article class="sheet">
      <div class="actions no-print">
        <a href={`/j/${p.j.code}/polls/${p.p.id}`}>返回表决</a>
        <span class="muted">用浏览器的“打印”功能打印本页（A4）。</span>
      </div>
      <h1 class="sheet-title">{p.s.title.startsWith(p.j.name) ? p.s.title : `${p.j.name}${p.s.title}`}<br />{p.p.title}结果报告单</h1>
      <p class="center">{p.evaluatedYear && `测评 ${p.evaluatedYear} 年度民生实事项目 · `}{p.p.secrecy === 'secret' ? '无记名投票' : '记名投票'} · {p.s.date}
        {p.p.closedAt && ` · 表决结束于 ${fmtDateTime(p.p.closedAt)}`}
        {p.p.state === 'published' && p.p.publishedAt && ` · 已于 ${fmtDateTime(p.p.publishedAt)} 公布`}</p>

      {r.kind === 'evaluation' ? <EvaluationFigures r={r} terms={terms} /> : <SelectionFigures r={r} terms={terms} />}
      {r.roll && <RollAtPoll roll={r.roll} terms={terms} />}
      {r.invalidReasons.length > 0 && (
        <p>无效票原因：{r.invalidReasons.map((x) => `${x.reason}（${x.count} 张）`).join('；')}</p>
      )}

      <SpoiledLines r={r} />
      {/* The table, its rule and the signature lines print on one A4 page: a signature never lands alone on page 2. */}
      <div class="certificate-keep">
      <ResultTable r={r} caption={r.kind === 'evaluation' ? '各项目评价' : '各项目得票'} />
      <ResultSummary r={r} terms={terms} />

      <h2>适用规则</h2>
      {p.procedure && (
        <p class="procedure-cite">{`本轮表决依照 ${fmtDateTime(p.procedure.adoptedAt)} 会议举手表决通过的《${p.procedure.title}》进行`
          + `（赞成 ${p.procedure.forVotes}，反对 ${p.procedure.againstVotes}，弃权 ${p.procedure.abstentions}）。`}</p>
      )}
      <ol class="rules">{(r.kind === 'evaluation' ? evaluationRuleLines(r.tally, terms) : ruleLines(r.tally, terms, r.rule?.ballotForm)).map((line) => <li>{line}</li>)}</ol>

      {p.named && (
        <>
          <h2>记名投票明细</h2>
          <div class="table-wrap"><table class="named">
            <thead><tr><th>姓名</th>{p.optionIds.map((o) => <th>{o.label}</th>)}</tr></thead>
            <tbody>
              {p.named.map((n) => (
                <tr><td>{n.name}</td>{p.optionIds.map((o) => <td>{MARK_LABELS[n.marks[o.id] ?? CHOICE_SETS[p.p.kind].unmarked]}</td>)}</tr>
              ))}
            </tbody>
          </table></div>
        </>
      )}

      {p.chain && p.chain.length > 1 && <ChainTable rows={p.chain} current={p.p.id} terms={terms} />}

      <div class="signatures">
        <p>计票人：<span class="line" /></p>
        <p>监票人：<span class="line" /></p>
        <p>会议主持人：<span class="line" /></p>
      </div>
      </div>
      <p class="muted small">计算时间 {fmtDateTime(new Date(r.computedAt))} · 法定人数：在册{terms.rep}的{quorumRuleWords(r.tally.quorum, r.tally.quorumComparator)}</p>
    </article>
  );
}

function rollWords(c: RollCounts, terms: BodyTerms): string {
  return `出席${terms.rep} ${c.present} 名，请假 ${c.leave} 名，离场 ${c.departed} 名，缺席 ${c.absent} 名`;
}

/** The roll as the poll opened and closed, from its own snapshot: later departures never reach a closed poll's sheet. */
function RollAtPoll(p: { roll: PollRollFigures; terms: BodyTerms }) {
  const { roll } = p;
  return (
    <p class="roll-at-poll">
      {roll.atOpen && <>开始表决时：{rollWords(roll.atOpen, p.terms)}。</>}
      {roll.atClose && <>结束表决时：{rollWords(roll.atClose, p.terms)}{roll.votedThenLeft > 0 && `（另有 ${roll.votedThenLeft} 名投票后离场，计入出席）`}。</>}
    </p>
  );
}

function RollRow(p: { r: StoredResult; terms: BodyTerms }) {
  return <tr><th>在册{p.terms.rep}</th><td class="num">{p.r.tally.seated} 名</td><th>出席{p.terms.rep}</th><td class="num">{p.r.tally.present} 名</td></tr>;
}

/** 发出 / 收回 / 有效 / 无效: the lines every sheet prints. */
function BallotRows(p: { r: StoredResult }) {
  const t = p.r.tally;
  const b = p.r.ballots;
  return (
    <>
      <tr><th>发出选票</th><td class="num">{b.issued} 张</td><th>收回选票</th><td class="num">{b.returned} 张</td></tr>
      <tr><th>其中手机投票</th><td class="num">{b.electronic} 张</td><th>纸质选票发出 / 收回</th><td class="num">{b.paperIssued} / {b.paperReturned} 张</td></tr>
      <tr><th>有效票</th><td class="num">{t.ballots.valid} 张</td><th>无效票</th><td class="num">{t.ballots.invalid} 张</td></tr>
    </>
  );
}

function SelectionFigures(p: { r: SelectionResult; terms: BodyTerms }) {
  const t = p.r.tally;
  return (
    <table class="figures">
      <tbody>
        <RollRow r={p.r} terms={p.terms} />
        <tr><th>法定人数</th><td class="num">{t.quorumNeeded} 名（{t.quorumMet ? '已达到' : '未达到'}）</td><th>应选项目数</th><td class="num">{t.seatsToFill} 项</td></tr>
        <BallotRows r={p.r} />
        <tr><th>过半数基数</th><td class="num">{MAJORITY_BASE_WORDS[t.majorityBase]} {t.baseCount} 名</td><th>通过所需赞成票</th><td class="num">至少 {t.minimumFor} 票</td></tr>
      </tbody>
    </table>
  );
}

function EvaluationFigures(p: { r: EvaluationPollResult; terms: BodyTerms }) {
  const t = p.r.tally;
  return (
    <table class="figures">
      <tbody>
        <RollRow r={p.r} terms={p.terms} />
        <tr><th>法定人数</th><td class="num">{t.quorumNeeded} 名（{t.quorumMet ? '已达到' : '未达到'}）</td><th>测评项目数</th><td class="num">{t.rows.length} 项</td></tr>
        <BallotRows r={p.r} />
        <tr><th>满意率要求</th><td class="num">不低于 {t.thresholdPct}%</td><th>须整改项目</th><td class="num">{t.marked} 项</td></tr>
        <tr><th>有效评价</th><td class="num">{t.overall.validRatings} 份</td><th>总体满意率</th><td class="num">{t.overall.ratePct === null ? '—' : `${t.overall.ratePct}%`}</td></tr>
      </tbody>
    </table>
  );
}

/** Lines marked twice on a paper ballot (赞成 and 反对 both): in the option's 无效 column, the ballot otherwise valid. */
function SpoiledLines(p: { r: StoredResult }) {
  const lines = spoiledLines(p.r.tally.rows, p.r.tally.ballots.invalid);
  if (lines.length === 0) return null;
  return <p>单项无效（同一项目多划，该项按无效计，选票其余各项有效）：{lines.map((x) => `${x.label} ${x.count} 处`).join('；')}</p>;
}

export interface ChainRow { pollId: number; kind: ChainKind; title: string; seatsToFill: number; candidates: number; adopted: string[]; left: string }

/** The whole chain on every sheet of it: how each place was filled, round by round, and what was left. */
function ChainTable(p: { rows: ChainRow[]; current: number; terms: BodyTerms }) {
  return (
    <>
      <h2>本次会议各轮{p.terms.vote}</h2>
      <div class="table-wrap"><table class="chain">
        <thead><tr><th>轮次</th><th>表决</th><th class="num">名额</th><th class="num">候选</th><th>通过</th><th>其后</th></tr></thead>
        <tbody>
          {p.rows.map((r, i) => (
            <tr class={r.pollId === p.current ? 'current' : undefined}>
              <td>第{i + 1}轮 {CHAIN_KIND_LABELS[r.kind]}</td>
              <td>{r.title}{r.pollId === p.current && '（本报告单）'}</td>
              <td class="num">{r.seatsToFill}</td>
              <td class="num">{r.candidates}</td>
              <td>{r.adopted.length ? r.adopted.join('、') : '无'}</td>
              <td>{r.left}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </>
  );
}
