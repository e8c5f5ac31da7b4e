import type { AgendaItem } from '../../src/data/meetings';
import type { Session } from '../../src/data/sessions';
import { MEETING_ITEM_KIND_LABELS } from '../../src/domain/meetingItems';
import { opinionNumber } from '../../src/domain/opinionLabels';
import { OPINION_STATE_LABELS, type OpinionState } from '../../src/domain/opinionTriage';
import { POLL_STATE_LABELS, type PollState } from '../../src/domain/pollState';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';

type J = { code: string; name: string };
export interface OpinionChoice { id: number; year: number; seq: number; title: string; state: OpinionState }

/** One agenda item's links, discussion and decision: one form, so it works on a phone and without JavaScript. */
export function ItemEditPage(p: {
  j: J; s: Session; item: AgendaItem; position: number; polls: { id: number; title: string; state: PollState }[];
  cycles: { id: number; year: number }[]; opinions: OpinionChoice[]; values?: FormValues; errors?: FieldErrors;
}) {
  const { j, s, item } = p;
  const base = `/j/${j.code}/sessions/${s.id}`;
  const v = p.values ?? {};
  const chosen = new Set((v.opinionItemIds !== undefined ? v.opinionItemIds.split(',') : item.opinions.map((o) => String(o.id))).filter(Boolean));
  return (
    <section class="meeting">
      <p class="muted"><a href={`${base}/agenda`}>{s.title} · 议程与纪要</a></p>
      <h1>第 {p.position} 项 · {MEETING_ITEM_KIND_LABELS[item.kind]}</h1>
      <form method="post" action={`${base}/agenda/${item.id}`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <Field name="title" label="事项名称" value={v.title ?? item.title} error={p.errors?.title} maxlength={200} required />
        {item.kind === 'projectSelection' && (
          <SelectField name="pollId" label="票选表决" value={v.pollId ?? (item.pollId ? String(item.pollId) : '')} error={p.errors?.pollId}
            blank="本次会议的全部项目票选表决" options={p.polls.map((x) => [String(x.id), `${x.title}（${POLL_STATE_LABELS[x.state]}）`])}
            hint="表决在会议页面发起和进行；这里只记录本议程事项对应哪次表决。" />
        )}
        {item.kind === 'reportHearing' && (
          <SelectField name="cycleId" label="听取的期中报告" value={v.cycleId ?? (item.cycleId ? String(item.cycleId) : '')} error={p.errors?.cycleId}
            blank="不关联（其他报告）" options={p.cycles.map((c) => [String(c.id), `${c.year}年度民生实事项目期中报告`])} />
        )}
        {item.kind === 'opinionItems' && (
          <fieldset class={p.errors?.opinionItemIds ? 'choices invalid' : 'choices'}>
            <legend>议决的民意事项</legend>
            {p.opinions.length === 0 ? <p class="muted">本街道近两年没有登记的民意事项。</p> : p.opinions.map((o) => (
              <label class="check">
                <input type="checkbox" name="opinionItemIds" value={String(o.id)} checked={chosen.has(String(o.id))} />
                <span>{opinionNumber(o.year, j.code, o.seq)} {o.title} <span class="muted">（{OPINION_STATE_LABELS[o.state]}）</span></span>
              </label>
            ))}
            <p class="hint">分办（当场答复、交街道部门、转交区人大代表）仍在各民意事项的页面进行。</p>
            {p.errors?.opinionItemIds && <p class="error" role="alert">{p.errors.opinionItemIds}</p>}
          </fieldset>
        )}
        <TextArea name="minutes" label="讨论情况" value={v.minutes ?? item.minutes} error={p.errors?.minutes} maxlength={10000} rows={6}
          hint="记录汇报、发言和讨论的要点。" />
        <TextArea name="decision" label="会议决定" value={v.decision ?? item.decision} error={p.errors?.decision} maxlength={5000} rows={4}
          hint="签发纪要后，会议决定在街道公开页面公布：请勿写入群众的姓名、电话等个人信息。" />
        <div class="actions">
          <button type="submit">保存</button>
          <a href={`${base}/agenda#item-${item.id}`}>返回</a>
        </div>
      </form>
    </section>
  );
}
