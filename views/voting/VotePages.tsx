import type { BallotModel, VoteNowState } from '../../src/data/voteNow';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { choiceSetOf, MARK_LABELS, type Mark } from '../../src/domain/choices';
import { Field, FormError, type FieldErrors } from '../components/form';
import { staticUrl } from '../../src/http/staticFiles';

/** The script that counts "for" marks against N on the phone; the server checks again whatever it says. */
export function BallotScript() {
  return <script src={staticUrl('ballot.js')} defer></script>;
}

/** 试投票: said on every screen of a rehearsal ballot, before anything else. */
export function TestBallotNotice() {
  return <p class="test-banner" role="note"><strong>试投票</strong>：只用于检查手机能否正常投票，不计票、不公布，结束后选票全部销毁。</p>;
}

function SecrecyNotice(p: { secrecy: 'secret' | 'named' }) {
  return p.secrecy === 'secret'
    ? <p class="secrecy">本轮为<strong>无记名投票</strong>：系统只记录您已投票，不记录您投了什么，任何人（包括管理员）都无法查到您的选择。</p>
    : <p class="secrecy named" role="note"><strong>注意：本轮为记名投票。</strong>您的选择将与您的姓名一起记录，并列入记名投票明细。</p>;
}

/** The ballot: one row per candidate, 赞成/反对/弃权, the N limit stated and counted. */
export function BallotForm(p: { code: string; b: BallotModel; marks?: Record<string, string | undefined>; error?: string }) {
  if (p.b.ballotForm === 'tick' && p.b.kind !== 'evaluation') return <TickBallotForm {...p} />;
  const set = choiceSetOf(p.b.kind);
  const limit = set.limited && p.b.seatsToFill !== null ? p.b.seatsToFill : undefined;
  const limitedLabel = set.limited ? MARK_LABELS[set.limited] : '';
  const forCount = set.limited ? Object.values(p.marks ?? {}).filter((m) => m === set.limited).length : 0;
  return (
    <form method="post" action={`/j/${p.code}/vote/${p.b.pollId}/review`} class="ballot" novalidate
      data-limit={limit !== undefined ? String(limit) : undefined} data-limit-mark={set.limited}>
      <h2>{p.b.title}</h2>
      {p.b.isTest && <TestBallotNotice />}
      <SecrecyNotice secrecy={p.b.secrecy} />
      {limit !== undefined && (
        <p class="limit">应选 <strong>{limit}</strong> 项：{limitedLabel}不得超过 {limit} 项，超过的选票无效。
          已选{limitedLabel} <output data-limit-count>{forCount}</output> 项。</p>
      )}
      {p.b.kind === 'evaluation' && <p class="limit">请对每个项目的实施效果作出评价：满意、基本满意或不满意。</p>}
      <p class="error banner" data-limit-error role="alert" tabindex={-1} hidden={!p.error}>{p.error}</p>
      {p.b.options.map((o, i) => (
        <fieldset class="mark-row">
          <legend>{i + 1}. {o.label}</legend>
          <div class={`marks marks-${set.marks.length}`}>
            {set.marks.map((m) => (
              <label class={`mark mark-${m}`}>
                <input type="radio" name={`m${o.id}`} value={m} checked={p.marks?.[`m${o.id}`] === m} /> {MARK_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <p class="hint">未选择的项目按“{MARK_LABELS[set.unmarked]}”计{p.b.kind === 'evaluation' && '，不计入该项目的满意率'}。提交前会请您再确认一次。</p>
      <button type="submit" class="wide">下一步：确认选票</button>
    </form>
  );
}

/** The 勾选 ballot: one checkbox per candidate, at most N ticked; a tick is a vote for, no tick is no vote. */
function TickBallotForm(p: { code: string; b: BallotModel; marks?: Record<string, string | undefined>; error?: string }) {
  const limit = p.b.seatsToFill ?? 0;
  const ticked = Object.values(p.marks ?? {}).filter((m) => m === 'for').length;
  return (
    <form method="post" action={`/j/${p.code}/vote/${p.b.pollId}/review`} class="ballot" novalidate
      data-limit={String(limit)} data-limit-mark="for" data-ballot-form="tick">
      <h2>{p.b.title}</h2>
      {p.b.isTest && <TestBallotNotice />}
      <SecrecyNotice secrecy={p.b.secrecy} />
      <p class="limit">应选 <strong>{limit}</strong> 项：请在同意的项目前打勾，<strong>最多勾选 {limit} 项</strong>，超过的选票无效。
        已勾选 <output data-limit-count>{ticked}</output> 项。</p>
      <p class="error banner" data-limit-error role="alert" tabindex={-1} hidden={!p.error}>{p.error}</p>
      <fieldset class="tick-list">
        <legend>候选项目（勾选即为赞成）</legend>
        {p.b.options.map((o, i) => (
          <label class="mark-row tick-row">
            <input type="checkbox" name={`m${o.id}`} value="for" checked={p.marks?.[`m${o.id}`] === 'for'} /> {i + 1}. {o.label}
          </label>
        ))}
      </fieldset>
      <p class="hint">未勾选的项目不计赞成票。提交前会请您再确认一次。</p>
      <button type="submit" class="wide">下一步：确认选票</button>
    </form>
  );
}

/** Shows every choice, the unmarked ones as what they will count as, before the ballot is cast. */
export function ConfirmPage(p: { code: string; b: BallotModel; marks: Record<string, string | undefined> }) {
  const set = choiceSetOf(p.b.kind, p.b.ballotForm);
  const tick = set.unmarked === 'none';
  const tickedOptions = p.b.options.filter((o) => p.marks[`m${o.id}`] === 'for');
  const hidden = p.b.options.map((o) => <input type="hidden" name={`m${o.id}`} value={p.marks[`m${o.id}`] ?? ''} />);
  return (
    <section class="vote">
      <h1>请确认您的选票</h1>
      <h2>{p.b.title}</h2>
      {p.b.isTest && <TestBallotNotice />}
      <SecrecyNotice secrecy={p.b.secrecy} />
      {tick ? (
        <>
          <p>您勾选了 <strong>{tickedOptions.length}</strong> 项（最多 {p.b.seatsToFill} 项）{tickedOptions.length === 0 && '：没有勾选任何项目'}。</p>
          {tickedOptions.length > 0 && (
            <ol class="confirm-list">{tickedOptions.map((o) => <li class="mark-for"><span>{p.b.options.indexOf(o) + 1}. {o.label}</span><strong>✓ 勾选</strong></li>)}</ol>
          )}
        </>
      ) : <ol class="confirm-list">
        {p.b.options.map((o, i) => {
          const m = p.marks[`m${o.id}`] as Mark | undefined;
          return (
            <li class={`mark-${m || set.unmarked}`}>
              <span>{i + 1}. {o.label}</span>
              <strong>{m ? MARK_LABELS[m] : <>{MARK_LABELS[set.unmarked]}<span class="unmarked">（未选择，按{MARK_LABELS[set.unmarked]}计）</span></>}</strong>
            </li>
          );
        })}
      </ol>}
      <p>提交后不能更改。</p>
      <p class="error banner" data-cast-error role="alert" tabindex={-1} hidden></p>
      {/* A dropped connection must not leave the phone waiting for ever: after 20 s the request is given up and can be resent. */}
      <form method="post" action={`/j/${p.code}/vote/${p.b.pollId}`} class="cast" data-once hx-request='{"timeout":20000}'>
        {hidden}
        <button type="submit" class="wide">确认投票</button>
      </form>
      <form method="post" action={`/j/${p.code}/vote/${p.b.pollId}/edit`}>
        {hidden}
        <button type="submit" class="secondary wide">返回修改</button>
      </form>
    </section>
  );
}

export function BallotPage(p: { code: string; b: BallotModel; marks?: Record<string, string | undefined>; error?: string }) {
  return (
    <section class="vote">
      <p class="muted"><a href={`/j/${p.code}/vote`}>我的表决</a></p>
      <BallotForm code={p.code} b={p.b} marks={p.marks} error={p.error} />
      <BallotScript />
    </section>
  );
}

export function ReceiptPage(p: { code: string; title: string; receipt: string; channel: 'electronic' | 'paper'; terms: BodyTerms; again?: boolean; isTest?: boolean }) {
  if (p.channel === 'paper') {
    return (
      <section class="vote receipt">
        <h1>您已领取纸质选票</h1>
        <p>{p.title}</p>
        <p>请在纸质选票上填写并投入票箱。每位{p.terms.rep}在每轮表决中只能投一次票，领取纸质选票后不能再用手机投票。</p>
        <p><a class="button" href={`/j/${p.code}/vote`}>返回我的表决</a></p>
      </section>
    );
  }
  return (
    <section class="vote receipt">
      {p.again ? <h1>您已经投过票了</h1> : <h1>投票成功 ✓</h1>}
      <p>{p.title}</p>
      {p.isTest && <TestBallotNotice />}
      {p.again && <p>每位{p.terms.rep}在每轮表决中只能投一次票。您的选票已经记录，这次提交没有重复计入。</p>}
      <p class="receipt-code">回执码 <strong>{p.receipt}</strong></p>
      <p class="muted">回执码只证明您参加了本轮表决，不包含您的选择。</p>
      <p><a class="button" href={`/j/${p.code}/vote`}>返回我的表决</a></p>
    </section>
  );
}

/**
 * The representative's "what now" panel. While there is nothing to fill in it refreshes itself every 3 s;
 * when it shows a form (check-in or a ballot) it stops, so nothing typed is ever wiped.
 */
export function VoteNow(p: { code: string; st: VoteNowState; terms: BodyTerms }) {
  const st = p.st;
  const polling = st.kind !== 'ballot' && st.kind !== 'checkIn';
  return (
    <div id="vote-now" class="vote-now" hx-get={polling ? `/j/${p.code}/vote/live` : undefined}
      hx-trigger={polling ? 'every 3s' : undefined} hx-swap="outerHTML" aria-live="polite">
      {st.kind === 'noSession' && <p class="big-status">目前没有您参加的会议。</p>}
      {st.kind === 'planned' && <p class="big-status">{st.sessionTitle}：会议尚未开始签到。</p>}
      {st.kind === 'checkIn' && (
        <form method="post" action={`/j/${p.code}/vote/checkin`} class="stack card" novalidate>
          <h2>{st.sessionTitle}：签到</h2>
          <p>请输入会场大屏上显示的 6 位签到码。</p>
          <input type="hidden" name="sessionId" value={String(st.sessionId)} />
          <Field name="code" label="签到码" value={st.code} error={st.error} inputmode="numeric" autocomplete="off" maxlength={6} required />
          <button type="submit" class="wide">签到</button>
        </form>
      )}
      {st.kind === 'waiting' && (
        <div class="card">
          <p class="big-status">✓ 已签到</p>
          <p>{st.sessionTitle}</p>
          <p class="muted">等待表决开始……本页面会自动更新。</p>
        </div>
      )}
      {st.kind === 'ballot' && <BallotForm code={p.code} b={st.b} />}
      {st.kind === 'voted' && (
        <div class="card">
          <p class="big-status">✓ {st.channel === 'paper' ? '已领取纸质选票' : '已投票'}</p>
          <p>{st.pollTitle}</p>
          {st.channel === 'electronic' && <p>回执码 <strong>{st.receipt}</strong></p>}
          <p class="muted">{st.isTest ? '试投票不计票，结束后选票全部销毁。' : '结果在表决结束后公布。'}</p>
        </div>
      )}
      {st.kind === 'ended' && <EndedCard code={p.code} st={st} />}
      {polling && <p class="no-js-refresh"><a href={`/j/${p.code}/vote`}>刷新</a></p>}
    </div>
  );
}

/** After the vote: 表决已结束, the representative's receipt, and the result once the session has published it. */
function EndedCard(p: { code: string; st: Extract<VoteNowState, { kind: 'ended' }> }) {
  const e = p.st.ended;
  if (e.isTest) {
    return (
      <div class="card">
        <p class="big-status">试投票已结束</p>
        <p>{p.st.sessionTitle}</p>
        <p>{e.testSubmissions ?? 0} 部手机提交了选票。试投票不计票，选票已全部销毁。</p>
        <p class="muted">请等待正式表决开始……本页面会自动更新。</p>
      </div>
    );
  }
  return (
    <div class="card">
      <p class="big-status">表决已结束</p>
      <p>{e.pollTitle}</p>
      {e.receipt && <p>我的回执码 <strong>{e.receipt}</strong></p>}
      {e.published ? (
        <>
          <p><strong>结果已公布</strong>：{e.published.adopted.length > 0 ? `通过 ${e.published.adopted.length} 个项目` : '没有项目获得通过'}</p>
          {e.published.adopted.length > 0 && <ol class="ended-adopted">{e.published.adopted.map((t) => <li>{t}</li>)}</ol>}
          <p><a href={`/p/${p.code}/${e.published.year}/results`}>查看公布的表决结果</a></p>
        </>
      ) : <p class="muted">结果经会议宣布并公布后在此显示。如还有下一轮表决，本页面会自动更新。</p>}
    </div>
  );
}

export function VotePage(p: { code: string; repName: string; st: VoteNowState; terms: BodyTerms; flashError?: FieldErrors }) {
  return (
    <section class="vote">
      <h1>我的表决</h1>
      <p class="muted">{p.repName} {p.terms.rep}</p>
      <FormError errors={p.flashError} />
      <VoteNow code={p.code} st={p.st} terms={p.terms} />
      <BallotScript />
    </section>
  );
}

export function NotOnRosterPage(p: { terms: BodyTerms }) {
  return (
    <section class="vote">
      <h1>我的表决</h1>
      <p>您的账号还没有关联到本辖区的{p.terms.rep}名册，暂时不能签到和投票。请联系本辖区人大工作人员。</p>
    </section>
  );
}
