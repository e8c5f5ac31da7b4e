import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { SessionListPage, SessionPage } from '../../views/sessions/SessionPages';
import { RollCorrectionPage, RollHead, RollLine, RollPage, rollHref } from '../../views/sessions/RollPage';
import { Headcount } from '../../views/sessions/Headcount';
import { ResolutionPage } from '../../views/sessions/ResolutionPage';
import { ScreenLive, ScreenPage, type ScreenModel } from '../../views/sessions/ScreenPage';
import { MeetingAgendaCard } from '../../views/meetings/common';
import { OfficersCard } from '../../views/sessions/OfficerPages';
import { actorOf, allow, can, userActor } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import { turnout } from '../data/ballots';
import { createEvaluationPoll, evaluableCycles } from '../data/evaluationPolls';
import { agendaSummary, meetingWarningsFor } from '../data/meetings';
import { pollsOf, screenPoll } from '../data/pollReads';
import { createSelectionPoll, selectionBlocker } from '../data/polls';
import { createTestPoll } from '../data/testPolls';
import {
  correctionsOf, generateResolution, publicationBlockers, publishSession, recordCorrection, resolutionDraft, saveResolution,
} from '../data/publication';
import { seatedCount } from '../data/representatives';
import { officersOf } from '../data/sessionOfficers';
import { procedureOf } from '../data/votingProcedure';
import { readResult, resolutionOf, sessionOutcome } from '../data/results';
import {
  checkIn, createSession, quorumState, ROLL_FILTERS, rollOf, rollRow, rotateCheckInCode, sessionsOf, sessionYear, transitionSession, type RollFilter,
} from '../data/sessions';
import { correctionPreview, correctRoll, recordRollState, rollHistory } from '../data/roll';
import { BODY_TERMS, bodyOf } from '../domain/bodyTerms';
import { chinaDateOf, chinaYearOf, isChinaDate } from '../domain/chinaDate';
import { cyclesToEvaluate, defaultEvaluationCycle } from '../domain/evaluationPoll';
import { HALF_DAY_MINUTES, meetingMinutes } from '../domain/meetingRules';
import { phaseLabel } from '../domain/phases';
import { refuse } from '../domain/result';
import { canCheckIn } from '../domain/sessionState';
import { scrutinyShortfalls } from '../domain/sessionOfficers';
import { BALLOT_FORMS, SESSION_KINDS } from '../domain/vocabulary';
import { wantsFragment } from '../http/hall';
import { publicOrigin } from '../http/publicUrl';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { rosterHref } from '../http/subjects/roster';
import type { SessionEnv } from '../http/subjects/session';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

const optionalTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$|^$/, '时间格式为 时:分，例如 09:00');
const sessionForm = z.object({
  cycleId: z.string().regex(/^\d+$/, '请选择年度工作').transform(Number),
  kind: z.enum(SESSION_KINDS, { error: '请选择会议类型' }),
  title: trimmed(100, '请填写会议名称'),
  date: z.string().trim().refine(isChinaDate, '请填写会议日期'), // a day that exists: not 2026-02-30
  startTime: optionalTime.default(''),
  endTime: optionalTime.default(''),
  place: trimmed(100).default(''),
  agenda: trimmed(2000).default(''),
});
const stateForm = z.object({ to: z.enum(['open', 'closed'], { error: '未知的操作' }) });
const pollForm = z.object({
  title: trimmed(100, '请填写表决名称'),
  secrecy: z.enum(['secret', 'named'], { error: '请选择投票方式' }),
  // A plain POST without the field (an older page) still gets the per-item ballot it always had.
  ballotForm: z.enum(BALLOT_FORMS, { error: '请选择选票形式' }).default('perItem'),
});
const evaluationPollForm = z.object({
  cycleId: z.string().regex(/^\d{1,9}$/, '请选择测评哪一年度的项目').transform(Number),
  evaluationTitle: trimmed(100).default(''),
  secrecy: z.enum(['secret', 'named'], { error: '请选择投票方式' }),
});
const showField = z.enum(['', ...ROLL_FILTERS]).catch('');
const tickForm = z.object({ q: z.string().max(50).default(''), show: showField });
const rollStateForm = z.object({
  q: z.string().max(50).default(''), show: showField,
  to: z.enum(['leave', 'absent', 'departed'], { error: '未知的登记' }),
  reason: trimmed(200).default(''),
});
const correctionForm = z.object({ reason: trimmed(200, '请填写更正原因') });
const rollQuery = z.object({ q: z.string().trim().max(50).default(''), show: showField });
const resolutionForm = z.object({ title: trimmed(100, '请填写决议标题'), body: trimmed(10000, '请填写决议正文') });
const resolutionCorrectionForm = z.object({ text: trimmed(2000, '请填写更正内容'), reason: trimmed(500, '请填写更正原因') });

type C = Context<SessionEnv>;

const qrCache = new Map<string, string>();
async function qrFor(url: string): Promise<string> {
  let hit = qrCache.get(url);
  if (!hit) {
    hit = await QRCode.toDataURL(url, { margin: 1, width: 220 });
    qrCache.set(url, hit);
  }
  return hit;
}

const base = (c: C) => `/j/${c.var.jurisdiction.code}/sessions/${c.var.session.id}`;

async function screenModel(c: C): Promise<ScreenModel> {
  const { db, jurisdiction: j, session: s, terms } = c.var;
  const p = screenPoll(db, s.id);
  // The projector and the printed material carry the same public address (src/http/publicUrl.ts).
  const voteUrl = `${publicOrigin(c)}/j/${j.code}/vote`;
  return {
    s, terms, h: quorumState(db, s), voteUrl, qrDataUrl: await qrFor(voteUrl), poll: p,
    turnout: p?.state === 'open' ? turnout(db, p.id) : undefined,
    // Never a running tally: a result exists only once the poll is closed and counted.
    result: p && (p.state === 'closed' || p.state === 'published') ? readResult(db, p.id) : null,
  };
}

function resolutionPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, terms } = c.var;
  return c.render(
    <ResolutionPage j={j} s={s} terms={terms} year={sessionYear(db, s)} outcome={sessionOutcome(db, s.id)} draft={resolutionDraft(db, j, s)}
      blockers={publicationBlockers(db, s)} corrections={correctionsOf(db, s.id)}
      canEdit={can(c, 'session.manage', j.id)} canPublish={can(c, 'result.publish', j.id)} values={values} errors={errors} />,
    { title: `决议 · ${s.title}` },
  );
}

function listPage(c: Context<JurisdictionEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const body = bodyOf(j.kind) ?? 'congress';
  const terms = BODY_TERMS[body];
  const cycles = cyclesOf(db, j.id);
  const now = c.var.now();
  return c.render(
    <SessionListPage j={j} terms={terms} sessions={sessionsOf(db, j.id)} canManage={can(c, 'session.manage', j.id) && bodyOf(j.kind) !== null}
      cycles={cycles.map((cy) => [String(cy.id), `${cy.year}年度`])}
      defaults={{ date: chinaDateOf(now), title: `${j.name}${chinaYearOf(now)}年${terms.meeting}`, cycleId: cycles[0] && String(cycles[0].id) }}
      warnings={body === 'deliberation' ? meetingWarningsFor(db, j.id, chinaYearOf(now)).map((w) => w.text) : undefined}
      emptyRosterHref={bodyOf(j.kind) && seatedCount(db, { jurisdictionId: j.id, body }) === 0 ? rosterHref(j, body) : undefined}
      values={values} errors={errors} />,
    { title: `${j.name}${terms.meeting}` },
  );
}

/** Values and errors go back to the form they came from: the selection poll's or the evaluation poll's. */
function sessionPageFor(form: 'selection' | 'evaluation') {
  return (c: C, values?: FormValues, errors?: FieldErrors) => {
    const { db, jurisdiction: j, session: s, terms } = c.var;
    const year = sessionYear(db, s);
    const polls = pollsOf(db, s.id);
    const cycles = evaluableCycles(db, j.id);
    const toEvaluate = cyclesToEvaluate(cycles);
    // This session already holds the year's selection poll: nothing to set up, nothing to warn about.
    const hasSelection = polls.some((p) => p.kind === 'selection' && !p.isTest && p.state !== 'void');
    const officers = officersOf(db, s.id);
    return c.render(
      <SessionPage j={j} s={s} terms={terms} year={year} h={quorumState(db, s)} showCreatePoll={!hasSelection}
        // A rehearsal is offered until the real vote has started.
        showTestPoll={!polls.some((p) => !p.isTest && p.kind !== 'evaluation' && p.state !== 'draft' && p.state !== 'void')}
        polls={polls.map((p) => ({
          id: p.id, title: p.title, secrecy: p.secrecy, state: p.state, voidReason: p.voidReason, isTest: p.isTest, testSubmissions: p.testSubmissions,
          kindLabel: p.isTest ? '试投票（不计票）' : p.kind === 'runoff' ? '另行投票' : p.kind === 'further' ? '另行票决' : p.kind === 'evaluation' ? '满意度测评' : `项目${terms.vote}`,
        }))}
        canManage={can(c, 'session.manage', j.id)} canVote={can(c, 'ballot.cast', j.id)}
        pollBlocker={s.cycleId ? selectionBlocker(db, s.cycleId) : '会议未关联年度工作'}
        defaultPollTitle={`${year ?? ''}年度民生实事项目${terms.vote}`} published={resolutionOf(db, s.id)?.publishedAt != null}
        procedureAdoptedAt={s.cycleId ? procedureOf(db, s.id)?.adoptedAt ?? null : undefined}
        meeting={s.body === 'deliberation' ? <MeetingAgendaCard href={`${base(c)}/agenda`} {...agendaSummary(db, s.id)} /> : undefined}
        officers={<OfficersCard href={`${base(c)}/officers`} officers={officers} shortfalls={scrutinyShortfalls(officers)} canManage={can(c, 'session.manage', j.id)} />}
        evaluation={{
          cycles: toEvaluate.map((cy) => [String(cy.id), `${cy.year}年度（${phaseLabel(cy.phase, j.kind)}，${cy.projects} 个项目）`]),
          defaultCycleId: defaultEvaluationCycle(cycles)?.id,
          values: form === 'evaluation' ? values : undefined, errors: form === 'evaluation' ? errors : undefined,
        }}
        values={form === 'selection' ? values : undefined} errors={form === 'selection' ? errors : undefined} />,
      { title: s.title },
    );
  };
}
const sessionPage = sessionPageFor('selection');
const sessionPageEvaluation = sessionPageFor('evaluation');

function rollPage(c: C, q: string, show: RollFilter | '', error?: string) {
  const { db, jurisdiction: j, session: s, terms } = c.var;
  return c.render(
    <RollPage j={j} s={s} terms={terms} h={quorumState(db, s)} rows={rollOf(db, s.id, q, show)} q={q} show={show} canTick={canCheckIn(s.state)} error={error} />,
    { title: `签到点名 · ${s.title}` },
  );
}

function correctionPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s } = c.var;
  const repId = Number(c.req.param('repId'));
  const row = rollRow(db, s.id, repId);
  if (!row) return c.body(null, 404);
  const preview = correctionPreview(db, s.id, repId);
  if (!preview) return c.redirect(`${base(c)}/roll#rep-${repId}`, 303);
  return c.render(
    <RollCorrectionPage j={j} s={s} r={row} history={rollHistory(db, s.id, repId)} after={preview.after} voted={preview.voted} values={values} errors={errors} />,
    { title: `更正签到记录 · ${row.name}` },
  );
}

/** After a roll change: the line and the counts for htmx, else back to the same search and filter. */
function afterRollChange(c: C, repId: number, q: string, show: RollFilter | '', r: { ok: true } | { ok: false; error: string }) {
  const { db, session: s, terms } = c.var;
  if (wantsFragment(c)) {
    const row = rollRow(db, s.id, repId);
    if (!row) return c.body(null, 404);
    // The line swaps in place; the counts above the list follow out of band.
    return c.html(
      <>
        <RollLine base={base(c)} r={row} q={q} show={show} canTick={canCheckIn(s.state)} />
        <RollHead h={quorumState(db, s)} terms={terms} oob />
        <div id="roll-error" hx-swap-oob="true">{!r.ok && <p class="error banner" role="alert">{r.error}</p>}</div>
      </>,
      r.ok ? 200 : 422,
    );
  }
  if (!r.ok) {
    c.status(422);
    return rollPage(c, q, show, r.error);
  }
  return c.redirect(`${rollHref(base(c), q, show)}#rep-${repId}`, 303);
}

/** /j/:code/sessions — the jurisdiction's congress sessions or deliberation meetings. */
export const sessions = new Hono<JurisdictionEnv>()
  .get('/', allow('session.view'), (c) => listPage(c))
  .post('/', allow('session.manage'), validForm(sessionForm, listPage), (c) => {
    const input = c.req.valid('form');
    const r = createSession(c.var.db, userActor(c), c.var.jurisdiction, input, c.var.now());
    if (!r.ok) return refused(c, r, listPage, input);
    const minutes = meetingMinutes(input.startTime, input.endTime);
    // Half a day is the practice for deliberation meetings (seed 004): a warning, never a refusal.
    const short = r.value.body === 'deliberation' && minutes !== null && minutes < HALF_DAY_MINUTES;
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/sessions/${r.value.id}`, `已创建会议，代表名册已按当前在册名单生成${short ? '。请注意：会期不足半天' : ''}`);
  });

/** /j/:code/sessions/:sessionId — one session: its page, roll, polls, projector, resolution. */
export const session = new Hono<SessionEnv>()
  .get('/', allow('session.view'), (c) => sessionPage(c))
  .post('/state', allow('session.manage'), validForm(stateForm, (c: C) => sessionPage(c, undefined, { _form: '未知的操作' })), (c) => {
    const { to } = c.req.valid('form');
    const r = transitionSession(c.var.db, actorOf(c), c.var.session, to, c.var.now());
    if (!r.ok) return refused(c, r, sessionPage);
    return redirectWithFlash(c, base(c), to === 'open' ? '会议已开始，可以签到' : '已闭会');
  })
  .post('/polls', allow('poll.manage'), validForm(pollForm, sessionPage), (c) => {
    const input = c.req.valid('form');
    const r = createSelectionPoll(c.var.db, actorOf(c), c.var.session, input, c.var.now());
    if (!r.ok) return refused(c, r, sessionPage, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/polls/${r.value.id}`, '已创建表决。出席达到法定人数后即可开始表决。');
  })
  .post('/polls/test', allow('poll.manage'), (c) => {
    const r = createTestPoll(c.var.db, actorOf(c), c.var.session, c.var.now());
    if (!r.ok) return refused(c, r, sessionPage);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/polls/${r.value.id}`, '已创建试投票：不计票、不公布，结束时选票全部销毁');
  })
  .post('/checkin-code', allow('session.manage'), (c) => {
    const r = rotateCheckInCode(c.var.db, actorOf(c), c.var.session, c.var.now());
    if (!r.ok) return refused(c, r, sessionPage);
    return redirectWithFlash(c, base(c), `签到码已更换为 ${r.value.checkInCode}，原签到码即时失效`);
  })
  .post('/polls/evaluation', allow('poll.manage'), validForm(evaluationPollForm, sessionPageEvaluation), (c) => {
    const input = c.req.valid('form');
    const r = createEvaluationPoll(c.var.db, actorOf(c), c.var.session, { title: input.evaluationTitle, secrecy: input.secrecy, cycleId: input.cycleId }, c.var.now());
    if (!r.ok) return refused(c, r, sessionPageEvaluation, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/polls/${r.value.id}`, '已创建满意度测评。出席达到法定人数后即可开始测评。');
  })
  .get('/roll', allow('session.checkIn'), validQuery(rollQuery), (c) => rollPage(c, c.req.valid('query').q, c.req.valid('query').show))
  .get('/roll/head', allow('session.checkIn'), (c) => {
    if (!wantsFragment(c)) return c.redirect(`${base(c)}/roll`, 303);
    return c.html(<RollHead h={quorumState(c.var.db, c.var.session)} terms={c.var.terms} />);
  })
  .get('/roll/headcount', allow('session.checkIn'), (c) => {
    if (!wantsFragment(c)) return c.redirect(`${base(c)}/roll`, 303);
    return c.html(<Headcount h={quorumState(c.var.db, c.var.session)} terms={c.var.terms} id="headcount" />);
  })
  // An arrival: 出席, or 返场 after a departure.
  .post('/roll/:repId{[0-9]+}', allow('session.checkIn'), validForm(tickForm, (c: C) => rollPage(c, '', '')), (c) => {
    const repId = Number(c.req.param('repId'));
    const { q, show } = c.req.valid('form');
    const r = checkIn(c.var.db, actorOf(c), c.var.session, repId, userActor(c).id, c.var.now());
    return afterRollChange(c, repId, q, show, r);
  })
  .post('/roll/:repId{[0-9]+}/state', allow('session.checkIn'), validForm(rollStateForm, (c: C) => rollPage(c, '', '', '未知的登记')), (c) => {
    const repId = Number(c.req.param('repId'));
    const { q, show, to, reason } = c.req.valid('form');
    const r = recordRollState(c.var.db, actorOf(c), c.var.session, repId, to, reason, userActor(c).id, c.var.now());
    return afterRollChange(c, repId, q, show, r);
  })
  .get('/roll/:repId{[0-9]+}/correct', allow('session.checkIn'), (c) => correctionPage(c))
  .post('/roll/:repId{[0-9]+}/correct', allow('session.checkIn'), validForm(correctionForm, correctionPage), (c) => {
    const repId = Number(c.req.param('repId'));
    const input = c.req.valid('form');
    const r = correctRoll(c.var.db, actorOf(c), c.var.session, repId, input.reason, c.var.now());
    if (!r.ok) return refused(c, r, correctionPage, input);
    return redirectWithFlash(c, `${base(c)}/roll#rep-${repId}`,
      r.value.kind === 'depart' ? '已更正：该代表已参加表决，登记为离场，投票记录保留' : '已更正签到记录');
  })
  .get('/screen', allow('session.manage'), async (c) => {
    const m = await screenModel(c);
    return c.render(<ScreenPage m={m} href={`${base(c)}/screen/live`} back={base(c)} />, { title: `大屏 · ${m.s.title}` });
  })
  .get('/screen/live', allow('session.manage'), async (c) => {
    if (!wantsFragment(c)) return c.redirect(`${base(c)}/screen`, 303);
    return c.html(<ScreenLive m={await screenModel(c)} href={`${base(c)}/screen/live`} />);
  })
  .get('/resolution', allow('session.view'), (c) => resolutionPage(c))
  .post('/resolution', allow('session.manage'), validForm(resolutionForm, resolutionPage), (c) => {
    const input = c.req.valid('form');
    const r = saveResolution(c.var.db, actorOf(c), c.var.session, input, c.var.now());
    if (!r.ok) return refused(c, r, resolutionPage, input);
    return redirectWithFlash(c, `${base(c)}/resolution`, '决议草案已保存');
  })
  .post('/resolution/regenerate', allow('session.manage'), (c) => {
    const { db, jurisdiction: j, session: s } = c.var;
    const draft = generateResolution(db, j, s);
    const r = draft ? saveResolution(db, actorOf(c), s, draft, c.var.now()) : refuse('还没有可用的表决结果');
    if (!r.ok) return refused(c, r, resolutionPage);
    return redirectWithFlash(c, `${base(c)}/resolution`, '已按最新结果重新生成决议草案');
  })
  .post('/publish', allow('result.publish'), (c) => {
    const r = publishSession(c.var.db, userActor(c), c.var.jurisdiction, c.var.session, c.var.now());
    if (!r.ok) return refused(c, r, resolutionPage);
    return redirectWithFlash(c, `${base(c)}/resolution`, `结果和决议已公布，${r.value.projects} 个项目列为本年度民生实事项目`);
  })
  .post('/corrections', allow('result.publish'), validForm(resolutionCorrectionForm, resolutionPage), (c) => {
    const input = c.req.valid('form');
    const r = recordCorrection(c.var.db, actorOf(c), c.var.session, input, c.var.now());
    if (!r.ok) return refused(c, r, resolutionPage, input);
    return redirectWithFlash(c, `${base(c)}/resolution`, '更正说明已发布');
  });
