import type { PlannedReception } from '../../src/data/receptions';
import { dayWithWeekday } from '../stations/ReceptionPages';
import { ROLE_LABELS, type Role } from '../../src/domain/authz';
import { phaseLabel, type Phase } from '../../src/domain/phases';
import type { TodoEntry, TodoTask } from '../../src/data/deliberationTodo';
import { TodoSection } from '../deliberation/TodoSection';
import type { DeliveryHome } from '../../src/data/deliveryReminders';
import type { SeatInSession } from '../../src/data/voteNow';
import type { LiveSession } from '../../src/data/liveSessions';
import { DeliveryTodoList } from '../delivery/TodoList';
import type { StartPlan } from '../../src/data/gettingStarted';
import type { OfficerDuty } from '../../src/data/sessionOfficers';
import { SESSION_OFFICER_ROLE_WORDS, type SessionOfficerRole } from '../../src/domain/vocabulary';

export interface PublicJurisdiction { code: string; name: string; kind: string; kindLabel: string; year?: number; phase?: Phase }

export function PublicHome(p: { district?: string; jurisdictions: PublicJurisdiction[]; notSetUp?: boolean }) {
  return (
    <section>
      <h1>{p.district ?? ''}民生实事项目人大代表票决</h1>
      {p.notSetUp && (
        <p class="warning" role="status">
          系统尚未初始设置。请打开服务启动时控制台显示的初始设置链接（…/setup?token=…），或在服务器上运行
          <code>npm run setup</code>。
        </p>
      )}
      <p>项目由群众定、实施让群众看、效果交群众评。每年，各镇（乡）通过人民代表大会、各街道通过议事代表会议，
        从群众提出的项目中票决确定当年的民生实事，并全年监督实施。</p>
      <div class="actions">
        <a class="button secondary" href="/track">查询我的建议办理进度</a>
        <a class="button" href="/login">工作人员和代表登录</a>
      </div>
      <h2>各镇街年度工作</h2>
      {p.jurisdictions.length === 0 ? <p class="muted">暂无。</p> : (
        <div class="cards">
          {p.jurisdictions.map((j) => (
            <div class="card">
              <strong><a href={`/p/${j.code}`}>{j.name}</a></strong> <span class="badge">{j.kindLabel}</span>
              <div class="muted">{j.year && j.phase ? `${j.year}年度：${phaseLabel(j.phase, j.kind)}` : '本年度工作尚未开始'}</div>
              <div><a href={`/p/${j.code}/propose`}>提建议</a> · <a href={`/p/${j.code}`}>项目公开</a></div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

export interface DashboardScope { role: Role; code: string; name: string; kind: string }
export interface DashboardCycle { code: string; name: string; kind: string; year: number; phase: Phase }

export function Dashboard(p: {
  displayName: string; scopes: DashboardScope[]; working: { code: string; name: string }[]; cycles: DashboardCycle[];
  deliberation?: { tasks: TodoTask[]; entries: TodoEntry[] };
  delivery?: DeliveryHome;
  /** The representative's seats in a session under way: the first thing on the page. */
  hall?: SeatInSession[];
  /** The clerk's sessions under way: led with on voting day. */
  live?: LiveSession[];
  /** A new jurisdiction's clerk: the steps to a first vote, until they are done. */
  start?: StartPlan[];
  /** Sessions where this login is 总监票人, 监票人 or 计票人. */
  duties?: OfficerDuty[];
  /** 我的履职: the representative's own ledgers, this year's count beside each. */
  ledgers?: { href: string; label: string; summary: string }[];

  /** The representative's next reception days (接待群众日) at their station. */
  receptions?: PlannedReception[];
}) {
  return (
    <section>
      <h1>{p.displayName}，您好</h1>
      <ClerkDay sessions={p.live ?? []} />
      <HallNow seats={p.hall ?? []} />
      <OfficerDuties duties={p.duties ?? []} />
      <ReceptionDuties receptions={p.receptions ?? []} />
      {(p.start ?? []).map((plan) => <GettingStarted plan={plan} />)}
      {p.deliberation && <TodoSection {...p.deliberation} />}
      <DeliveryTodoList home={p.delivery} />
      {p.ledgers && p.ledgers.length > 0 && (
        <section class="card my-ledger" aria-labelledby="my-ledger">
          <h2 id="my-ledger">我的履职</h2>
          <ul>{p.ledgers.map((l) => <li><a href={l.href}>{l.label}</a> <span class="muted">{l.summary}</span></li>)}</ul>
        </section>
      )}
      <h2>我的职责</h2>
      {p.scopes.length === 0 ? <p class="muted">您的账号还没有分配职责，请联系区级管理员。</p> : (
        <ul>{p.scopes.map((s) => <li>{s.name} · {ROLE_LABELS[s.role]}</li>)}</ul>
      )}
      {p.cycles.length > 0 && (
        <>
          <h2>进行中的年度工作</h2>
          <div class="cards">
            {p.cycles.map((cy) => (
              <a class="card" href={`/j/${cy.code}/cycles/${cy.year}`}>
                <strong>{cy.name} {cy.year}年度</strong>
                <div>{phaseLabel(cy.phase, cy.kind)}</div>
              </a>
            ))}
          </div>
        </>
      )}
      {p.working.length > 0 && (
        <>
          <h2>辖区</h2>
          <ul>{p.working.map((j) => <li><a href={`/j/${j.code}`}>{j.name}</a></li>)}</ul>
        </>
      )}
    </section>
  );
}

/** 接待群众日: where and when the representative receives residents next. */
function ReceptionDuties(p: { receptions: PlannedReception[] }) {
  if (p.receptions.length === 0) return null;
  return (
    <section class="card" aria-labelledby="reception-duties">
      <h2 id="reception-duties">我的接待群众日</h2>
      <ul>
        {p.receptions.map((r) => <li><strong>{dayWithWeekday(r.date)} {r.startTime}–{r.endTime}</strong> {r.stationName}{r.reps.length > 1 && <span class="muted">（与{r.reps.length - 1}名代表一起）</span>}</li>)}
      </ul>
    </section>
  );
}

/** What a new jurisdiction still needs before its first vote, each step a link to its page. */
function GettingStarted(p: { plan: StartPlan }) {
  return (
    <div class="card getting-started">
      <h2>{p.plan.name}：开始使用</h2>
      <ol>
        {p.plan.steps.map((st) => (
          <li class={st.done ? 'done' : undefined}>
            <a href={st.href}>{st.label}</a>
            {st.done ? <span class="badge ok">已完成</span> : null}
            {st.detail && <span class="muted">（{st.detail}）</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

const HALL_NOW: Record<SeatInSession['st']['kind'], string> = {
  checkIn: '会议正在签到，请输入大屏上的签到码签到',
  waiting: '您已签到，表决开始后即可投票',
  ballot: '表决正在进行，请投票',
  voted: '您已投票，结果在表决结束后公布',
  ended: '表决已结束',
};

type StepState = 'done' | 'now' | 'later';
const STEP_MARK: Record<StepState, string> = { done: '✓ 已完成', now: '← 现在', later: '稍后' };

/** 签到 → 投票 → 我的回执 for one seat: what is done, what to do now. */
function seatSteps(st: SeatInSession['st']): { label: string; state: StepState; detail?: string }[] {
  const checkedIn = st.kind !== 'checkIn';
  const receipt = st.kind === 'voted' && st.channel === 'electronic' ? st.receipt : st.kind === 'ended' ? st.ended.receipt : undefined;
  const voted = st.kind === 'voted' || receipt !== undefined;
  return [
    { label: '签到', state: checkedIn ? 'done' : 'now' },
    { label: st.kind === 'ballot' && st.b.isTest ? '投票（试投票）' : '投票', state: voted ? 'done' : st.kind === 'ballot' ? 'now' : 'later',
      detail: st.kind === 'waiting' ? '等待表决开始' : st.kind === 'ended' && !voted ? '表决已结束' : undefined },
    { label: '我的回执', state: receipt ? 'done' : st.kind === 'voted' ? 'done' : 'later', detail: receipt ? `回执码 ${receipt}` : undefined },
  ];
}

/** A session under way calls the representative in from the home page: check in, vote, keep the receipt. */
function HallNow(p: { seats: SeatInSession[] }) {
  if (p.seats.length === 0) return null;
  return (
    <section class="card hall-now" aria-labelledby="hall-now">
      <h2 id="hall-now">正在召开的会议</h2>
      {p.seats.map((s) => {
        const steps = seatSteps(s.st);
        const now = steps.find((x) => x.state === 'now');
        return (
          <div>
            <p><strong>{s.st.sessionTitle}</strong>：{HALL_NOW[s.st.kind]}</p>
            <ol class="day-steps">
              {steps.map((x) => (
                <li class={`step-${x.state}`} aria-current={x.state === 'now' ? 'step' : undefined}>
                  <strong>{x.label}</strong> <span class="step-mark">{STEP_MARK[x.state]}</span>
                  {x.detail && <span class="step-detail">{x.detail}</span>}
                </li>
              ))}
            </ol>
            <p><a class="button wide" href={`/j/${s.code}/vote`}>{now ? `去${now.label}` : '打开我的表决'}</a></p>
          </div>
        );
      })}
    </section>
  );
}

/** The clerk's voting day: each open session's roll, the running poll's turnout and the next step, with its link. */
function ClerkDay(p: { sessions: LiveSession[] }) {
  if (p.sessions.length === 0) return null;
  return (
    <section class="card hall-now" aria-labelledby="clerk-day">
      <h2 id="clerk-day">正在召开的会议</h2>
      {p.sessions.map((s) => {
        const base = `/j/${s.code}/sessions/${s.sessionId}`;
        const href = s.next.target === 'roll' ? `${base}/roll` : s.next.target === 'resolution' ? `${base}/resolution`
          : s.next.target === 'poll' && s.pollId ? `/j/${s.code}/polls/${s.pollId}` : base;
        return (
          <div class="clerk-day">
            <p><strong><a href={base}>{s.title}</a></strong></p>
            <dl class="numbers">
              <div><dt>在册</dt><dd>{s.seated}</dd></div>
              <div><dt>已签到</dt><dd>{s.present}</dd></div>
              <div><dt>法定人数</dt><dd>{s.needed}{s.met ? ' ✓' : ''}</dd></div>
              {s.openPoll && <div><dt>{s.openPoll.isTest ? '试投票已提交' : '已投票'}</dt><dd>{s.openPoll.voted} / {s.present}</dd></div>}
            </dl>
            {s.openPoll && <p>{s.openPoll.isTest && <span class="badge test">试投票</span>} {s.openPoll.title}：投票中</p>}
            <p class="next-step">下一步：<a class="button" href={href}>{s.next.text}</a></p>
            <p class="actions"><a href={`${base}/roll`}>签到点名</a> <a href={`${base}/screen`}>大屏显示</a></p>
          </div>
        );
      })}
    </section>
  );
}

const DUTY_LINK: Record<SessionOfficerRole, string> = {
  chiefScrutineer: '监票和签署计票结果报告单',
  scrutineer: '监票和签署计票结果报告单',
  teller: '纸质选票录入',
};

/** 本次会议您担任：计票人 → 纸质选票录入 — an officer's way in to their duties at the session. */
function OfficerDuties(p: { duties: OfficerDuty[] }) {
  if (p.duties.length === 0) return null;
  return (
    <section class="card officer-duties" aria-labelledby="officer-duties">
      <h2 id="officer-duties">监票计票</h2>
      {p.duties.map((d) => (
        <p><strong>{d.title}</strong><br />本次会议您担任：{d.roles.map((r) => SESSION_OFFICER_ROLE_WORDS[r]).join('、')} →{' '}
          <a href={`/j/${d.code}/sessions/${d.sessionId}/duties`}>{[...new Set(d.roles.map((r) => DUTY_LINK[r]))].join('、')}</a></p>
      ))}
    </section>
  );
}
