import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { OfficerChoice, SessionOfficer } from '../../src/data/sessionOfficers';
import type { Session } from '../../src/data/sessions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { POLL_STATE_LABELS, type PollState } from '../../src/domain/pollState';
import { SESSION_OFFICER_ROLES, SESSION_OFFICER_ROLE_WORDS, type SessionOfficerRole } from '../../src/domain/vocabulary';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';

const ROLE_DUTY: Record<SessionOfficerRole, string> = {
  chiefScrutineer: '主持监票，核对并签署计票结果报告单',
  scrutineer: '监督发票、投票和计票，核对并签署计票结果报告单',
  teller: '纸质选票录入（每张两位计票人各录入一遍）',
};

/** The clerk names the session's 总监票人, 监票人 and 计票人; fixed once the first poll has opened. */
export function OfficersPage(p: {
  j: Jurisdiction; s: Session; terms: BodyTerms; officers: SessionOfficer[]; choices: { reps: OfficerChoice[]; staff: OfficerChoice[] };
  frozen: boolean; shortfalls: string[]; tellerAdvice: string | null; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/sessions/${p.s.id}/officers`;
  const v = p.values ?? {};
  const warnings = [...p.shortfalls, ...(p.tellerAdvice ? [p.tellerAdvice] : [])];
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}/sessions/${p.s.id}`}>{p.s.title}</a></p>
      <h1>监票人和计票人</h1>
      <p class="hint">总监票人、监票人由会议从{p.terms.rep}中推选产生，计票人可由工作人员担任；名单载入票决办法。每人只担任一项。
        各人用自己的账号履职：计票人录入纸质选票，总监票人和监票人核对录入并签署计票结果报告单。</p>
      {p.frozen && <p class="notice" role="status">本次会议已开始表决，名单已确定。如确需变动（如因病离场），须写明原因，变动记入审计日志。</p>}
      {warnings.length > 0 && (
        <div class="notice" role="status"><strong>尚需补充：</strong><ul>{warnings.map((w) => <li>{w}</li>)}</ul></div>
      )}
      <FormError errors={p.errors} />
      {p.officers.length === 0 ? <p class="muted">还没有指定监票人和计票人。</p> : (
        <div class="table-wrap"><table class="stack-sm officers">
          <thead><tr><th>职务</th><th>姓名</th><th>身份</th><th>指定时间</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {p.officers.map((o) => (
              <tr>
                <td data-label="职务">{SESSION_OFFICER_ROLE_WORDS[o.role]}</td>
                <td data-label="姓名"><strong>{o.name}</strong></td>
                <td data-label="身份">{o.representativeId ? p.terms.rep : '工作人员'}</td>
                <td data-label="指定时间">{fmtDateTime(o.assignedAt)}</td>
                <td>
                  <form method="post" action={`${base}/${o.id}/remove`} class="inline" data-confirm={`撤换${SESSION_OFFICER_ROLE_WORDS[o.role]} ${o.name}？`}>
                    {p.frozen && (
                      <label>撤换原因 <input name="reason" maxlength={200} required aria-label={`撤换 ${o.name} 的原因`} /></label>
                    )}
                    <button type="submit" class="small secondary" aria-label={`撤换 ${o.name}`}>撤换</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}

      <form method="post" action={base} class="stack card" novalidate>
        <h2>指定</h2>
        <div class={p.errors?.role ? 'field invalid' : 'field'}>
          <label for="f-role">职务<span class="req" aria-hidden="true"> *</span></label>
          <select id="f-role" name="role" required aria-invalid={p.errors?.role ? 'true' : undefined}>
            {SESSION_OFFICER_ROLES.map((r) => <option value={r} selected={(v.role ?? 'scrutineer') === r}>{SESSION_OFFICER_ROLE_WORDS[r]}</option>)}
          </select>
          {p.errors?.role && <p class="error" role="alert">{p.errors.role}</p>}
        </div>
        <div class={p.errors?.person ? 'field invalid' : 'field'}>
          <label for="f-person">人员<span class="req" aria-hidden="true"> *</span></label>
          <select id="f-person" name="person" required aria-invalid={p.errors?.person ? 'true' : undefined} aria-describedby="f-person-hint">
            <option value="">请选择</option>
            <optgroup label={`本次会议的${p.terms.rep}`}>
              {p.choices.reps.map((c) => <option value={c.value} selected={v.person === c.value}>{c.name}{c.note && `（${c.note}）`}</option>)}
            </optgroup>
            <optgroup label="本辖区工作人员（只可担任计票人）">
              {p.choices.staff.map((c) => <option value={c.value} selected={v.person === c.value}>{c.name}（{c.note}）</option>)}
            </optgroup>
          </select>
          <p class="hint" id="f-person-hint">只列出有登录账号的{p.terms.rep}：履职须用本人账号。没有账号的，请先在{p.terms.rep}名册中开通。</p>
          {p.errors?.person && <p class="error" role="alert">{p.errors.person}</p>}
        </div>
        {p.frozen && <Field name="reason" label="变动原因" value={v.reason} error={p.errors?.reason} maxlength={200} required />}
        <button type="submit">指定</button>
      </form>
    </section>
  );
}

export interface DutyPoll {
  id: number; title: string; state: PollState;
  /** Closed with paper ballots out and not yet counted: the tellers' entry is open. */
  counting: boolean;
  certificate: { complete: boolean; signedByMe: boolean } | null;
}

/** An officer's page for one session: their role, what it asks of them, and each poll's entry or certificate. */
export function DutiesPage(p: { j: Jurisdiction; s: Session; roles: SessionOfficerRole[]; officers: SessionOfficer[]; polls: DutyPoll[] }) {
  const teller = p.roles.includes('teller');
  const scrutineer = p.roles.some((r) => r !== 'teller');
  return (
    <section>
      <h1>{p.s.title}</h1>
      <p class="lead">本次会议您担任：<strong>{p.roles.map((r) => SESSION_OFFICER_ROLE_WORDS[r]).join('、')}</strong></p>
      <ul>{p.roles.map((r) => <li>{SESSION_OFFICER_ROLE_WORDS[r]}：{ROLE_DUTY[r]}</li>)}</ul>
      <h2>表决</h2>
      {p.polls.length === 0 ? <p class="muted">还没有表决。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>表决</th><th>状态</th><th>您的事项</th></tr></thead>
          <tbody>
            {p.polls.map((x) => (
              <tr>
                <td data-label="表决">{x.title}</td>
                <td data-label="状态">{x.counting ? '纸质选票计票中' : POLL_STATE_LABELS[x.state]}</td>
                <td data-label="您的事项">
                  {x.counting && <a class="button small" href={`/j/${p.j.code}/polls/${x.id}/paper`}>{teller ? '纸质选票录入' : '查看录入和不一致清单'}</a>}
                  {x.certificate && (
                    <a class={`button small${x.certificate.signedByMe || !scrutineer ? ' secondary' : ''}`} href={`/j/${p.j.code}/polls/${x.id}/certificate`}>
                      {scrutineer && !x.certificate.signedByMe ? '核对并签署计票结果报告单' : '计票结果报告单'}
                    </a>
                  )}
                  {x.certificate?.complete && <span class="badge ok">已签署完毕</span>}
                  {!x.counting && !x.certificate && <span class="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <h2>本次会议的监票人和计票人</h2>
      <ul>{p.officers.map((o) => <li>{SESSION_OFFICER_ROLE_WORDS[o.role]}：{o.name}</li>)}</ul>
    </section>
  );
}

/** On the session page: who the officers are, and where the clerk names them. */
export function OfficersCard(p: { href: string; officers: SessionOfficer[]; shortfalls: string[]; canManage: boolean }) {
  return (
    <div class="card">
      <h2>监票人和计票人</h2>
      {p.officers.length === 0 ? <p class="muted">尚未指定。</p> : (
        <p>{SESSION_OFFICER_ROLES.map((r) => {
          const names = p.officers.filter((o) => o.role === r).map((o) => o.name);
          return names.length ? <span class="officer-group">{SESSION_OFFICER_ROLE_WORDS[r]}：{names.join('、')}　</span> : null;
        })}</p>
      )}
      {p.shortfalls.length > 0 && <p class="notice">{p.shortfalls.join('；')}</p>}
      {p.canManage && <p><a href={p.href}>指定或撤换</a></p>}
    </div>
  );
}
