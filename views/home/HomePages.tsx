import { ROLE_LABELS, type Role } from '../../src/domain/authz';
import { phaseLabel, type Phase } from '../../src/domain/phases';
import type { TodoEntry, TodoTask } from '../../src/data/deliberationTodo';
import { TodoSection } from '../deliberation/TodoSection';
import type { DeliveryHome } from '../../src/data/deliveryReminders';
import type { SeatInSession } from '../../src/data/voteNow';
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
  /** A new jurisdiction's clerk: the steps to a first vote, until they are done. */
  start?: StartPlan[];
  /** Sessions where this login is 总监票人, 监票人 or 计票人. */
  duties?: OfficerDuty[];
}) {
  return (
    <section>
      <h1>{p.displayName}，您好</h1>
      <HallNow seats={p.hall ?? []} />
      <OfficerDuties duties={p.duties ?? []} />
      {(p.start ?? []).map((plan) => <GettingStarted plan={plan} />)}
      {p.deliberation && <TodoSection {...p.deliberation} />}
      <DeliveryTodoList home={p.delivery} />
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
};

/** A session under way calls the representative in from the home page: check in, vote, or rest. */
function HallNow(p: { seats: SeatInSession[] }) {
  if (p.seats.length === 0) return null;
  return (
    <section class="card hall-now" aria-labelledby="hall-now">
      <h2 id="hall-now">正在召开的会议</h2>
      {p.seats.map((s) => (
        <div>
          <p><strong>{s.st.sessionTitle}</strong>：{HALL_NOW[s.st.kind]}</p>
          <p><a class="button" href={`/j/${s.code}/vote`}>签到和投票（我的表决）</a></p>
        </div>
      ))}
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
