import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { AgendaPage } from '../../views/meetings/AgendaPage';
import { ItemEditPage } from '../../views/meetings/ItemEditPage';
import { MeetingListPage } from '../../views/meetings/MeetingListPage';
import { MinutesPage } from '../../views/meetings/MinutesPage';
import { allow, can, userActor } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import {
  addMeetingItem, agendaOf, meetingRows, meetingWarningsFor, meetingYears, minutesCheck, minutesOf, moveMeetingItemUp, opinionChoices,
  removeMeetingItem, saveMinutesHeader, selectionPollsOf, signOffMinutes, updateMeetingItem,
} from '../data/meetings';
import { attendedCount, headcount } from '../data/sessions';
import { chinaYearOf } from '../domain/chinaDate';
import { defaultItemTitle, MEETING_ITEM_KINDS } from '../domain/meetingItems';
import { summarizeAttendance } from '../domain/meetingAttendance';
import { checkMinutes, minutesState } from '../domain/minutes';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { MeetingItemEnv } from '../http/subjects/deliberation';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import type { SessionEnv } from '../http/subjects/session';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

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

type C<E extends SessionEnv = SessionEnv> = Context<E>;
const base = <E extends SessionEnv>(c: C<E>) => `/j/${c.var.jurisdiction.code}/sessions/${c.var.session.id}`;

function header(db: Db, sessionId: number) {
  const m = minutesOf(db, sessionId);
  return {
    state: minutesState(m?.signedOffAt), chair: m?.chair ?? '', recorder: m?.recorder ?? '',
    signedOffAt: m?.signedOffAt ?? null, signedOffByName: m?.signedOffByName ?? null,
  };
}

function agendaPage<E extends SessionEnv>(c: C<E>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s } = c.var;
  const items = agendaOf(db, s.id);
  const minutes = header(db, s.id);
  const check = checkMinutes(minutes.state, 'signOff', { sessionState: s.state, items });
  return c.render(
    <AgendaPage j={j} s={s} h={headcount(db, s.id)} items={items} polls={selectionPollsOf(db, s.id)} minutes={minutes}
      canManage={can(c, 'session.manage', j.id)} signOffBlocker={check.ok ? null : check.error} values={values} errors={errors} />,
    { title: `议程与纪要 · ${s.title}` },
  );
}

function itemPage<E extends MeetingItemEnv>(c: C<E>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s } = c.var;
  const items = agendaOf(db, s.id);
  const index = items.findIndex((i) => i.id === c.var.meetingItem.id);
  return c.render(
    <ItemEditPage j={j} s={s} item={items[index]!} position={index + 1} polls={selectionPollsOf(db, s.id)}
      cycles={cyclesOf(db, j.id).map((cy) => ({ id: cy.id, year: cy.year }))} opinions={opinionChoices(db, j.id, Number(s.date.slice(0, 4)), s.id)}
      values={values} errors={errors} />,
    { title: `编辑议程事项 · ${s.title}` },
  );
}

/** A signed-off record refuses every edit the same way, well-formed or not: 409 with the agenda page and the reason. */
function itemFormPage<E extends MeetingItemEnv>(c: C<E>, values?: FormValues, errors?: FieldErrors) {
  const open = minutesCheck(c.var.db, c.var.session, 'edit');
  return open.ok ? itemPage(c, values, errors) : refused(c, open, agendaPage);
}

/** /j/:code/deliberation/meetings — the subdistrict's meetings of a year with their attendance and the practice's warnings. */
export const meetingList = new Hono<JurisdictionEnv>()
  .get('/', allow('deliberation.view'), validQuery(yearQuery), (c) => {
    const { db, jurisdiction: j } = c.var;
    const current = chinaYearOf(c.var.now());
    const year = c.req.valid('query').year ?? current;
    const rows = meetingRows(db, j.id, year);
    return c.render(
      <MeetingListPage j={j} year={year} years={meetingYears(db, j.id, current)} rows={rows}
        warnings={meetingWarningsFor(db, j.id, year).map((w) => w.text)} canManage={can(c, 'session.manage', j.id)}
        total={summarizeAttendance(rows.map((r) => ({ sessionId: r.s.id, seated: r.seated, present: r.present, held: r.s.state !== 'planned' })))} />,
      { title: `${j.name}${year}年议事代表会议` },
    );
  });

/** /j/:code/sessions/:sessionId/agenda/:itemId — one agenda item: its links, minutes and decision. */
const meetingItemRoutes = new Hono<MeetingItemEnv>()
  .get('/', allow('session.manage'), (c) => {
    // A signed-off record has nothing to edit: its agenda page shows it.
    if (!minutesCheck(c.var.db, c.var.session, 'edit').ok) return c.redirect(`${base(c)}/agenda`, 303);
    return itemPage(c);
  })
  .post('/', allow('session.manage'), validForm(itemForm, itemFormPage), (c) => {
    const input = c.req.valid('form');
    const itemId = c.var.meetingItem.id;
    const r = updateMeetingItem(c.var.db, userActor(c), c.var.session, itemId, { ...input, opinionItemIds: input.opinionItemIds.map(Number) }, c.var.now());
    if (!r.ok) return refused(c, r, itemFormPage, { ...input, pollId: input.pollId ?? '', cycleId: input.cycleId ?? '' });
    return redirectWithFlash(c, `${base(c)}/agenda#item-${itemId}`, '已保存');
  })
  .post('/up', allow('session.manage'), (c) => {
    const itemId = c.var.meetingItem.id;
    const r = moveMeetingItemUp(c.var.db, userActor(c), c.var.session, itemId, c.var.now());
    if (!r.ok) return refused(c, r, agendaPage);
    return c.redirect(`${base(c)}/agenda#item-${itemId}`, 303);
  })
  .post('/delete', allow('session.manage'), (c) => {
    const r = removeMeetingItem(c.var.db, userActor(c), c.var.session, c.var.meetingItem.id, c.var.now());
    if (!r.ok) return refused(c, r, agendaPage);
    return redirectWithFlash(c, `${base(c)}/agenda`, '已删除议程事项');
  });

/**
 * /j/:code/sessions/:sessionId/{agenda,minutes} — a deliberation meeting's agenda and minutes (纪要). A signed-off
 * record answers every change with 409; a sign-off that is not ready yet with 422.
 */
export const meetingRecord = new Hono<SessionEnv>()
  .get('/agenda', allow('session.view'), (c) => agendaPage(c))
  .post('/agenda', allow('session.manage'), validForm(addForm, agendaPage), (c) => {
    const input = c.req.valid('form');
    const s = c.var.session;
    const title = input.title || defaultItemTitle(input.kind, Number(s.date.slice(0, 4)));
    const r = addMeetingItem(c.var.db, userActor(c), s, { kind: input.kind, title }, c.var.now());
    if (!r.ok) return refused(c, r, agendaPage, input);
    return redirectWithFlash(c, `${base(c)}/agenda/${r.value.id}`, '已添加议程事项：请选择关联内容并填写纪要');
  })
  .route('/agenda/:itemId{[0-9]+}', meetingItemRoutes)
  .post('/minutes/header', allow('session.manage'), validForm(headerForm, agendaPage), (c) => {
    const input = c.req.valid('form');
    const r = saveMinutesHeader(c.var.db, userActor(c), c.var.session, input, c.var.now());
    if (!r.ok) return refused(c, r, agendaPage, input);
    return redirectWithFlash(c, `${base(c)}/agenda`, '已保存');
  })
  .post('/minutes/sign-off', allow('session.manage'), (c) => {
    const r = signOffMinutes(c.var.db, userActor(c), c.var.session, c.var.now());
    if (!r.ok) return refused(c, r, agendaPage);
    return redirectWithFlash(c, `${base(c)}/agenda`, '纪要已签发：会议决定已在街道公开页面公布');
  })
  .get('/minutes', allow('session.view'), (c) => {
    const { db, session: s } = c.var;
    return c.render(
      <MinutesPage j={c.var.jurisdiction} s={s} h={attendedCount(db, s.id)} items={agendaOf(db, s.id)} polls={selectionPollsOf(db, s.id)} minutes={header(db, s.id)} />,
      { title: `${s.title}纪要` },
    );
  });
