import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { RollHistoryLine } from '../../src/data/roll';
import type { RollFilter, RollRow, Session } from '../../src/data/sessions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { inHall, placeLabel, type RollCounts, type RollPlace } from '../../src/domain/roll';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';

export interface RollHeadModel { counts: RollCounts; needed: number; met: boolean; fractionWords: string }

const time = (d: Date | null) => (d ? fmtDateTime(d).slice(11) : '');

/** 在册 / 出席 / 请假 / 缺席 / 离场 and the quorum line: refreshed in place as the clerk and the phones record arrivals. */
export function RollHead(p: { h: RollHeadModel; terms: BodyTerms; oob?: boolean }) {
  const c = p.h.counts;
  return (
    <div id="roll-head" class="roll-head" hx-swap-oob={p.oob ? 'true' : undefined} aria-live="polite">
      <dl class="roll-counts">
        <div><dt>在册</dt><dd>{c.seated}</dd></div>
        <div class="is-present"><dt>出席</dt><dd>{c.present}</dd></div>
        <div><dt>请假</dt><dd>{c.leave}</dd></div>
        <div><dt>缺席</dt><dd>{c.absent}</dd></div>
        <div><dt>离场</dt><dd>{c.departed}</dd></div>
      </dl>
      <p class={p.h.met ? 'quorum-line ok' : 'quorum-line bad'}>
        法定人数：在册{p.terms.rep}的{p.h.fractionWords}以上，至少 {p.h.needed} 名。
        <strong>{p.h.met ? `已达到（出席 ${c.present} 名）` : `未达到，还差 ${Math.max(0, p.h.needed - c.present)} 名`}</strong>
      </p>
    </div>
  );
}

export const FILTER_LABELS: Record<RollFilter | '', string> = { '': '全部', notYet: '未签到', present: '出席', leave: '请假', departed: '离场', absent: '缺席' };
const FILTERS: (RollFilter | '')[] = ['', 'notYet', 'present', 'leave', 'departed'];

function filterCount(c: RollCounts, f: RollFilter | ''): number {
  switch (f) {
    case '': return c.seated;
    case 'notYet': return c.notYet;
    case 'present': return c.present;
    case 'leave': return c.leave;
    case 'departed': return c.departed;
    case 'absent': return c.absent;
  }
}

export function rollHref(base: string, q: string, show: RollFilter | ''): string {
  const qs = new URLSearchParams();
  if (q) qs.set('q', q);
  if (show) qs.set('show', show);
  const s = qs.toString();
  return `${base}/roll${s ? `?${s}` : ''}`;
}

function StateBadge(p: { r: RollRow }) {
  const { r } = p;
  if (r.state === null) return <span class="roll-state none">未签到</span>;
  return (
    <span class={`roll-state st-${r.state}`}>
      {placeLabel(r.state)} {time(r.at)}{r.self && r.state !== 'leave' ? '（本人）' : ''}
      {r.reason && <span class="roll-reason">：{r.reason}</span>}
    </span>
  );
}

/** The hidden fields that bring the clerk back to the same search and filter after a plain POST. */
function Keep(p: { q: string; show: RollFilter | '' }) {
  return <><input type="hidden" name="q" value={p.q} /><input type="hidden" name="show" value={p.show} /></>;
}

/**
 * One representative: name and community, the current place with its time, and the next actions as large buttons
 * next to the name. The button's accessible name begins with its visible label (签到, then who).
 */
export function RollLine(p: { base: string; r: RollRow; q: string; show: RollFilter | ''; canTick: boolean }) {
  const { r } = p;
  const act = `${p.base}/roll/${r.representativeId}`;
  const hx = { 'hx-target': 'closest li', 'hx-swap': 'outerHTML' };
  const present = inHall(r.state);
  return (
    <li id={`rep-${r.representativeId}`} class={`roll-line${present ? ' is-present' : ''}`}>
      <div class="roll-who">
        <strong>{r.name}</strong>
        {r.community && <span class="muted">{r.community}</span>}
      </div>
      <StateBadge r={r} />
      {p.canTick && (
        <div class="roll-actions">
          {!present && (
            <form method="post" action={act} class="inline" hx-post={act} {...hx}>
              <Keep q={p.q} show={p.show} />
              <button type="submit">{r.state === 'departed' ? '返场' : '签到'}<span class="sr-only"> {r.name}</span></button>
            </form>
          )}
          {present && (
            <form method="post" action={`${act}/state`} class="inline" hx-post={`${act}/state`} {...hx}>
              <Keep q={p.q} show={p.show} />
              <input type="hidden" name="to" value="departed" />
              <button type="submit" class="secondary">离场<span class="sr-only"> {r.name}</span></button>
            </form>
          )}
          {(r.state === null || r.state === 'absent') && (
            <details class="roll-more">
              <summary>请假或缺席<span class="sr-only"> {r.name}</span></summary>
              <form method="post" action={`${act}/state`} class="roll-leave" hx-post={`${act}/state`} {...hx}>
                <Keep q={p.q} show={p.show} />
                <input type="hidden" name="to" value="leave" />
                <label for={`reason-${r.representativeId}`}>请假原因</label>
                <input id={`reason-${r.representativeId}`} name="reason" maxlength={200} required />
                <button type="submit" class="secondary">请假<span class="sr-only"> {r.name}</span></button>
              </form>
              {r.state === null && (
                <form method="post" action={`${act}/state`} class="inline" hx-post={`${act}/state`} {...hx}>
                  <Keep q={p.q} show={p.show} />
                  <input type="hidden" name="to" value="absent" />
                  <button type="submit" class="secondary">缺席<span class="sr-only"> {r.name}</span></button>
                </form>
              )}
            </details>
          )}
          {r.state !== null && <a class="roll-correct" href={`${act}/correct`}>更正<span class="sr-only"> {r.name}</span></a>}
        </div>
      )}
    </li>
  );
}

export function RollPage(p: {
  j: Jurisdiction; s: Session; terms: BodyTerms; h: RollHeadModel; rows: RollRow[]; q: string; show: RollFilter | '';
  canTick: boolean; error?: string;
}) {
  const base = `/j/${p.j.code}/sessions/${p.s.id}`;
  const counts = p.h.counts;
  return (
    <section class="roll-page">
      <p class="muted"><a href={base}>{p.s.title}</a></p>
      <h1>签到点名</h1>
      {/* Representatives also check themselves in on their phones: the counts follow without a reload. */}
      <div hx-get={`${base}/roll/head`} hx-trigger="every 5s" hx-swap="outerHTML" hx-target="#roll-head">
        <RollHead h={p.h} terms={p.terms} />
      </div>
      <div id="roll-error">{p.error && <p class="error banner" role="alert">{p.error}</p>}</div>
      {!p.canTick && <p class="notice">{p.s.state === 'planned' ? '会议尚未开始，开始会议后才能签到。' : '会议已闭会，不能再签到。'}</p>}
      <form method="get" action={`${base}/roll`} class="roll-search" role="search"
        hx-get={`${base}/roll`} hx-trigger="input changed delay:300ms from:#f-q, submit" hx-target="#roll-list" hx-select="#roll-list" hx-swap="outerHTML" hx-push-url="true">
        <Field name="q" label="按姓名或所在村（社区）查找" type="search" value={p.q} />
        <input type="hidden" name="show" value={p.show} />
        <button type="submit">查找</button>
      </form>
      <div id="roll-list">
        <nav class="roll-filters" aria-label="按签到状态筛选">
          {FILTERS.map((f) => (
            <a href={rollHref(base, p.q, f)} aria-current={p.show === f ? 'page' : undefined}>{FILTER_LABELS[f]} {filterCount(counts, f)}</a>
          ))}
        </nav>
        <p class="muted">{p.q ? `“${p.q}”：` : ''}{FILTER_LABELS[p.show]} {p.rows.length} 人</p>
        <ul class="roll-list">
          {p.rows.map((r) => <RollLine base={base} r={r} q={p.q} show={p.show} canTick={p.canTick} />)}
        </ul>
        {p.rows.length === 0 && <p class="muted">没有符合条件的{p.terms.rep}。</p>}
      </div>
    </section>
  );
}

function historyText(h: RollHistoryLine): string {
  if (h.correction) return `更正：撤销上一条登记，恢复为${placeLabel(h.state)}${h.reason ? `（${h.reason}）` : ''}`;
  return `${placeLabel(h.state)}${h.self ? '（本人签到）' : ''}${h.reason ? `：${h.reason}` : ''}`;
}

/** The confirmation step of a correction: what stands now, what the correction will record, and why (required). */
export function RollCorrectionPage(p: {
  j: Jurisdiction; s: Session; r: RollRow; history: RollHistoryLine[]; after: RollPlace; voted: boolean;
  values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/sessions/${p.s.id}`;
  return (
    <section class="narrow">
      <p class="muted"><a href={`${base}/roll#rep-${p.r.representativeId}`}>返回签到点名</a></p>
      <h1>更正签到记录：{p.r.name}</h1>
      <p>当前：<strong>{placeLabel(p.r.state)}</strong> {time(p.r.at)}</p>
      {p.voted
        ? <p class="notice">{p.r.name} 已参加本次会议的表决，投票记录不会撤销。更正将登记为<strong>离场</strong>（{placeLabel(p.after)}），此后不能再投票，返场签到后可以继续投票。</p>
        : <p class="notice">更正将撤销最近一条登记，恢复为<strong>{placeLabel(p.after)}</strong>。</p>}
      <h2>登记记录</h2>
      <ol class="roll-history">
        {p.history.map((h) => <li><span class="muted">{time(h.at)}</span> {historyText(h)}</li>)}
      </ol>
      <form method="post" action={`${base}/roll/${p.r.representativeId}/correct`} class="stack card" novalidate>
        <FormError errors={p.errors} />
        <Field name="reason" label="更正原因" value={p.values?.reason} error={p.errors?.reason} maxlength={200} required
          hint="例如：误点了同名代表。原因记入审计日志。" />
        <div class="actions">
          <button type="submit">确认更正</button>
          <a class="button secondary" href={`${base}/roll#rep-${p.r.representativeId}`}>取消</a>
        </div>
      </form>
    </section>
  );
}
