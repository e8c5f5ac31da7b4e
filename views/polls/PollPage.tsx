import { shortFormWords } from '../../src/domain/pollRule';
import type { Poll, PollOption } from '../../src/data/pollReads';
import type { StoredResult } from '../../src/data/results';
import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { POLL_STATE_LABELS } from '../../src/domain/pollState';
import { Field, FormError, PostButton, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { Headcount, type HeadcountModel } from '../sessions/Headcount';
import { BallotNumbers, ResultSummary, ResultTable } from './ResultTable';

export interface TurnoutModel { electronic: number; paper: number; present: number }

/** Who has voted so far — never what: no running tally is shown while a poll is open. */
export function Turnout(p: { t: TurnoutModel; href?: string }) {
  return (
    <div id="turnout" class="turnout" hx-get={p.href} hx-trigger={p.href ? 'every 3s' : undefined} hx-swap="outerHTML" aria-live="polite">
      <p><strong>已投票 {p.t.electronic + p.t.paper}</strong> / 出席 {p.t.present}
        <span class="muted">（手机投票 {p.t.electronic}，纸质选票发出 {p.t.paper}）</span></p>
      <p class="muted">表决进行中不显示计票结果，结束表决后公布。</p>
    </div>
  );
}

export function pollKindLabel(p: Poll, terms: BodyTerms): string {
  if (p.isTest) return '试投票（不计票）';
  return p.kind === 'runoff' ? '另行投票' : p.kind === 'further' ? '另行票决' : p.kind === 'evaluation' ? '满意度测评' : `民生实事项目${terms.vote}`;
}

export function PollPage(p: {
  j: Jurisdiction; s: Session; p: Poll; terms: BodyTerms; options: PollOption[];
  /** The session's headcount, while the poll is a draft or open (what it is shown for). */
  h?: HeadcountModel;
  /** Who has voted so far, while the poll is open or closed and not yet counted (a count has its own figures). */
  turnout?: TurnoutModel;
  result: StoredResult | null; runoff: Poll | undefined; parent: Poll | undefined; canManage: boolean; canTally: boolean;
  /** Places still empty after this poll, the last of its chain, and whether a further poll (另行票决) may fill them. */
  further?: { places: number; candidates: number; allowed: boolean };
  /** An evaluation poll: the year whose projects it rates, and whether this user may publish its result. */
  evaluatedYear?: number; canPublish?: boolean;
  /** A secret poll's electronic ballot box: sealed until two scrutineers open it; whether this user may open it. */
  box?: { sealed: boolean; paperCounted: boolean }; canUnseal?: boolean;
  /** A 票决's session: when it adopted its 票决办法 (null: not yet). Absent for an evaluation. */
  procedureAdoptedAt?: Date | null;
  values?: FormValues; errors?: FieldErrors;
}) {
  const { j, s, terms } = p;
  const poll = p.p;
  const base = `/j/${j.code}/polls/${poll.id}`;
  const paperAllowed = poll.secrecy === 'secret' && !poll.isTest;
  return (
    <section>
      <p class="muted"><a href={`/j/${j.code}/sessions/${s.id}`}>{s.title}</a></p>
      <h1>{poll.title} <span class={`badge state-${poll.state}`}>{POLL_STATE_LABELS[poll.state]}</span></h1>
      <p>{pollKindLabel(poll, terms)} · {poll.secrecy === 'secret' ? '无记名投票' : '记名投票'}
        {poll.kind === 'evaluation' ? <> · 测评 {p.evaluatedYear} 年度民生实事项目</> : <> · 应选 {poll.seatsToFill} 项 · 选票形式：{shortFormWords(poll.ballotForm)}</>}
        {p.parent && <> · 原表决：<a href={`/j/${j.code}/polls/${p.parent.id}`}>{p.parent.title}</a></>}</p>
      {poll.openedAt && <p class="muted">开始 {fmtDateTime(poll.openedAt)}{poll.closedAt && ` · 结束 ${fmtDateTime(poll.closedAt)}`}</p>}
      {p.procedureAdoptedAt && <p class="muted">按 {fmtDateTime(p.procedureAdoptedAt)} 会议通过的<a href={`/j/${j.code}/sessions/${s.id}/procedure`}>{terms.vote}办法</a>进行</p>}
      {poll.state === 'void' && <p class="error banner">本轮表决已作废：{poll.voidReason}</p>}
      {poll.isTest && <TestPollNotice p={poll} />}
      <FormError errors={p.errors} />

      <h2>{poll.kind === 'evaluation' ? '测评项目' : '候选项目'}（{p.options.length}）</h2>
      {poll.kind === 'evaluation' && <p class="hint">{terms.rep}对每个项目评“满意”“基本满意”或“不满意”；未评价的项目按弃权计，不计入该项目的有效评价数。</p>}
      <ol class="options">{p.options.map((o) => <li>{o.label}</li>)}</ol>

      {(poll.state === 'draft' || poll.state === 'open') && p.h && <Headcount h={p.h} terms={terms} />}

      {poll.state === 'draft' && p.canManage && (
        <div class="actions">
          {s.state !== 'open' ? <p class="notice">会议开始并签到后才能开始表决。</p>
            : p.h && !p.h.met && !poll.isTest ? <p class="notice">出席{terms.rep}未达到法定人数（{p.h.present}/{p.h.needed}），不能开始表决。</p>
            : p.procedureAdoptedAt === null && !poll.isTest ? <p class="notice">会议尚未通过{terms.vote}办法，不能开始表决：请先<a href={`/j/${j.code}/sessions/${s.id}/procedure`}>宣读{terms.vote}办法并记录举手表决结果</a>。</p>
            : <PostButton action={`${base}/open`} label="开始表决" />}
        </div>
      )}
      {poll.state === 'open' && (
        <>
          {p.turnout && <Turnout t={p.turnout} href={`${base}/turnout`} />}
          {p.canManage && (
            <div class="actions">
              <PostButton action={`${base}/close`} label="结束表决" confirm="确认结束本轮表决？结束后不能再投票。" />
              {paperAllowed && <a class="button secondary" href={`${base}/paper`}>发放纸质选票</a>}
            </div>
          )}
        </>
      )}
      {poll.state === 'closed' && !p.result && p.box?.sealed && !poll.isTest && (
        <div class="card">
          <p><strong>电子票箱密封中</strong>：手机投票 {p.turnout?.electronic ?? 0} 票，开箱前任何人都看不到票数。请两位监票人输入各自纸条上的开箱码开箱计票。</p>
          {p.canUnseal && <a class="button" href={`${base}/unseal`}>开箱</a>}
        </div>
      )}
      {poll.state === 'closed' && !p.result && poll.paperBallotsIssued > 0 && (
        <div class="card">
          {p.box?.paperCounted
            ? <p><strong>纸质选票已计票</strong>：开箱后与电子选票一起产生结果。</p>
            : <p><strong>纸质选票计票中</strong>：已发出纸质选票 {poll.paperBallotsIssued} 张，手机投票 {p.turnout?.electronic ?? 0} 票。计票人录入并核对全部收回的选票后公布结果。</p>}
          {p.canTally && !p.box?.paperCounted && <a class="button" href={`${base}/paper`}>录入纸质选票</a>}
        </div>
      )}
      {p.result && (poll.state === 'closed' || poll.state === 'published') && (
        <>
          <h2>{poll.kind === 'evaluation' ? '测评结果' : '表决结果'}</h2>
          <BallotNumbers r={p.result} />
          <ResultTable r={p.result} chartId="c-result" />
          <ResultSummary r={p.result} terms={terms} />
          {p.further && p.further.places > 0 && !p.runoff && p.result.kind !== 'evaluation' && (
            <p class="notice">本次会议应选名额中尚有 {p.further.places} 个空缺。{p.further.allowed
              ? `可以就空缺名额在其余候选项目中另行票决；不再表决的，公布时决议写明名额空缺及原因。`
              : p.result.tally.runoffSeats > 0 ? '得票相同的名额先另行投票。' : '没有其余候选项目，名额空缺。'}</p>
          )}
          <div class="actions">
            <a class="button" href={`${base}/result`}>打印结果报告单</a>
            <a class="button secondary" href={`${base}/certificate`}>计票结果报告单（监票人签署）</a>
            {p.result.kind === 'evaluation' ? <EvaluationActions j={j} p={poll} year={p.evaluatedYear} canPublish={p.canPublish ?? false} />
              : p.runoff ? <a href={`/j/${j.code}/polls/${p.runoff.id}`}>{pollKindLabel(p.runoff, terms)}：{POLL_STATE_LABELS[p.runoff.state]}</a>
              : p.canManage && poll.state === 'closed' && s.state !== 'closed' && (
                <>
                  {p.result.tally.runoffSeats > 0 && <PostButton action={`${base}/runoff`} label={`就剩余 ${p.result.tally.runoffSeats} 个名额发起另行投票`} />}
                  {p.further?.allowed && (
                    <PostButton action={`${base}/further`} class={p.result.tally.runoffSeats > 0 ? 'secondary' : undefined}
                      label={`就空缺的 ${p.further.places} 个名额另行票决（其余 ${p.further.candidates} 个候选项目）`}
                      confirm={`确认就空缺的 ${p.further.places} 个名额另行票决？候选为未通过的其余项目，按第一轮顺序排列。`} />
                  )}
                </>
              )}
          </div>
        </>
      )}

      {paperAllowed && (poll.state === 'draft' || poll.state === 'open') && p.canManage && (
        <p><a href={`${base}/paper/print`}>打印纸质选票（每位在册{terms.rep}一张，带编号）</a></p>
      )}
      {poll.paperBallotsIssued > 0 && p.result && p.canTally && <p><a href={`${base}/paper`}>纸质选票的发放与录入记录</a></p>}

      {p.canManage && poll.state !== 'void' && poll.state !== 'published' && (
        <details class="danger-zone">
          <summary>作废本轮表决</summary>
          <form method="post" action={`${base}/void`} class="stack" novalidate data-confirm="确认作废本轮表决？作废后不能恢复。">
            <Field name="reason" label="作废原因" value={p.values?.reason} error={p.errors?.reason} maxlength={500} required
              hint="原因会记入审计日志并显示在会议页面" />
            <button type="submit" class="danger">作废</button>
          </form>
        </details>
      )}
    </section>
  );
}

/** A test poll says so at the top of its page, and after close how many phones got through. */
export function TestPollNotice(p: { p: Poll }) {
  return (
    <p class="test-banner" role="note">
      <strong>试投票</strong>：只用于检查手机和大屏，不计票、不公布，不进入结果报告单和决议。
      {p.p.state === 'closed' && p.p.testSubmissions !== null
        ? <> 已结束：<strong>{p.p.testSubmissions}</strong> 部手机提交了选票，选票和投票记录已全部销毁。</>
        : ' 结束时选票和投票记录全部销毁，只保留提交的手机数。'}
    </p>
  );
}

/** An evaluation's result is published on its own: the rates go to the projects and below-threshold ones get a follow-up. */
function EvaluationActions(p: { j: Jurisdiction; p: Poll; year?: number; canPublish: boolean }) {
  if (p.p.state === 'published') {
    return p.year ? (
      <>
        <a href={`/j/${p.j.code}/cycles/${p.year}/evaluation`}>{p.year} 年度年底评议与整改</a>
        <a href={`/p/${p.j.code}/${p.year}/projects`}>公开的项目页面</a>
      </>
    ) : null;
  }
  return p.canPublish ? (
    <PostButton action={`/j/${p.j.code}/polls/${p.p.id}/publish`} label="公布测评结果"
      confirm="确认公布测评结果？公布后各项目页面显示满意率，低于要求的项目列入整改，结果不能再更改。" />
  ) : null;
}
