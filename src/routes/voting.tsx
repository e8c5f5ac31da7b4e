import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { BallotPage, ConfirmPage, NotOnRosterPage, ReceiptPage, VoteNow, VotePage } from '../../views/voting/VotePages';
import { allow, userActor } from '../auth/authorize';
import { castInTurn } from '../data/ballotBatch';
import { participationOf, type ParticipationChannel } from '../data/ballots';
import { isPresent, selfCheckIn, type Session } from '../data/sessions';
import { ballotModel, selfCheckInActor, sessionOfVoter, voteNowFor, type VoteNowState } from '../data/voteNow';
import { ballotForm, checkBallotOf } from '../domain/ballot';
import { refuse } from '../domain/result';
import { fullPageLoad, wantsFragment } from '../http/hall';
import { FailureLimiter } from '../http/limiter';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { ballotSubject, type BallotEnv, type VoterEnv } from '../http/subjects/vote';
import { notFound } from '../http/subjects/jurisdiction';
import { readForm, validForm, type FieldErrors, type FormValues } from '../http/validate';

// A wrong check-in code five times in 15 minutes locks self check-in for that person: the code proves presence.
const checkInFailures = new FailureLimiter({ max: 5, windowMs: 15 * 60 * 1000 });

const checkInForm = z.object({
  sessionId: z.string().regex(/^\d{1,9}$/).transform(Number),
  code: z.string().trim().max(20).default(''),
});

type V = Context<VoterEnv>;
type B = Context<BallotEnv>;

// The ballot's handlers read request variables with c.get: each c.var access copies all of them into a new object.
const home = (c: V | B) => `/j/${(c as V).get('jurisdiction').code}/vote`;

function votePage(c: V, st?: VoteNowState) {
  const { db, jurisdiction: j, voter, terms } = c.var;
  if (!voter) return c.render(<NotOnRosterPage terms={terms} />, { title: '我的表决' });
  return c.render(<VotePage code={j.code} repName={voter.name} terms={terms} st={st ?? voteNowFor(db, voter)} />, { title: '我的表决' });
}

/** The check-in form again, with the code typed and the reason it was refused. */
function checkInPage(s: Session) {
  return (c: V, values?: FormValues, errors?: FieldErrors) =>
    votePage(c, { kind: 'checkIn', sessionId: s.id, sessionTitle: s.title, code: values?.code, error: errors && Object.values(errors)[0] });
}

function ballotPage(c: B, fields?: FormValues, error?: string) {
  const p = c.get('poll');
  return c.render(<BallotPage code={c.get('jurisdiction').code} b={ballotModel(p, c.get('options'))} marks={fields} error={error} />, { title: p.title });
}

/** The ballot form as sent, read by the schema built from this poll's options; unreadable → the ballot again (422). */
async function readBallot(c: B) {
  const p = c.get('poll');
  const options = c.get('options');
  const form = await readForm(c, ballotForm(p.kind, options.map((o) => o.id), p.ballotForm));
  if (form.ok) return form;
  c.status(422);
  return { ok: false as const, page: ballotPage(c, form.values, Object.values(form.errors)[0]) };
}

function closedMessage(c: B) {
  return redirectWithFlash(c, home(c), '本轮表决已经结束或尚未开始，选票未能提交');
}

/** The receipt: after casting, when the ballot is opened again, or (409) for a second submission. */
function receiptPage(c: B, prior: { receipt: string; channel: ParticipationChannel }, title: '回执' | '投票成功' | '您已经投过票了') {
  const { jurisdiction: j, poll: p, terms } = c.var;
  const again = title === '您已经投过票了';
  if (again) c.status(409);
  return c.render(<ReceiptPage code={j.code} title={p.title} receipt={prior.receipt} channel={prior.channel} terms={terms} again={again} isTest={p.isTest} />, { title });
}

/** /j/:code/vote — the representative's own page: check in, wait, the open ballot. */
export const voting = new Hono<VoterEnv>()
  .get('/', allow('ballot.cast'), fullPageLoad, (c) => votePage(c))
  .get('/live', allow('ballot.cast'), (c) => {
    if (!wantsFragment(c)) return c.redirect(home(c), 303);
    const { db, jurisdiction: j, voter, terms } = c.var;
    if (!voter) return c.body(null, 204);
    return c.html(<VoteNow code={j.code} terms={terms} st={voteNowFor(db, voter)} />);
  })
  .post('/checkin', allow('ballot.cast'), validForm(checkInForm, (c: V) => c.redirect(home(c), 303)), (c) => {
    const { db, jurisdiction: j, voter } = c.var;
    const input = c.req.valid('form');
    if (!voter) return c.redirect(home(c), 303);
    const s = sessionOfVoter(db, j.id, input.sessionId, voter.id);
    if (!s) notFound();
    const key = `${s.id}:${voter.id}`;
    const nowMs = c.var.now().getTime();
    if (checkInFailures.retryAfterMs(key, nowMs) > 0) return refused(c, refuse('签到码错误次数过多，请会场工作人员为您签到', 'code'), checkInPage(s), input);
    const r = selfCheckIn(db, selfCheckInActor(userActor(c), voter), s, voter.id, input.code, c.var.now());
    if (!r.ok) {
      if (r.field === 'code') checkInFailures.fail(key, nowMs);
      return refused(c, r, checkInPage(s), input);
    }
    checkInFailures.clear(key);
    return redirectWithFlash(c, home(c), r.value.already ? '您已签到' : '签到成功');
  });

/** /j/:code/vote/:pollId — one ballot: fill in, review, cast once, receipt. */
export const ballot = new Hono<BallotEnv>()
  .get('/', allow('ballot.cast'), ballotSubject, fullPageLoad, (c) => {
    const db = c.get('db');
    const p = c.get('poll');
    const voter = c.get('voter');
    const prior = participationOf(db, p.id, voter.id);
    if (prior) return receiptPage(c, { receipt: prior.receiptCode, channel: prior.channel }, '回执');
    if (p.state !== 'open') return closedMessage(c);
    // Not checked in: the ballot would be refused at the end; "我的表决" shows the check-in form instead.
    if (!isPresent(db, p.sessionId, voter.id)) return c.redirect(home(c), 303);
    return ballotPage(c);
  })
  .post('/review', allow('ballot.cast'), ballotSubject, async (c) => {
    const { db, jurisdiction: j, poll: p, voter, options } = c.var;
    if (p.state !== 'open') return closedMessage(c);
    const prior = participationOf(db, p.id, voter.id);
    if (prior) return receiptPage(c, { receipt: prior.receiptCode, channel: prior.channel }, '您已经投过票了');
    const form = await readBallot(c);
    if (!form.ok) return form.page;
    const checked = checkBallotOf(p.kind, p.ballotForm, options.map((o) => o.id), form.data.marks, p.seatsToFill);
    if (!checked.ok) return refused(c, checked, (c: B) => ballotPage(c, form.data.fields, checked.error));
    return c.render(<ConfirmPage code={j.code} b={ballotModel(p, options)} marks={form.data.fields} />, { title: '确认选票' });
  })
  .post('/edit', allow('ballot.cast'), ballotSubject, async (c) => {
    if (c.var.poll.state !== 'open') return closedMessage(c);
    const form = await readBallot(c);
    if (!form.ok) return form.page;
    return ballotPage(c, form.data.fields);
  })
  .post('/', allow('ballot.cast'), ballotSubject, async (c) => {
    const form = await readBallot(c);
    if (!form.ok) return form.page;
    const p = c.get('poll');
    const r = await castInTurn(c.get('db'), { poll: p, options: c.get('options'), voter: c.get('voter'), marks: form.data.marks });
    if (r.ok) return c.redirect(`${home(c)}/${p.id}/receipt`, 303);
    if (r.reason === 'already') return receiptPage(c, r, '您已经投过票了');
    if (r.reason === 'closed') return closedMessage(c);
    return refused(c, r, (c: B) => ballotPage(c, form.data.fields, r.error));
  })
  .get('/receipt', allow('ballot.cast'), ballotSubject, (c) => {
    const p = c.get('poll');
    const prior = participationOf(c.get('db'), p.id, c.get('voter').id);
    if (!prior) return c.redirect(`${home(c)}/${p.id}`, 303);
    return receiptPage(c, { receipt: prior.receiptCode, channel: prior.channel }, '投票成功');
  });
