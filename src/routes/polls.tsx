import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SlipsPage, UnsealPage } from '../../views/polls/BallotBoxPages';
import { PaperPage, PrintBallotsPage } from '../../views/polls/PaperPages';
import { PollPage, Turnout } from '../../views/polls/PollPage';
import { ResultSheet, type ChainRow } from '../../views/polls/ResultSheet';
import { PublicResultsPage } from '../../views/polls/PublicResults';
import { actorOf, allow, can, userActor } from '../auth/authorize';
import { allowOfficer, isOfficerHere } from '../auth/officers';
import { namedBallotsOf, turnout } from '../data/ballots';
import { boxOf, isSealed, SCRUB_FAILED, scrubAfterBoxOffLoop } from '../data/ballotBox';
import { unsealPollOffLoop } from '../data/unseal';
import { evaluatedCycleOf, publishEvaluationPoll } from '../data/evaluationPolls';
import {
  discardPaperSerial, enterPaperBallot, finishPaperCountOffLoop, issuePaperBallots, paperState, presentWithoutBallot, printedCount,
} from '../data/paper';
import { optionsOf, pollById, runoffOf } from '../data/pollReads';
import { closePollOffLoop, createRunoff, openPollOffLoop, voidPoll } from '../data/polls';
import { chainPlan, createFurtherPoll } from '../data/furtherPolls';
import { correctionsOf } from '../data/publication';
import { publishedSessions, readResult, sessionOutcome } from '../data/results';
import { quorumState } from '../data/sessions';
import { procedureCitation, procedureOf } from '../data/votingProcedure';
import { markFieldsShape, marksOf } from '../domain/ballot';
import type { BallotForm } from '../domain/vocabulary';
import { refuse } from '../domain/result';
import { BODY_TERMS, bodyOf } from '../domain/bodyTerms';
import type { PollKind } from '../domain/choices';
import { ALL_OFFICER_ROLES } from '../domain/sessionOfficers';
import { stepLeftover } from '../domain/shortfall';
import { wantsFragment } from '../http/hall';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import type { PollEnv } from '../http/subjects/session';
import { readForm, trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';

const voidForm = z.object({ reason: trimmed(500, '作废必须写明原因') });
const repIds = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : [v].flat()))
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, '请勾选领取纸质选票的代表').transform(Number)));
const issueForm = z.object({ rep: repIds, all: z.literal('1').optional() });
const discardForm = z.object({ serial: z.string().regex(/^\d{1,7}$/, '编号有误') });
const unsealForm = z.object({ slipA: z.string().max(60, '开箱码过长').default(''), slipB: z.string().max(60, '开箱码过长').default('') });

/**
 * The one guard of the 开箱 routes: the session's own 总监票人/监票人, or the clerk (poll.unseal). Either way the
 * slips themselves are what only the scrutineers hold.
 */
const unsealGuard = allowOfficer(['chiefScrutineer', 'scrutineer'], 'poll.unseal');

/** A flash line that never hides a log that could not be scrubbed. */
const withScrub = (message: string, scrub: { completed: boolean } | null) => (scrub && !scrub.completed ? `${message}。${SCRUB_FAILED}` : message);

/** One returned paper ballot as a teller types it: its serial, its marks (this poll's options), or why it is invalid. */
function entryForm(kind: PollKind, optionIds: readonly number[], form: BallotForm = 'perItem') {
  return z.object({
    serial: z.string().max(20).default(''),
    invalid: z.literal('1', { error: '无效票选项有误' }).optional(),
    invalidReason: trimmed(100).default(''),
    // A 勾选 line is one box: it cannot be marked twice, so only per-item lines may be recorded as 多划.
    ...markFieldsShape(kind, optionIds, form !== 'tick', form),
  }).transform((f) => ({
    serial: f.serial, invalid: f.invalid === '1', invalidReason: f.invalidReason, marks: marksOf(kind, optionIds, f as Record<string, string>, form),
  }));
}

type C = Context<PollEnv>;

const base = (c: C) => `/j/${c.var.jurisdiction.code}/polls/${c.var.poll.id}`;

function pollPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, poll: p, terms } = c.var;
  const result = p.state === 'closed' || p.state === 'published' ? readResult(db, p.id) : null;
  // The live figures only while they are shown: a counted poll's page reads its stored result, not the roll again.
  const h = p.state === 'draft' || p.state === 'open' || (p.state === 'closed' && !result) ? quorumState(db, s) : undefined;
  const box = boxOf(db, p.id);
  return c.render(
    <PollPage j={j} s={s} p={p} terms={terms} options={optionsOf(db, p.id)} h={h} turnout={h && p.state !== 'draft' ? { ...turnout(db, p.id), present: h.present } : undefined}
      box={box && { sealed: isSealed(box), paperCounted: box.paperCountedAt !== null }} canUnseal={can(c, 'poll.unseal', j.id) || isOfficerHere(c, ['chiefScrutineer', 'scrutineer'])}
      result={result}
      runoff={runoffOf(db, p.id)} parent={p.parentPollId ? pollById(db, p.parentPollId) : undefined} further={furtherModel(c)}
      evaluatedYear={p.kind === 'evaluation' ? evaluatedCycleOf(db, p.id)?.year : undefined} canPublish={can(c, 'result.publish', j.id)}
      procedureAdoptedAt={p.kind === 'evaluation' ? undefined : procedureOf(db, s.id)?.adoptedAt ?? null}
      canManage={can(c, 'poll.manage', j.id)} canTally={canTally(c)} values={values} errors={errors} />,
    { title: p.title },
  );
}

/** The clerk, or a 计票人 of this poll's session. */
const canTally = (c: C) => can(c, 'poll.tally', c.var.jurisdiction.id) || isOfficerHere(c, ['teller']);

function furtherModel(c: C) {
  const plan = chainPlan(c.var.db, c.var.poll);
  return plan ? { places: plan.places, candidates: plan.candidates.length, allowed: plan.steps.further } : undefined;
}

/** The chain the poll belongs to, for its sheet: each counted poll with what it adopted and what it left. */
function chainRows(db: C['var']['db'], p: C['var']['poll']): ChainRow[] | undefined {
  const outcome = p.kind === 'evaluation' ? null : sessionOutcome(db, p.sessionId);
  if (!outcome || !outcome.polls.some((x) => x.poll.id === p.id)) return undefined;
  return outcome.polls.map(({ poll: x }, i) => {
    const st = outcome.steps[i]!;
    return { pollId: x.id, kind: st.kind, title: x.title, seatsToFill: st.seatsToFill, candidates: st.candidates, adopted: st.adopted, left: stepLeftover(st) };
  });
}

function paperPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, poll: p, terms } = c.var;
  return c.render(
    <PaperPage j={j} s={s} p={p} terms={terms} options={optionsOf(db, p.id)} state={paperState(db, p)}
      toIssue={p.state === 'open' ? presentWithoutBallot(db, p) : []} canManage={can(c, 'poll.manage', j.id)} canTally={canTally(c)}
      tellerId={userActor(c).id} values={values} errors={errors} />,
    { title: `纸质选票 · ${p.title}` },
  );
}

function unsealPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, session: s, poll: p } = c.var;
  if (!isSealed(boxOf(db, p.id))) return redirectWithFlash(c, base(c), p.secrecy === 'named' ? '记名表决没有电子票箱' : '电子票箱已经打开或不存在');
  if (p.state !== 'closed') return redirectWithFlash(c, base(c), '表决结束后才能开箱');
  return c.render(<UnsealPage j={j} s={s} p={p} paperPending={p.paperBallotsIssued > 0 && boxOf(db, p.id)?.paperCountedAt == null}
    values={values} errors={errors} />, { title: `开箱 · ${p.title}` });
}

/** /j/:code/polls/:pollId — one poll: open, close, void, runoff, result sheet, and its paper ballots. */
export const polls = new Hono<PollEnv>()
  .get('/', allowOfficer(ALL_OFFICER_ROLES, 'session.view'), (c) => pollPage(c))
  .get('/turnout', allow('session.view'), (c) => {
    const { db, session: s, poll: p } = c.var;
    // Once the poll is no longer open the fragment asks for the whole page, which then shows the result.
    if (p.state !== 'open') {
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    if (!wantsFragment(c)) return c.redirect(base(c), 303);
    return c.html(<Turnout t={{ ...turnout(db, p.id), present: quorumState(db, s).present }} href={`${base(c)}/turnout`} />);
  })
  .post('/open', allow('poll.manage'), async (c) => {
    const r = await openPollOffLoop(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, pollPage);
    if (r.value.slips.length === 0) return redirectWithFlash(c, base(c), r.value.isTest ? '试投票已开始（不计票），请代表在手机上试投' : '表决已开始，代表可以在手机上投票');
    // The slips exist only in this response: never cached, never stored.
    c.header('Cache-Control', 'no-store');
    const { jurisdiction: j, session: s } = c.var;
    return c.render(<SlipsPage j={j} s={s} p={r.value} slips={r.value.slips} />, { title: `开箱码纸条 · ${r.value.title}` });
  })
  .post('/close', allow('poll.manage'), async (c) => {
    const r = await closePollOffLoop(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, pollPage);
    if (r.value.isTest) return redirectWithFlash(c, base(c), `试投票已结束：${r.value.testSubmissions ?? 0} 部手机提交了选票，选票已全部销毁`);
    const sealed = isSealed(boxOf(c.var.db, r.value.id));
    return redirectWithFlash(c, base(c), sealed ? `表决已结束，请两位监票人输入开箱码开箱${r.value.paperBallotsIssued > 0 ? '，计票人录入纸质选票' : ''}`
      : r.value.paperBallotsIssued > 0 ? '表决已结束，请计票人录入纸质选票' : '表决已结束，结果已产生');
  })
  .get('/unseal', unsealGuard, (c) => unsealPage(c))
  .post('/unseal', unsealGuard, validForm(unsealForm, unsealPage), async (c) => {
    const input = c.req.valid('form');
    const r = await unsealPollOffLoop(c.var.db, actorOf(c), c.var.poll, [input.slipA, input.slipB], c.var.now());
    if (!r.ok) return refused(c, r, unsealPage, input);
    const { ballots, counted, scrub } = r.value;
    return redirectWithFlash(c, base(c), withScrub(`票箱已打开：电子选票 ${ballots} 张${counted ? '，结果已产生' : '；纸质选票计票完成后产生结果'}`, scrub));
  })
  .post('/box/scrub', unsealGuard, async (c) => {
    const { db, jurisdiction: j, poll: p } = c.var;
    const scrub = await scrubAfterBoxOffLoop(db, actorOf(c), { pollId: p.id, jurisdictionId: j.id }, c.var.now());
    return redirectWithFlash(c, base(c), withScrub('数据库日志已清空', scrub));
  })
  .post('/void', allow('poll.manage'), validForm(voidForm, pollPage), (c) => {
    const input = c.req.valid('form');
    const r = voidPoll(c.var.db, actorOf(c), c.var.poll, input.reason, c.var.now());
    if (!r.ok) return refused(c, r, pollPage, input);
    return redirectWithFlash(c, base(c), withScrub(r.value.scrub ? '本轮表决已作废，电子票箱的密钥和选票已销毁' : '本轮表决已作废', r.value.scrub));
  })
  .post('/runoff', allow('poll.manage'), (c) => {
    const r = createRunoff(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, pollPage);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/polls/${r.value.id}`, '已创建另行投票，候选为得票相同的项目');
  })
  .post('/further', allow('poll.manage'), (c) => {
    const r = createFurtherPoll(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, pollPage);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/polls/${r.value.id}`, '已创建另行票决，候选为其余项目，按第一轮顺序排列');
  })
  .post('/publish', allow('result.publish'), (c) => {
    const r = publishEvaluationPoll(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, pollPage);
    const { year, marked } = r.value;
    return redirectWithFlash(c, base(c), `测评结果已公布，${year} 年度各项目页面显示满意率${marked ? `；${marked} 个项目列入整改` : ''}`);
  })
  .get('/result', allowOfficer(ALL_OFFICER_ROLES, 'session.view'), (c) => {
    const { db, jurisdiction: j, session: s, poll: p, terms } = c.var;
    const r = p.state === 'closed' || p.state === 'published' ? readResult(db, p.id) : null;
    if (!r) return redirectWithFlash(c, base(c), '结果尚未产生：表决结束并完成计票后才有结果报告单');
    const options = optionsOf(db, p.id);
    return c.render(
      <ResultSheet j={j} s={s} p={p} terms={terms} r={r} named={p.secrecy === 'named' ? namedBallotsOf(db, p.id) : undefined}
        evaluatedYear={p.kind === 'evaluation' ? evaluatedCycleOf(db, p.id)?.year : undefined}
        optionIds={options.map((o) => ({ id: o.id, label: o.label }))} chain={chainRows(db, p)}
        procedure={p.kind === 'evaluation' ? undefined : procedureCitation(db, s.id)} />,
      { title: `结果报告单 · ${p.title}` },
    );
  })
  // Issuing ballots (poll.manage) and entering them (poll.tally, or the session's 计票人) happen on the same page;
  // the session's 监票人 read it for the mismatch list.
  .get('/paper', allowOfficer(ALL_OFFICER_ROLES, 'poll.manage', 'poll.tally'), (c) => paperPage(c))
  .get('/paper/print', allow('poll.manage'), (c) => {
    const { db, jurisdiction: j, session: s, poll: p } = c.var;
    if (p.secrecy === 'named') notFound();
    return c.render(<PrintBallotsPage j={j} s={s} p={p} options={optionsOf(db, p.id)} printed={printedCount(db, p)} />, { title: `纸质选票 · ${p.title}` });
  })
  .post('/paper/issue', allow('poll.manage'), validForm(issueForm, paperPage), (c) => {
    const { db, poll: p } = c.var;
    const form = c.req.valid('form');
    // A rehearsal is for the phones; a paper ballot in it would be counted by nobody.
    if (p.isTest) return refused(c, refuse('试投票不发放纸质选票'), paperPage);
    const picked = form.all === '1' ? presentWithoutBallot(db, p).map((r) => r.representativeId) : form.rep;
    const r = issuePaperBallots(db, actorOf(c), p, picked, c.var.now());
    if (!r.ok) return refused(c, r, paperPage);
    const { issued, skipped } = r.value;
    return redirectWithFlash(c, `${base(c)}/paper`, `已发放纸质选票 ${issued} 张${skipped ? `（${skipped} 人已投票或已领取，未重复发放）` : ''}`);
  })
  .post('/paper/entries', allowOfficer(['teller'], 'poll.tally'), async (c) => {
    const { db, poll: p } = c.var;
    const options = optionsOf(db, p.id);
    const form = await readForm(c, entryForm(p.kind, options.map((o) => o.id), p.ballotForm));
    if (!form.ok) {
      c.status(422);
      return paperPage(c, form.values, form.errors);
    }
    const r = enterPaperBallot(db, userActor(c), p, options, form.data, c.var.now());
    if (!r.ok) return refused(c, r, paperPage, form.values);
    return redirectWithFlash(c, `${base(c)}/paper`, `已保存编号 ${r.value.serial}（${r.value.pass === 'first' ? '第一遍' : '第二遍'}）`);
  })
  .post('/paper/discard', allowOfficer(['teller'], 'poll.tally'), validForm(discardForm, paperPage), (c) => {
    const { serial } = c.req.valid('form');
    const r = discardPaperSerial(c.var.db, actorOf(c), c.var.poll, serial, c.var.now());
    if (!r.ok) return refused(c, r, paperPage);
    return redirectWithFlash(c, `${base(c)}/paper`, `已清除编号 ${serial} 的录入，请重新录入两遍`);
  })
  .post('/paper/finish', allowOfficer(['teller'], 'poll.tally'), async (c) => {
    const r = await finishPaperCountOffLoop(c.var.db, actorOf(c), c.var.poll, c.var.now());
    if (!r.ok) return refused(c, r, paperPage);
    return redirectWithFlash(c, base(c), withScrub(
      r.value.voided ? '收回的选票多于发出的选票，本轮表决无效，原因已记录'
        : `计票完成：收回纸质选票 ${r.value.returned} 张，${r.value.awaitingBox ? '电子票箱开箱后产生结果' : '结果已产生'}`, r.value.scrub));
  });

/** /p/:code/:year/results — the public page of a year's vote results (the portal at /p/:code links here). */
export const publicResults = new Hono<JurisdictionEnv>()
  .get('/', (c) => {
    const { db, jurisdiction: j } = c.var;
    const body = bodyOf(j.kind);
    const found = body && publishedSessions(db, j.id, Number(c.req.param('year')));
    if (!body || !found) notFound();
    const terms = BODY_TERMS[body];
    return c.render(
      <PublicResultsPage j={j} year={found.cycle.year} terms={terms} sessions={found.sessions.map(({ session: s, resolution }) => ({
        session: s, resolution, outcome: sessionOutcome(db, s.id), corrections: correctionsOf(db, s.id),
      }))} />,
      { title: `${j.name}${found.cycle.year}年度民生实事项目${terms.vote}结果` },
    );
  });
