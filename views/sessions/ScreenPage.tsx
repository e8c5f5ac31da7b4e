import type { Poll } from '../../src/data/pollReads';
import type { StoredResult } from '../../src/data/results';
import type { Session } from '../../src/data/sessions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { POLL_STATE_LABELS } from '../../src/domain/pollState';
import { ResultSummary, ResultTable } from '../polls/ResultTable';
import type { HeadcountModel } from './Headcount';

export interface ScreenModel {
  s: Session;
  terms: BodyTerms;
  h: HeadcountModel;
  voteUrl: string;
  qrDataUrl: string;
  poll?: Poll;
  turnout?: { electronic: number; paper: number };
  result?: StoredResult | null;
}

/** The check-in panel: large while people arrive, a small strip once a poll is open or done (the code stays usable). */
function CheckInPanel(p: { m: ScreenModel; compact: boolean }) {
  const { s } = p.m;
  if (p.compact) {
    return (
      <section class="screen-checkin compact" aria-label="签到">
        <span class="screen-label">手机签到码</span> <strong class="screen-code">{s.checkInCode}</strong>
        <span class="screen-url">{p.m.voteUrl}</span>
      </section>
    );
  }
  return (
    <section class="screen-checkin" aria-label="签到">
      <p class="screen-label">手机签到码</p>
      <p class="screen-code">{s.checkInCode}</p>
      <img class="screen-qr" src={p.m.qrDataUrl} alt={`扫码打开 ${p.m.voteUrl}`} width="220" height="220" />
      <p class="screen-url">{p.m.voteUrl}</p>
    </section>
  );
}

/** 已投票 of 出席 as a bar the back row can read, with the numbers beside it — never a running tally. */
function TurnoutBar(p: { voted: number; present: number; paper: number }) {
  const pct = p.present > 0 ? Math.round((p.voted * 100) / p.present) : 0;
  return (
    <div class="screen-turnout">
      <p class="screen-status">已投票 <strong>{p.voted}</strong> / 出席 {p.present}
        <span class="screen-pct">（{pct}%）</span>
        {p.paper > 0 && <span class="screen-note">（其中领取纸质选票 {p.paper} 人）</span>}</p>
      <progress class="screen-bar" max={Math.max(p.present, 1)} value={Math.min(p.voted, Math.max(p.present, 1))}
        aria-label={`已投票 ${p.voted} / 出席 ${p.present}`}>{pct}%</progress>
    </div>
  );
}

/** The live part of the projector: roll, quorum, check-in code and the poll — turnout while open, results after. */
export function ScreenLive(p: { m: ScreenModel; href: string }) {
  const { s, h, terms, poll } = p.m;
  // Once voting has started the hall looks at the poll: the roll and the code shrink to one line.
  const voting = poll !== undefined && poll.state !== 'draft' && poll.state !== 'void';
  const rows = p.m.result?.tally.rows.length ?? 0;
  return (
    <div id="screen-live" hx-get={p.href} hx-trigger="every 3s" hx-swap="outerHTML" class={voting ? 'screen-voting' : undefined}>
      {voting ? (
        <div class="screen-strip">
          <section class="screen-roll compact" aria-label="出席情况">
            在册{terms.rep} <strong>{h.seated}</strong> · 已签到 <strong>{h.present}</strong>
            <span class={h.met ? 'screen-quorum ok' : 'screen-quorum bad'}>{h.met ? `已达到法定人数（${h.needed}）` : `法定人数 ${h.needed}`}</span>
          </section>
          {s.state === 'open' && <CheckInPanel m={p.m} compact />}
        </div>
      ) : (
        <div class="screen-grid">
          <section class="screen-roll" aria-label="出席情况">
            <p class="screen-label">在册{terms.rep}</p><p class="screen-number">{h.seated}</p>
            <p class="screen-label">已签到</p><p class="screen-number">{h.present}</p>
            <p class={h.met ? 'screen-quorum ok' : 'screen-quorum bad'}>
              {h.met ? `已达到法定人数（${h.needed}）` : `法定人数 ${h.needed}，还差 ${Math.max(0, h.needed - h.present)} 名`}
            </p>
          </section>
          {s.state === 'open' && <CheckInPanel m={p.m} compact={false} />}
        </div>
      )}
      {poll && (
        <section class={`screen-poll${rows > 9 ? ' many' : ''}`} aria-label="表决">
          <h2>{poll.title} <span class={`badge state-${poll.state}`}>{POLL_STATE_LABELS[poll.state]}</span>
            {poll.isTest && <> <span class="badge test">试投票 · 不计票</span></>}</h2>
          {poll.state === 'draft' && <p class="screen-status">即将开始{poll.isTest ? '试投票' : '表决'}</p>}
          {poll.state === 'open' && p.m.turnout && (
            <TurnoutBar voted={p.m.turnout.electronic + p.m.turnout.paper} present={h.present} paper={p.m.turnout.paper} />
          )}
          {poll.isTest && poll.state === 'closed' && (
            <p class="screen-status">试投票已结束：<strong>{poll.testSubmissions ?? 0}</strong> 部手机提交了选票。试投票不计票，选票已全部销毁。</p>
          )}
          {!poll.isTest && poll.state === 'closed' && !p.m.result && <p class="screen-status">表决已结束，正在计票……</p>}
          {poll.state === 'void' && <p class="screen-status">本轮表决已作废：{poll.voidReason}</p>}
          {p.m.result && (poll.state === 'closed' || poll.state === 'published') && (
            <>
              <p class="screen-status small">发出选票 {p.m.result.ballots.issued} 张，收回 {p.m.result.ballots.returned} 张，有效 {p.m.result.tally.ballots.valid} 张</p>
              <ResultTable r={p.m.result} big />
              <ResultSummary r={p.m.result} terms={terms} />
            </>
          )}
        </section>
      )}
    </div>
  );
}

export function ScreenPage(p: { m: ScreenModel; href: string; back: string }) {
  return (
    <div class="projector">
      <p class="no-print screen-back"><a href={p.back}>返回会议</a></p>
      <h1 class="screen-title">{p.m.s.title}</h1>
      <p class="screen-sub">{p.m.s.date}{p.m.s.place && ` · ${p.m.s.place}`}</p>
      <ScreenLive m={p.m} href={p.href} />
    </div>
  );
}
