import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { BallotPage, ConfirmPage, NotOnRosterPage, ReceiptPage, VoteNow, VotePage } from '../../views/voting/VotePages';
import { authorize, jurisdictionParam, notFound } from '../auth/authorize';
import { castBallot, participationOf } from '../data/ballots';
import { pollById } from '../data/polls';
import { getSession, inRoster, isPresent, representativeOfUser, selfCheckIn, type Representative } from '../data/sessions';
import { ballotModel, voteNowFor, type VoteNowState } from '../data/voteNow';
import { checkElectronicBallot } from '../domain/ballot';
import { BODY_TERMS, bodyOf, type BodyTerms } from '../domain/bodyTerms';
import type { Jurisdiction } from '../data/jurisdictions';
import type { AppEnv } from '../env';
import { FailureLimiter } from '../http/limiter';
import { flash } from '../http/renderer';
import { fullPageLoad, wantsFragment } from './votingContext';

// A wrong check-in code five times in 15 minutes locks self check-in for that person: the code proves presence.
const checkInFailures = new FailureLimiter({ max: 5, windowMs: 15 * 60 * 1000 });

const checkInForm = z.object({
  sessionId: z.string().regex(/^\d{1,9}$/).transform(Number),
  code: z.string().trim().max(20).default(''),
});

interface Voter { j: Jurisdiction; userId: number; rep: Representative | undefined; terms: BodyTerms }

function voterParam(c: Context<AppEnv>): Voter {
  const j = jurisdictionParam(c);
  const me = authorize(c, 'ballot.cast', j.id);
  const body = bodyOf(j.kind);
  if (!body) notFound();
  return { j, userId: me.id, rep: representativeOfUser(c.get('db'), me.id, j.id), terms: BODY_TERMS[body] };
}

function votePage(c: Context<AppEnv>, v: Voter, st?: VoteNowState) {
  if (!v.rep) return c.render(<NotOnRosterPage terms={v.terms} />, { title: '我的表决' });
  return c.render(<VotePage code={v.j.code} repName={v.rep.name} terms={v.terms} st={st ?? voteNowFor(c.get('db'), v.rep)} />, { title: '我的表决' });
}

/** The open poll the representative may vote in, or a 404 (another town's poll, a closed one, not on the roster). */
function ballotContext(c: Context<AppEnv>) {
  const v = voterParam(c);
  const db = c.get('db');
  const p = pollById(db, Number(c.req.param('pollId')));
  const s = p && getSession(db, v.j.id, p.sessionId);
  if (!p || !s || !v.rep || !inRoster(db, s.id, v.rep.id)) notFound();
  return { ...v, rep: v.rep, p, s, b: ballotModel(db, p) };
}

/** Only the m<optionId> fields, as strings: the ballot's marks and nothing else. */
async function markFields(c: Context<AppEnv>, optionIds: number[]): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const id of optionIds) {
    const v = body[`m${id}`];
    out[`m${id}`] = typeof v === 'string' ? v : '';
  }
  return out;
}

function closedMessage(c: Context<AppEnv>, code: string) {
  flash(c, '本轮表决已经结束或尚未开始，选票未能提交');
  return c.redirect(`/j/${code}/vote`, 303);
}

function alreadyVoted(c: Context<AppEnv>, ctx: ReturnType<typeof ballotContext>, receipt: string, channel: 'electronic' | 'paper') {
  c.status(409);
  return c.render(<ReceiptPage code={ctx.j.code} title={ctx.p.title} receipt={receipt} channel={channel} terms={ctx.terms} again />, { title: '您已经投过票了' });
}

export const voting = new Hono<AppEnv>()
  .get('/j/:code/vote', fullPageLoad, (c) => votePage(c, voterParam(c)))
  .get('/j/:code/vote/live', (c) => {
    const v = voterParam(c);
    if (!wantsFragment(c)) return c.redirect(`/j/${v.j.code}/vote`, 303);
    if (!v.rep) return c.body(null, 204);
    return c.html(<VoteNow code={v.j.code} terms={v.terms} st={voteNowFor(c.get('db'), v.rep)} />);
  })
  .post('/j/:code/vote/checkin', async (c) => {
    const v = voterParam(c);
    const db = c.get('db');
    const parsed = checkInForm.safeParse(await c.req.parseBody());
    if (!v.rep || !parsed.success) return c.redirect(`/j/${v.j.code}/vote`, 303);
    const { sessionId, code } = parsed.data;
    const s = getSession(db, v.j.id, sessionId);
    if (!s || !inRoster(db, s.id, v.rep.id)) notFound();
    const key = `${s.id}:${v.rep.id}`;
    const nowMs = c.get('now')().getTime();
    const again = (error: string) => {
      c.status(422);
      return votePage(c, v, { kind: 'checkIn', sessionId: s.id, sessionTitle: s.title, error, code });
    };
    if (checkInFailures.retryAfterMs(key, nowMs) > 0) return again('签到码错误次数过多，请会场工作人员为您签到');
    const result = selfCheckIn(db, { id: v.userId, name: `${v.rep.name}（本人签到）`, ip: c.get('clientIp') }, s, v.rep.id, code, c.get('now')());
    if (!result.ok) {
      if (result.field === 'code') checkInFailures.fail(key, nowMs);
      return again(result.error);
    }
    checkInFailures.clear(key);
    flash(c, result.value.already ? '您已签到' : '签到成功');
    return c.redirect(`/j/${v.j.code}/vote`, 303);
  })
  .get('/j/:code/vote/:pollId{[0-9]+}', fullPageLoad, (c) => {
    const ctx = ballotContext(c);
    const prior = participationOf(c.get('db'), ctx.p.id, ctx.rep.id);
    if (prior) return c.render(<ReceiptPage code={ctx.j.code} title={ctx.p.title} receipt={prior.receiptCode} channel={prior.channel} terms={ctx.terms} />, { title: '回执' });
    if (ctx.p.state !== 'open') return closedMessage(c, ctx.j.code);
    // Not checked in: the ballot would be refused at the end; "我的表决" shows the check-in form instead.
    if (!isPresent(c.get('db'), ctx.s.id, ctx.rep.id)) return c.redirect(`/j/${ctx.j.code}/vote`, 303);
    return c.render(<BallotPage code={ctx.j.code} b={ctx.b} />, { title: ctx.p.title });
  })
  .post('/j/:code/vote/:pollId{[0-9]+}/review', async (c) => {
    const ctx = ballotContext(c);
    if (ctx.p.state !== 'open') return closedMessage(c, ctx.j.code);
    const prior = participationOf(c.get('db'), ctx.p.id, ctx.rep.id);
    if (prior) return alreadyVoted(c, ctx, prior.receiptCode, prior.channel);
    const marks = await markFields(c, ctx.b.options.map((o) => o.id));
    const checked = checkElectronicBallot(ctx.p.kind, ctx.b.options.map((o) => o.id), marks, ctx.p.seatsToFill);
    if (!checked.ok) {
      c.status(422);
      return c.render(<BallotPage code={ctx.j.code} b={ctx.b} marks={marks} error={checked.error} />, { title: ctx.p.title });
    }
    return c.render(<ConfirmPage code={ctx.j.code} b={ctx.b} marks={marks} />, { title: '确认选票' });
  })
  .post('/j/:code/vote/:pollId{[0-9]+}/edit', async (c) => {
    const ctx = ballotContext(c);
    if (ctx.p.state !== 'open') return closedMessage(c, ctx.j.code);
    const marks = await markFields(c, ctx.b.options.map((o) => o.id));
    return c.render(<BallotPage code={ctx.j.code} b={ctx.b} marks={marks} />, { title: ctx.p.title });
  })
  .post('/j/:code/vote/:pollId{[0-9]+}', async (c) => {
    const ctx = ballotContext(c);
    const marks = await markFields(c, ctx.b.options.map((o) => o.id));
    const result = castBallot(c.get('db'), ctx.p.id, ctx.rep.id, marks);
    if (result.ok) return c.redirect(`/j/${ctx.j.code}/vote/${ctx.p.id}/receipt`, 303);
    if (result.reason === 'already') return alreadyVoted(c, ctx, result.receipt, result.channel);
    if (result.reason === 'closed') return closedMessage(c, ctx.j.code);
    c.status(422);
    return c.render(<BallotPage code={ctx.j.code} b={ctx.b} marks={marks} error={result.error} />, { title: ctx.p.title });
  })
  .get('/j/:code/vote/:pollId{[0-9]+}/receipt', (c) => {
    const ctx = ballotContext(c);
    const prior = participationOf(c.get('db'), ctx.p.id, ctx.rep.id);
    if (!prior) return c.redirect(`/j/${ctx.j.code}/vote/${ctx.p.id}`, 303);
    return c.render(<ReceiptPage code={ctx.j.code} title={ctx.p.title} receipt={prior.receiptCode} channel={prior.channel} terms={ctx.terms} />, { title: '投票成功' });
  });
