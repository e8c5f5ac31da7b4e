import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AgendaPage } from '../../views/meetings/AgendaPage';
import { ItemEditPage } from '../../views/meetings/ItemEditPage';
import { MeetingListPage } from '../../views/meetings/MeetingListPage';
import { MinutesPage } from '../../views/meetings/MinutesPage';
import { authorize, can, notFound } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import {
  addMeetingItem, agendaOf, meetingRows, meetingWarningsFor, meetingYears, minutesOf, moveMeetingItemUp, opinionChoices, removeMeetingItem,
  saveMinutesHeader, selectionPollsOf, signOffMinutes, updateMeetingItem,
} from '../data/meetings';
import { headcount } from '../data/sessions';
import { defaultItemTitle, MEETING_ITEM_KINDS } from '../domain/meetingItems';
import { summarizeAttendance } from '../domain/meetingAttendance';
import { checkMinutes, minutesState, SIGNED_OFF_ERROR } from '../domain/minutes';
import type { Action } from '../domain/authz';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { actorWithId, idParam, subdistrictParam, todayIn } from './deliberationCommon';
import { sessionParam } from './votingContext';
import { refuse, type Result } from '../domain/result';

const blank = (v: unknown) => (v === '' ? undefined : v);
const optionalId = z.preprocess(blank, z.coerce.number().int().positive().optional()).transform((v) => v ?? null);
const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const yearQuery = z.object({ year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()) });
const addForm = z.object({ kind: z.enum(MEETING_ITEM_KINDS, { error: '请选择事项类型' }), title: trimmed(200).default('') });
const itemForm = z.object({
  title: trimmed(200, '请填写事项名称'),
  minutes: trimmed(10000).default(''),
  decision: trimmed(5000).default(''),
  pollId: optionalId,
  cycleId: optionalId,
  opinionItemIds: many.pipe(z.array(z.string().regex(/^[1-9]\d{0,9}$/, '请选择民意事项')).max(100, '一项议程最多选择 100 件民意事项')),
});
const headerForm = z.object({ chair: trimmed(50).default(''), recorder: trimmed(50).default('') });

type C = Context<AppEnv>;

/** A deliberation meeting: a session of a subdistrict. A township's session has no agenda items here (404). */
function meetingParam(c: C, action: Action) {
  const r = sessionParam(c, action);
  if (r.s.body !== 'deliberation') notFound();
  return r;
}

function header(c: C, sessionId: number) {
  const m = minutesOf(c.get('db'), sessionId);
  return {
    state: minutesState(m?.signedOffAt), chair: m?.chair ?? '', recorder: m?.recorder ?? '',
    signedOffAt: m?.signedOffAt ?? null, signedOffByName: m?.signedOffByName ?? null,
  };
}

function agendaPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { j, s } = meetingParam(c, 'session.view');
  const db = c.get('db');
  const items = agendaOf(db, s.id);
  const minutes = header(c, s.id);
  const check = checkMinutes(minutes.state, 'signOff', { sessionState: s.state, items });
  return c.render(
    <AgendaPage j={j} s={s} h={headcount(db, s.id)} items={items} polls={selectionPollsOf(db, s.id)} minutes={minutes}
      canManage={can(c, 'session.manage', j.id)} signOffBlocker={check.ok ? null : check.error} values={values} errors={errors} />,
    { title: `议程与纪要 · ${s.title}` },
  );
}

function itemPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { j, s } = meetingParam(c, 'session.manage');
  const db = c.get('db');
  const items = agendaOf(db, s.id);
  const index = items.findIndex((i) => i.id === idParam(c, 'itemId'));
  if (index < 0) notFound();
  const year = Number(s.date.slice(0, 4));
  return c.render(
    <ItemEditPage j={j} s={s} item={items[index]!} position={index + 1} polls={selectionPollsOf(db, s.id)}
      cycles={cyclesOf(db, j.id).map((cy) => ({ id: cy.id, year: cy.year }))} opinions={opinionChoices(db, j.id, year, s.id)}
      values={values} errors={errors} />,
    { title: `编辑议程事项 · ${s.title}` },
  );
}

/** After a refused write: a signed-off record answers 409, anything else 422 — both with the page and the reason. */
function refused(c: C, r: Extract<Result<unknown>, { ok: false }>, values?: FormValues) {
  c.status(r.status ?? 422);
  return agendaPage(c, values, { [r.field]: r.error });
}

export const meetings = new Hono<AppEnv>()
  .get('/j/:code/deliberation/meetings', validQuery(yearQuery), (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'deliberation.view', j.id);
    const db = c.get('db');
    const current = Number(todayIn(c).slice(0, 4));
    const year = c.req.valid('query').year ?? current;
    const rows = meetingRows(db, j.id, year);
    return c.render(
      <MeetingListPage j={j} year={year} years={meetingYears(db, j.id, current)} rows={rows}
        warnings={meetingWarningsFor(db, j.id, year).map((w) => w.text)} canManage={can(c, 'session.manage', j.id)}
        total={summarizeAttendance(rows.map((r) => ({ sessionId: r.s.id, seated: r.seated, present: r.present, held: r.s.state !== 'planned' })))} />,
      { title: `${j.name}${year}年议事代表会议` },
    );
  })
  .get('/j/:code/sessions/:id{[0-9]+}/agenda', (c) => agendaPage(c))
  .post('/j/:code/sessions/:id{[0-9]+}/agenda',
    validForm(addForm, (c, values, errors) => {
      meetingParam(c, 'session.manage');
      return agendaPage(c, values, errors);
    }),
    (c) => {
      const { j, s, me } = meetingParam(c, 'session.manage');
      const input = c.req.valid('form');
      const title = input.title || defaultItemTitle(input.kind, Number(s.date.slice(0, 4)));
      const r = addMeetingItem(c.get('db'), actorWithId(c, me), s, { kind: input.kind, title }, c.get('now')());
      if (!r.ok) return refused(c, r, input);
      flash(c, '已添加议程事项：请选择关联内容并填写纪要');
      return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda/${r.value.id}`, 303);
    })
  .get('/j/:code/sessions/:id{[0-9]+}/agenda/:itemId{[0-9]+}', (c) => {
    const { j, s } = meetingParam(c, 'session.manage');
    // A signed-off record has nothing to edit: its agenda page shows it.
    if (minutesState(minutesOf(c.get('db'), s.id)?.signedOffAt) === 'signedOff') return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda`, 303);
    return itemPage(c);
  })
  .post('/j/:code/sessions/:id{[0-9]+}/agenda/:itemId{[0-9]+}',
    validForm(itemForm, (c, values, errors) => {
      const { s } = meetingParam(c, 'session.manage');
      // A signed-off record refuses every edit the same way, well-formed or not.
      if (minutesState(minutesOf(c.get('db'), s.id)?.signedOffAt) === 'signedOff') {
        return refused(c, refuse(SIGNED_OFF_ERROR, '_form', 409));
      }
      return itemPage(c, values, errors);
    }),
    (c) => {
      const { j, s, me } = meetingParam(c, 'session.manage');
      const itemId = idParam(c, 'itemId');
      const input = c.req.valid('form');
      const r = updateMeetingItem(c.get('db'), actorWithId(c, me), s, itemId, { ...input, opinionItemIds: input.opinionItemIds.map(Number) }, c.get('now')());
      if (!r.ok) {
        if (r.status === 409) return refused(c, r);
        c.status(r.status ?? 422);
        const values = { ...input, pollId: input.pollId ? String(input.pollId) : '', cycleId: input.cycleId ? String(input.cycleId) : '', opinionItemIds: input.opinionItemIds.join(',') };
        return itemPage(c, values, { [r.field]: r.error });
      }
      flash(c, '已保存');
      return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda#item-${itemId}`, 303);
    })
  .post('/j/:code/sessions/:id{[0-9]+}/agenda/:itemId{[0-9]+}/up', (c) => {
    const { j, s, me } = meetingParam(c, 'session.manage');
    const itemId = idParam(c, 'itemId');
    const r = moveMeetingItemUp(c.get('db'), actorWithId(c, me), s, itemId, c.get('now')());
    if (!r.ok) return refused(c, r);
    return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda#item-${itemId}`, 303);
  })
  .post('/j/:code/sessions/:id{[0-9]+}/agenda/:itemId{[0-9]+}/delete', (c) => {
    const { j, s, me } = meetingParam(c, 'session.manage');
    const r = removeMeetingItem(c.get('db'), actorWithId(c, me), s, idParam(c, 'itemId'), c.get('now')());
    if (!r.ok) return refused(c, r);
    flash(c, '已删除议程事项');
    return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda`, 303);
  })
  .post('/j/:code/sessions/:id{[0-9]+}/minutes/header',
    validForm(headerForm, (c, values, errors) => {
      meetingParam(c, 'session.manage');
      return agendaPage(c, values, errors);
    }),
    (c) => {
      const { j, s, me } = meetingParam(c, 'session.manage');
      const input = c.req.valid('form');
      const r = saveMinutesHeader(c.get('db'), actorWithId(c, me), s, input, c.get('now')());
      if (!r.ok) return refused(c, r, input);
      flash(c, '已保存');
      return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda`, 303);
    })
  .post('/j/:code/sessions/:id{[0-9]+}/minutes/sign-off', (c) => {
    const { j, s, me } = meetingParam(c, 'session.manage');
    const r = signOffMinutes(c.get('db'), actorWithId(c, me), s, c.get('now')());
    if (!r.ok) return refused(c, r);
    flash(c, '纪要已签发：会议决定已在街道公开页面公布');
    return c.redirect(`/j/${j.code}/sessions/${s.id}/agenda`, 303);
  })
  .get('/j/:code/sessions/:id{[0-9]+}/minutes', (c) => {
    const { j, s } = meetingParam(c, 'session.view');
    const db = c.get('db');
    return c.render(
      <MinutesPage j={j} s={s} h={headcount(db, s.id)} items={agendaOf(db, s.id)} polls={selectionPollsOf(db, s.id)} minutes={header(c, s.id)} />,
      { title: `${s.title}纪要` },
    );
  });
