import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { RollPage, RollRow, SessionListPage, SessionPage } from '../../views/sessions/SessionPages';
import { Headcount } from '../../views/sessions/Headcount';
import { ResolutionPage } from '../../views/sessions/ResolutionPage';
import { ScreenLive, ScreenPage, type ScreenModel } from '../../views/sessions/ScreenPage';
import { chinaYearOf, chinaDateOf } from '../domain/chinaDate';
import { actorOf, authorize, can, jurisdictionParam } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import { turnout } from '../data/ballots';
import { createEvaluationPoll, evaluableCycles } from '../data/evaluationPolls';
import { createSelectionPoll, pollsOf, screenPoll, selectionBlocker } from '../data/polls';
import {
  correctionsOf, generateResolution, publicationBlockers, publishSession, recordCorrection, resolutionDraft, saveResolution,
} from '../data/publication';
import { readResult, resolutionOf, sessionOutcome } from '../data/results';
import {
  checkIn, createSession, quorumState, rollOf, rollRow, sessionsOf, sessionYear, transitionSession, undoCheckIn,
} from '../data/sessions';
import { BODY_TERMS, bodyOf } from '../domain/bodyTerms';
import { SESSION_KINDS } from '../domain/vocabulary';
import { canCheckIn } from '../domain/sessionState';
import { cyclesToEvaluate, defaultEvaluationCycle } from '../domain/evaluationPoll';
import { phaseLabel } from '../domain/phases';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { hallBaseUrl, sessionParam, wantsFragment } from './votingContext';
import { MeetingAgendaCard } from '../../views/meetings/common';
import { agendaSummary, meetingWarningsFor } from '../data/meetings';
import { HALF_DAY_MINUTES, meetingMinutes } from '../domain/meetingRules';

const optionalTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$|^$/, '时间格式为 时:分，例如 09:00');
const sessionForm = z.object({
  cycleId: z.string().regex(/^\d+$/, '请选择年度工作').transform(Number),
  kind: z.enum(SESSION_KINDS, { error: '请选择会议类型' }),
  title: trimmed(100, '请填写会议名称'),
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写会议日期'),
  startTime: optionalTime.default(''),
  endTime: optionalTime.default(''),
  place: trimmed(100).default(''),
  agenda: trimmed(2000).default(''),
});
const stateForm = z.object({ to: z.enum(['open', 'closed'], { error: '未知的操作' }) });
const pollForm = z.object({
  title: trimmed(100, '请填写表决名称'),
  secrecy: z.enum(['secret', 'named'], { error: '请选择投票方式' }),
});
const evaluationPollForm = z.object({
  cycleId: z.string().regex(/^\d{1,9}$/, '请选择测评哪一年度的项目').transform(Number),
  evaluationTitle: trimmed(100).default(''),
  secrecy: z.enum(['secret', 'named'], { error: '请选择投票方式' }),
});
const tickForm = z.object({ q: z.string().max(50).default(''), undo: z.string().max(1).default('') });
const rollQuery = z.object({ q: z.string().trim().max(50).default('') });
const resolutionForm = z.object({ title: trimmed(100, '请填写决议标题'), body: trimmed(10000, '请填写决议正文') });
const correctionForm = z.object({ text: trimmed(2000, '请填写更正内容'), reason: trimmed(500, '请填写更正原因') });

const qrCache = new Map<string, string>();
async function qrFor(url: string): Promise<string> {
  let hit = qrCache.get(url);
  if (!hit) {
    hit = await QRCode.toDataURL(url, { margin: 1, width: 220 });
    qrCache.set(url, hit);
  }
  return hit;
}

async function screenModel(c: Context<AppEnv>): Promise<ScreenModel> {
  const { j, s, terms } = sessionParam(c, 'session.manage');
  const db = c.get('db');
  const p = screenPoll(db, s.id);
  const voteUrl = `${hallBaseUrl(c)}/j/${j.code}/vote`;
  return {
    s, terms, h: quorumState(db, s), voteUrl, qrDataUrl: await qrFor(voteUrl), poll: p,
    turnout: p?.state === 'open' ? turnout(db, p.id) : undefined,
    // Never a running tally: a result exists only once the poll is closed and counted.
    result: p && (p.state === 'closed' || p.state === 'published') ? readResult(db, p.id) : null,
  };
}

function resolutionPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const { j, s, terms } = sessionParam(c, 'session.view');
  const db = c.get('db');
  return c.render(
    <ResolutionPage j={j} s={s} terms={terms} year={sessionYear(db, s)} outcome={sessionOutcome(db, s.id)} draft={resolutionDraft(db, j, s)}
      blockers={publicationBlockers(db, s)} corrections={correctionsOf(db, s.id)}
      canEdit={can(c, 'session.manage', j.id)} canPublish={can(c, 'result.publish', j.id)} values={values} errors={errors} />,
    { title: `决议 · ${s.title}` },
  );
}

function listPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = jurisdictionParam(c);
  authorize(c, 'session.view', j.id);
  const db = c.get('db');
  const body = bodyOf(j.kind) ?? 'congress';
  const terms = BODY_TERMS[body];
  const cycles = cyclesOf(db, j.id);
  const now = c.get('now')();
  return c.render(
    <SessionListPage j={j} terms={terms} sessions={sessionsOf(db, j.id)} canManage={can(c, 'session.manage', j.id) && bodyOf(j.kind) !== null}
      cycles={cycles.map((cy) => [String(cy.id), `${cy.year}年度`])}
      defaults={{ date: chinaDateOf(now), title: `${j.name}${chinaYearOf(now)}年${terms.meeting}`, cycleId: cycles[0] && String(cycles[0].id) }}
      warnings={body === 'deliberation' ? meetingWarningsFor(db, j.id, chinaYearOf(now)).map((w) => w.text) : undefined}
      values={values} errors={errors} />,
    { title: `${j.name}${terms.meeting}` },
  );
}

/** Values and errors go back to the form they came from: the selection poll's or the evaluation poll's. */
type SessionForm = 'selection' | 'evaluation';

function sessionPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors, form: SessionForm = 'selection') {
  const { j, s, terms } = sessionParam(c, 'session.view');
  const db = c.get('db');
  const year = sessionYear(db, s);
  const polls = pollsOf(db, s.id);
  const cycles = evaluableCycles(db, j.id);
  const toEvaluate = cyclesToEvaluate(cycles);
  // This session already holds the year's selection poll: nothing to set up, nothing to warn about.
  const hasSelection = polls.some((p) => p.kind === 'selection' && p.state !== 'void');
  return c.render(
    <SessionPage j={j} s={s} terms={terms} year={year} h={quorumState(db, s)} showCreatePoll={!hasSelection}
      polls={polls.map((p) => ({
        id: p.id, title: p.title, secrecy: p.secrecy, state: p.state, voidReason: p.voidReason,
        kindLabel: p.kind === 'runoff' ? '另行投票' : p.kind === 'evaluation' ? '满意度测评' : `项目${terms.vote}`,
      }))}
      canManage={can(c, 'session.manage', j.id)} canVote={can(c, 'ballot.cast', j.id)}
      pollBlocker={s.cycleId ? selectionBlocker(db, s.cycleId) : '会议未关联年度工作'}
      defaultPollTitle={`${year ?? ''}年度民生实事项目${terms.vote}`} published={resolutionOf(db, s.id)?.publishedAt != null}
      meeting={s.body === 'deliberation' ? <MeetingAgendaCard href={`/j/${j.code}/sessions/${s.id}/agenda`} {...agendaSummary(db, s.id)} /> : undefined}
      evaluation={{
        cycles: toEvaluate.map((cy) => [String(cy.id), `${cy.year}年度（${phaseLabel(cy.phase, j.kind)}，${cy.projects} 个项目）`]),
        defaultCycleId: defaultEvaluationCycle(cycles)?.id,
        values: form === 'evaluation' ? values : undefined, errors: form === 'evaluation' ? errors : undefined,
      }}
      values={form === 'selection' ? values : undefined} errors={form === 'selection' ? errors : undefined} />,
    { title: s.title },
  );
}

function rollPage(c: Context<AppEnv>, q: string, error?: string) {
  const { j, s, terms } = sessionParam(c, 'session.checkIn');
  const db = c.get('db');
  return c.render(
    <RollPage j={j} s={s} terms={terms} h={quorumState(db, s)} rows={rollOf(db, s.id, q)} q={q} canTick={canCheckIn(s.state)} error={error} />,
    { title: `签到点名 · ${s.title}` },
  );
}

export const sessions = new Hono<AppEnv>()
  .get('/j/:code/sessions', (c) => listPage(c))
  .post('/j/:code/sessions',
    validForm(sessionForm, (c, values, errors) => {
      authorize(c, 'session.manage', jurisdictionParam(c).id);
      return listPage(c, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      const me = authorize(c, 'session.manage', j.id);
      const input = c.req.valid('form');
      const result = createSession(c.get('db'), { ...actorOf(c), id: me.id }, j, input, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return listPage(c, { ...input, cycleId: String(input.cycleId) }, { [result.field]: result.error });
      }
      const minutes = meetingMinutes(input.startTime, input.endTime);
      // Half a day is the practice for deliberation meetings (seed 004): a warning, never a refusal.
      const short = result.value.body === 'deliberation' && minutes !== null && minutes < HALF_DAY_MINUTES;
      flash(c, `已创建会议，代表名册已按当前在册名单生成${short ? '。请注意：会期不足半天' : ''}`);
      return c.redirect(`/j/${j.code}/sessions/${result.value.id}`, 303);
    })
  .get('/j/:code/sessions/:id{[0-9]+}', (c) => sessionPage(c))
  .post('/j/:code/sessions/:id{[0-9]+}/state',
    validForm(stateForm, (c) => sessionPage(c, undefined, { _form: '未知的操作' })),
    (c) => {
      const { j, s } = sessionParam(c, 'session.manage');
      const { to } = c.req.valid('form');
      const result = transitionSession(c.get('db'), actorOf(c), s, to, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return sessionPage(c, undefined, { _form: result.error });
      }
      flash(c, to === 'open' ? '会议已开始，可以签到' : '已闭会');
      return c.redirect(`/j/${j.code}/sessions/${s.id}`, 303);
    })
  .post('/j/:code/sessions/:id{[0-9]+}/polls',
    validForm(pollForm, (c, values, errors) => {
      sessionParam(c, 'poll.manage');
      return sessionPage(c, values, errors);
    }),
    (c) => {
      const { j, s } = sessionParam(c, 'poll.manage');
      const input = c.req.valid('form');
      const result = createSelectionPoll(c.get('db'), actorOf(c), s, input, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return sessionPage(c, input, { [result.field]: result.error });
      }
      flash(c, '已创建表决。出席达到法定人数后即可开始表决。');
      return c.redirect(`/j/${j.code}/polls/${result.value.id}`, 303);
    })
  .post('/j/:code/sessions/:id{[0-9]+}/polls/evaluation',
    validForm(evaluationPollForm, (c, values, errors) => {
      sessionParam(c, 'poll.manage');
      return sessionPage(c, values, errors, 'evaluation');
    }),
    (c) => {
      const { j, s } = sessionParam(c, 'poll.manage');
      const input = c.req.valid('form');
      const result = createEvaluationPoll(c.get('db'), actorOf(c), s, { title: input.evaluationTitle, secrecy: input.secrecy, cycleId: input.cycleId }, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return sessionPage(c, { ...input, cycleId: String(input.cycleId) }, { [result.field]: result.error }, 'evaluation');
      }
      flash(c, '已创建满意度测评。出席达到法定人数后即可开始测评。');
      return c.redirect(`/j/${j.code}/polls/${result.value.id}`, 303);
    })
  .get('/j/:code/sessions/:id{[0-9]+}/roll', validQuery(rollQuery), (c) => rollPage(c, c.req.valid('query').q))
  .post('/j/:code/sessions/:id{[0-9]+}/roll/:repId{[0-9]+}', validForm(tickForm, (c) => rollPage(c, '')), (c) => {
    const { j, s, terms, me } = sessionParam(c, 'session.checkIn');
    const db = c.get('db');
    const repId = Number(c.req.param('repId'));
    const { q, undo } = c.req.valid('form');
    const now = c.get('now')();
    const result = undo === '1' ? undoCheckIn(db, actorOf(c), s, repId, now) : checkIn(db, actorOf(c), s, repId, me.id, now);
    if (wantsFragment(c)) {
      const row = rollRow(db, s.id, repId);
      if (!row) return c.body(null, 404);
      const base = `/j/${j.code}/sessions/${s.id}`;
      // The row swaps in place; the headcount above the list follows out of band.
      return c.html(
        <>
          <RollRow base={base} r={row} q={q} canTick={canCheckIn(s.state)} />
          <Headcount h={quorumState(db, s)} terms={terms} id="headcount" oob />
          <div id="roll-error" hx-swap-oob="true">{!result.ok && <p class="error banner" role="alert">{result.error}</p>}</div>
        </>,
        result.ok ? 200 : 422,
      );
    }
    if (!result.ok) {
      c.status(422);
      return rollPage(c, q, result.error);
    }
    return c.redirect(`/j/${j.code}/sessions/${s.id}/roll${q ? `?q=${encodeURIComponent(q)}` : ''}#rep-${repId}`, 303);
  })
  .get('/j/:code/sessions/:id{[0-9]+}/screen', async (c) => {
    const m = await screenModel(c);
    const base = `/j/${c.req.param('code')}/sessions/${m.s.id}`;
    return c.render(<ScreenPage m={m} href={`${base}/screen/live`} back={base} />, { title: `大屏 · ${m.s.title}` });
  })
  .get('/j/:code/sessions/:id{[0-9]+}/screen/live', async (c) => {
    const m = await screenModel(c);
    const base = `/j/${c.req.param('code')}/sessions/${m.s.id}`;
    if (!wantsFragment(c)) return c.redirect(`${base}/screen`, 303);
    return c.html(<ScreenLive m={m} href={`${base}/screen/live`} />);
  })
  .get('/j/:code/sessions/:id{[0-9]+}/resolution', (c) => resolutionPage(c))
  .post('/j/:code/sessions/:id{[0-9]+}/resolution',
    validForm(resolutionForm, (c, values, errors) => {
      sessionParam(c, 'session.manage');
      return resolutionPage(c, values, errors);
    }),
    (c) => {
      const { j, s } = sessionParam(c, 'session.manage');
      const input = c.req.valid('form');
      const result = saveResolution(c.get('db'), actorOf(c), s, input, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return resolutionPage(c, input, { [result.field]: result.error });
      }
      flash(c, '决议草案已保存');
      return c.redirect(`/j/${j.code}/sessions/${s.id}/resolution`, 303);
    })
  .post('/j/:code/sessions/:id{[0-9]+}/resolution/regenerate', (c) => {
    const { j, s } = sessionParam(c, 'session.manage');
    const db = c.get('db');
    const draft = generateResolution(db, j, s);
    const result = draft ? saveResolution(db, actorOf(c), s, draft, c.get('now')()) : { ok: false as const, field: '_form', error: '还没有可用的表决结果' };
    if (!result.ok) {
      c.status(422);
      return resolutionPage(c, undefined, { _form: result.error });
    }
    flash(c, '已按最新结果重新生成决议草案');
    return c.redirect(`/j/${j.code}/sessions/${s.id}/resolution`, 303);
  })
  .post('/j/:code/sessions/:id{[0-9]+}/publish', (c) => {
    const { j, s, me } = sessionParam(c, 'result.publish');
    const result = publishSession(c.get('db'), { ...actorOf(c), id: me.id }, j, s, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return resolutionPage(c, undefined, { _form: result.error });
    }
    flash(c, `结果和决议已公布，${result.value.projects} 个项目列为本年度民生实事项目`);
    return c.redirect(`/j/${j.code}/sessions/${s.id}/resolution`, 303);
  })
  .post('/j/:code/sessions/:id{[0-9]+}/corrections',
    validForm(correctionForm, (c, values, errors) => {
      sessionParam(c, 'result.publish');
      return resolutionPage(c, values, errors);
    }),
    (c) => {
      const { j, s } = sessionParam(c, 'result.publish');
      const input = c.req.valid('form');
      const result = recordCorrection(c.get('db'), actorOf(c), s, input, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return resolutionPage(c, input, { [result.field]: result.error });
      }
      flash(c, '更正说明已发布');
      return c.redirect(`/j/${j.code}/sessions/${s.id}/resolution`, 303);
    });
