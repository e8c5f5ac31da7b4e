import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PaperPage, PrintBallotsPage } from '../../views/polls/PaperPages';
import { PollPage, Turnout } from '../../views/polls/PollPage';
import { ResultSheet } from '../../views/polls/ResultSheet';
import { PublicResultsPage } from '../../views/polls/PublicResults';
import { durably } from '../../db/client';
import { actorOf, can, jurisdictionParam, notFound } from '../auth/authorize';
import { forgetWriteOrder, namedBallotsOf, turnout } from '../data/ballots';
import {
  discardPaperSerial, enterPaperBallot, finishPaperCount, issuePaperBallots, paperState, presentWithoutBallot, printedCount,
} from '../data/paper';
import { closePoll, createRunoff, openPoll, optionsOf, pollById, runoffOf, voidPoll } from '../data/polls';
import { evaluatedCycleOf, publishEvaluationPoll } from '../data/evaluationPolls';
import { correctionsOf } from '../data/publication';
import { publishedSessions, readResult, sessionOutcome } from '../data/results';
import { quorumState } from '../data/sessions';
import { BODY_TERMS, bodyOf } from '../domain/bodyTerms';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';
import { pollParam, wantsFragment } from './votingContext';

const voidForm = z.object({ reason: trimmed(500, '作废必须写明原因') });
const issueForm = z.object({
  rep: z.union([z.string(), z.array(z.string())]).optional(),
  all: z.string().optional(),
});
const entryForm = z.looseObject({
  serial: z.string().max(20).default(''),
  invalid: z.string().max(1).optional(),
  invalidReason: trimmed(100).default(''),
});
const discardForm = z.object({ serial: z.string().regex(/^\d{1,7}$/, '编号有误') });

function pollPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const { j, s, p, terms } = pollParam(c, 'session.view');
  const db = c.get('db');
  const h = quorumState(db, s);
  return c.render(
    <PollPage j={j} s={s} p={p} terms={terms} options={optionsOf(db, p.id)} h={h} turnout={{ ...turnout(db, p.id), present: h.present }}
      result={p.state === 'closed' || p.state === 'published' ? readResult(db, p.id) : null}
      runoff={runoffOf(db, p.id)} parent={p.parentPollId ? pollById(db, p.parentPollId) : undefined}
      evaluatedYear={p.kind === 'evaluation' ? evaluatedCycleOf(db, p.id)?.year : undefined} canPublish={can(c, 'result.publish', j.id)}
      canManage={can(c, 'poll.manage', j.id)} canTally={can(c, 'poll.tally', j.id)} values={values} errors={errors} />,
    { title: p.title },
  );
}

function paperPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const { j, s, p, terms, me } = pollParam(c, 'poll.tally');
  const db = c.get('db');
  return c.render(
    <PaperPage j={j} s={s} p={p} terms={terms} options={optionsOf(db, p.id)} state={paperState(db, p)}
      toIssue={p.state === 'open' ? presentWithoutBallot(db, p) : []} canManage={can(c, 'poll.manage', j.id)} canTally={can(c, 'poll.tally', j.id)}
      tellerId={me.id} values={values} errors={errors} />,
    { title: `纸质选票 · ${p.title}` },
  );
}

const back = (c: Context<AppEnv>, path = '') => c.redirect(`/j/${c.req.param('code')}/polls/${c.req.param('pollId')}${path}`, 303);

export const polls = new Hono<AppEnv>()
  .get('/j/:code/polls/:pollId{[0-9]+}', (c) => pollPage(c))
  .get('/j/:code/polls/:pollId{[0-9]+}/turnout', (c) => {
    const { j, s, p } = pollParam(c, 'session.view');
    const db = c.get('db');
    // Once the poll is no longer open the fragment asks for the whole page, which then shows the result.
    if (p.state !== 'open') {
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    const t = { ...turnout(db, p.id), present: quorumState(db, s).present };
    if (!wantsFragment(c)) return back(c);
    return c.html(<Turnout t={t} href={`/j/${j.code}/polls/${p.id}/turnout`} />);
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/open', (c) => {
    const { p } = pollParam(c, 'poll.manage');
    const result = openPoll(c.get('db'), actorOf(c), p, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return pollPage(c, undefined, { _form: result.error });
    }
    flash(c, '表决已开始，代表可以在手机上投票');
    return back(c);
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/close', (c) => {
    const { p } = pollParam(c, 'poll.manage');
    // Closing stores the result: written with synchronous=FULL like the ballots it counts.
    const result = durably(c.get('db'), () => closePoll(c.get('db'), actorOf(c), p, c.get('now')()));
    if (!result.ok) {
      c.status(422);
      return pollPage(c, undefined, { _form: result.error });
    }
    forgetWriteOrder(c.get('db'));
    flash(c, result.value.paperBallotsIssued > 0 ? '表决已结束，请计票人录入纸质选票' : '表决已结束，结果已产生');
    return back(c);
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/void',
    validForm(voidForm, (c, values, errors) => {
      pollParam(c, 'poll.manage');
      return pollPage(c, values, errors);
    }),
    (c) => {
      const { p } = pollParam(c, 'poll.manage');
      const { reason } = c.req.valid('form');
      const result = voidPoll(c.get('db'), actorOf(c), p, reason, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return pollPage(c, { reason }, { [result.field]: result.error });
      }
      flash(c, '本轮表决已作废');
      return back(c);
    })
  .post('/j/:code/polls/:pollId{[0-9]+}/runoff', (c) => {
    const { j, s, p } = pollParam(c, 'poll.manage');
    const result = createRunoff(c.get('db'), actorOf(c), p, s, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return pollPage(c, undefined, { _form: result.error });
    }
    flash(c, '已创建另行投票，候选为得票相同的项目');
    return c.redirect(`/j/${j.code}/polls/${result.value.id}`, 303);
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/publish', (c) => {
    const { p } = pollParam(c, 'result.publish');
    const result = publishEvaluationPoll(c.get('db'), actorOf(c), p, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return pollPage(c, undefined, { _form: result.error });
    }
    const { year, marked } = result.value;
    flash(c, `测评结果已公布，${year} 年度各项目页面显示满意率${marked ? `；${marked} 个项目列入整改` : ''}`);
    return back(c);
  })
  .get('/j/:code/polls/:pollId{[0-9]+}/result', (c) => {
    const { j, s, p, terms } = pollParam(c, 'session.view');
    const db = c.get('db');
    const r = p.state === 'closed' || p.state === 'published' ? readResult(db, p.id) : null;
    if (!r) {
      flash(c, '结果尚未产生：表决结束并完成计票后才有结果报告单');
      return back(c);
    }
    const options = optionsOf(db, p.id);
    return c.render(
      <ResultSheet j={j} s={s} p={p} terms={terms} r={r} named={p.secrecy === 'named' ? namedBallotsOf(db, p.id) : undefined}
        evaluatedYear={p.kind === 'evaluation' ? evaluatedCycleOf(db, p.id)?.year : undefined}
        optionIds={options.map((o) => ({ id: o.id, label: o.label }))} />,
      { title: `结果报告单 · ${p.title}` },
    );
  })
  .get('/j/:code/polls/:pollId{[0-9]+}/paper', (c) => paperPage(c))
  .get('/j/:code/polls/:pollId{[0-9]+}/paper/print', (c) => {
    const { j, s, p } = pollParam(c, 'poll.manage');
    const db = c.get('db');
    if (p.secrecy === 'named') notFound();
    return c.render(<PrintBallotsPage j={j} s={s} p={p} options={optionsOf(db, p.id)} printed={printedCount(db, p)} />, { title: `纸质选票 · ${p.title}` });
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/paper/issue', validForm(issueForm, (c) => paperPage(c)), (c) => {
    const { p } = pollParam(c, 'poll.manage');
    const db = c.get('db');
    const form = c.req.valid('form');
    const picked = form.all === '1' ? presentWithoutBallot(db, p).map((r) => r.representativeId)
      : [form.rep ?? []].flat().filter((v) => /^\d{1,9}$/.test(v)).map(Number);
    const result = issuePaperBallots(db, actorOf(c), p, picked, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return paperPage(c, undefined, { [result.field]: result.error });
    }
    flash(c, `已发放纸质选票 ${result.value.issued} 张${result.value.skipped ? `（${result.value.skipped} 人已投票或已领取，未重复发放）` : ''}`);
    return back(c, '/paper');
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/paper/entries', validForm(entryForm, (c, values, errors) => paperPage(c, values, errors)), (c) => {
    const { p, me } = pollParam(c, 'poll.tally');
    const form = c.req.valid('form');
    const result = enterPaperBallot(c.get('db'), { ...actorOf(c), id: me.id }, p, {
      serial: form.serial, fields: form, invalid: form.invalid === '1', invalidReason: form.invalidReason,
    }, c.get('now')());
    if (!result.ok) {
      c.status(422);
      const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
      return paperPage(c, values, { [result.field]: result.error });
    }
    flash(c, `已保存编号 ${result.value.serial}（${result.value.pass === 'first' ? '第一遍' : '第二遍'}）`);
    return back(c, '/paper');
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/paper/discard', validForm(discardForm, (c) => paperPage(c)), (c) => {
    const { p } = pollParam(c, 'poll.tally');
    const result = discardPaperSerial(c.get('db'), actorOf(c), p, c.req.valid('form').serial, c.get('now')());
    if (!result.ok) {
      c.status(422);
      return paperPage(c, undefined, { _form: result.error });
    }
    flash(c, `已清除编号 ${c.req.valid('form').serial} 的录入，请重新录入两遍`);
    return back(c, '/paper');
  })
  .post('/j/:code/polls/:pollId{[0-9]+}/paper/finish', (c) => {
    const { p } = pollParam(c, 'poll.tally');
    const result = durably(c.get('db'), () => finishPaperCount(c.get('db'), actorOf(c), p, c.get('now')()));
    if (!result.ok) {
      c.status(422);
      return paperPage(c, undefined, { _form: result.error });
    }
    forgetWriteOrder(c.get('db'));
    flash(c, result.value.voided ? '收回的选票多于发出的选票，本轮表决无效，原因已记录' : `计票完成：收回纸质选票 ${result.value.returned} 张，结果已产生`);
    return back(c);
  })
  // The public page of a year's vote results (the portal at /p/:code links here).
  .get('/p/:code/:year{[0-9]{4}}/results', (c) => {
    const j = jurisdictionParam(c);
    const db = c.get('db');
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
