import type { AgendaItem } from '../../src/data/meetings';
import type { Session } from '../../src/data/sessions';
import { MEETING_ITEM_KIND_LABELS, MEETING_ITEM_KINDS } from '../../src/domain/meetingItems';
import type { MinutesState } from '../../src/domain/minutes';
import { POLL_STATE_LABELS, type PollState } from '../../src/domain/pollState';
import { SESSION_KIND_LABELS, SESSION_STATE_LABELS } from '../../src/domain/sessionState';
import { Field, FormError, PostButton, SelectField, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { attendanceText, minutesBadge, OpinionLinks, timeSpan } from './common';

type J = { code: string; name: string };
export interface SelectionPoll { id: number; title: string; state: PollState }
export interface MinutesHeader { state: MinutesState; chair: string; recorder: string; signedOffAt: Date | null; signedOffByName: string | null }

/** What an item links to: the votes it took, the report it heard, the opinion items it discussed. */
export function ItemLinks(p: { code: string; item: AgendaItem; polls: SelectionPoll[] }) {
  const { item } = p;
  if (item.kind === 'projectSelection') {
    const polls = item.poll ? [{ ...item.poll, state: item.poll.state as PollState }] : p.polls;
    if (polls.length === 0) return <p class="muted">本次会议还没有项目票选表决：在会议页面发起。</p>;
    return (
      <ul class="meeting-links">
        {polls.map((x) => <li><a href={`/j/${p.code}/polls/${x.id}`}>{x.title}</a> <span class="badge">{POLL_STATE_LABELS[x.state]}</span></li>)}
      </ul>
    );
  }
  if (item.kind === 'reportHearing') {
    if (item.cycleYear === null) return null;
    return (
      <p class="meeting-links"><a href={`/j/${p.code}/cycles/${item.cycleYear}/midterm`}>{item.cycleYear}年度民生实事项目期中报告</a>
        {' '}<span class={item.midtermPublished ? 'badge ok' : 'badge'}>{item.midtermPublished ? '已发布' : '未发布'}</span></p>
    );
  }
  return <OpinionLinks code={p.code} items={item.opinions} />;
}

export function AgendaPage(p: {
  j: J; s: Session; h: { seated: number; present: number }; items: AgendaItem[]; polls: SelectionPoll[]; minutes: MinutesHeader;
  canManage: boolean; signOffBlocker: string | null; values?: FormValues; errors?: FieldErrors;
}) {
  const { j, s, minutes } = p;
  const base = `/j/${j.code}/sessions/${s.id}`;
  const editable = p.canManage && minutes.state === 'draft';
  const v = p.values ?? {};
  return (
    <section class="meeting">
      <p class="muted"><a href={`/j/${j.code}/deliberation/meetings`}>议事代表会议</a> · <a href={base}>{s.title}</a></p>
      <h1>议程与纪要 {minutesBadge(minutes.state)}</h1>
      <p>{SESSION_KIND_LABELS[s.kind]} · {timeSpan(s)}{s.place && ` · ${s.place}`} · {SESSION_STATE_LABELS[s.state]}</p>
      <p>出席 / 在册议事代表：<strong>{s.state === 'planned' ? `— / ${p.h.seated}` : attendanceText(p.h.present, p.h.seated)}</strong>
        {s.state !== 'planned' && p.canManage && <> · <a href={`${base}/roll`}>签到点名</a></>}</p>
      <FormError errors={p.errors} />
      {minutes.state === 'signedOff' && (
        <p class="signed-off" role="status">纪要已于 {minutes.signedOffAt ? fmtDateTime(minutes.signedOffAt) : ''} 由 {minutes.signedOffByName ?? ''} 签发，不能再修改。</p>
      )}
      <div class="actions"><a class="button secondary" href={`${base}/minutes`}>{minutes.state === 'signedOff' ? '纪要（可打印）' : '纪要草稿预览（可打印）'}</a></div>

      {editable ? (
        <form method="post" action={`${base}/minutes/header`} class="stack card row-form" novalidate>
          <div class="row2">
            <Field name="chair" label="主持人" value={v.chair ?? minutes.chair} error={p.errors?.chair} maxlength={50} />
            <Field name="recorder" label="记录人" value={v.recorder ?? minutes.recorder} error={p.errors?.recorder} maxlength={50} />
          </div>
          <button type="submit" class="secondary">保存</button>
        </form>
      ) : (
        <p>主持人：{minutes.chair || '—'} · 记录人：{minutes.recorder || '—'}</p>
      )}

      <h2>议程</h2>
      {p.items.length === 0 ? <p class="muted">还没有议程事项。</p> : (
        <ol class="agenda-items">
          {p.items.map((item, i) => (
            <li id={`item-${item.id}`} class="card">
              <p class="muted">第 {i + 1} 项 · {MEETING_ITEM_KIND_LABELS[item.kind]}</p>
              <h3>{item.title}</h3>
              <ItemLinks code={j.code} item={item} polls={p.polls} />
              <h4>讨论情况</h4>
              {item.minutes ? <p class="pre">{item.minutes}</p> : <p class="muted">未填写</p>}
              <h4>会议决定</h4>
              {item.decision ? <p class="pre decision">{item.decision}</p> : <p class="muted">未填写</p>}
              {editable && (
                <div class="actions">
                  <a class="button" href={`${base}/agenda/${item.id}`} aria-label={`编辑第 ${i + 1} 项的纪要`}>编辑纪要</a>
                  {i > 0 && <PostButton action={`${base}/agenda/${item.id}/up`} label="上移" class="secondary small" />}
                  <PostButton action={`${base}/agenda/${item.id}/delete`} label="删除" class="secondary small" confirm={`删除议程事项“${item.title}”？`} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {editable && (
        <form method="post" action={`${base}/agenda`} class="stack card" novalidate>
          <h2>添加议程事项</h2>
          <SelectField name="kind" label="事项类型" options={MEETING_ITEM_KINDS.map((k) => [k, MEETING_ITEM_KIND_LABELS[k]])} value={v.kind ?? 'opinionItems'} error={p.errors?.kind} required />
          <Field name="title" label="事项名称" value={v.title} error={p.errors?.title} maxlength={200} hint="可不填：按事项类型自动命名。票选的表决、听取的报告、议决的民意事项在添加后选择。" />
          <button type="submit">添加</button>
        </form>
      )}

      {editable && (
        <div class="card stack">
          <h2>签发纪要</h2>
          <p class="hint">签发后纪要不能再修改，会议决定在街道公开页面公布。</p>
          {p.signOffBlocker ? <p class="notice">暂不能签发：{p.signOffBlocker}</p>
            : <PostButton action={`${base}/minutes/sign-off`} label="签发纪要" confirm="签发后纪要不能再修改，会议决定将公开。确认签发？" />}
        </div>
      )}
    </section>
  );
}
