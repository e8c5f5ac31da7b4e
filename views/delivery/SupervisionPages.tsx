import { SUPERVISION_MEMBER_ROLES, VISIT_RATINGS } from '../../src/domain/vocabulary';
import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Project } from '../../src/data/projects';
import type { GroupWithMembers, Rectification } from '../../src/data/supervision';
import { RECTIFICATION_LABELS, isRectificationOverdue } from '../../src/domain/rectification';
import { MEMBER_ROLE_LABELS, VISIT_RATING_LABELS, quarterLabel } from '../../src/domain/supervision';
import { Field, FormError, PostButton, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { DeliveryHeader } from './ProjectPages';

export interface FormState { key: string; values: FormValues; errors: FieldErrors }

export function GroupsPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; groups: GroupWithMembers[]; projects: Project[];
  accounts: { id: number; displayName: string }[]; canManage: boolean; form?: FormState;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  const f = (key: string) => (p.form?.key === key ? p.form : undefined);
  const assigned = new Map(p.groups.flatMap((g) => g.projectIds.map((id) => [id, g.name] as const)));
  const unassigned = p.projects.filter((pr) => !assigned.has(pr.id));
  return (
    <section>
      <DeliveryHeader j={p.j} cycle={p.cycle} title="专项监督小组" tabs={p.tabs} current="/supervision" />
      <p class="muted">监督小组由人大干部和有相关专业背景的代表组成，项目受益群众和新闻媒体可以列席参与监督。每个项目由一个小组负责季度督查。</p>
      {unassigned.length > 0 && <p class="error banner">尚未分配监督小组的项目：{unassigned.map((x) => x.title).join('、')}</p>}
      {p.groups.length === 0 && <p class="muted">还没有监督小组。</p>}
      {p.groups.map((g) => {
        const mf = f(`member-${g.id}`);
        const af = f(`assign-${g.id}`);
        return (
          <div class="card" id={`group-${g.id}`}>
            <h2>{g.name}</h2>
            <h3>成员</h3>
            {g.members.length === 0 ? <p class="muted">还没有成员。</p> : (
              <ul class="members">
                {g.members.map((m) => (
                  <li>
                    {m.name} <span class="badge">{MEMBER_ROLE_LABELS[m.role]}</span>{m.observer && <span class="badge off">列席</span>}
                    {m.userId && <span class="muted"> · 可登录记录督查</span>}
                    {p.canManage && <> <PostButton action={`${base}/supervision/groups/${g.id}/members/${m.id}/remove`} label="移除" class="link" confirm={`移除 ${m.name}？`} /></>}
                  </li>
                ))}
              </ul>
            )}
            <h3>负责项目</h3>
            {g.projectIds.length === 0 ? <p class="muted">还没有分配项目。</p> : (
              <ul>{g.projectIds.map((id) => {
                const pr = p.projects.find((x) => x.id === id);
                return pr ? <li><a href={`${base}/projects/${id}`}>{pr.title}</a></li> : null;
              })}</ul>
            )}
            {p.canManage && (
              <div class="group-forms">
                <form method="post" action={`${base}/supervision/groups/${g.id}/members`} class="stack" novalidate>
                  <h4>添加成员</h4>
                  <FormError errors={mf?.errors} />
                  <Field name="name" label="姓名及身份" value={mf?.values.name} error={mf?.errors.name} maxlength={100} required
                    hint="如：李明（代表·建筑工程）" />
                  <SelectField name="role" label="类别" value={mf?.values.role ?? 'professionalRep'} error={mf?.errors.role}
                    options={SUPERVISION_MEMBER_ROLES.map((r) => [r, MEMBER_ROLE_LABELS[r]])} hint="受益群众和新闻媒体为列席成员" />
                  <SelectField name="userId" label="关联登录账号（可选）" value={mf?.values.userId ?? ''} error={mf?.errors.userId} blank="不关联"
                    options={p.accounts.map((a) => [String(a.id), a.displayName])} hint="关联后，此人可以登录记录督查" />
                  <button type="submit" class="secondary">添加成员</button>
                </form>
                {p.projects.length > 0 && (
                  <form method="post" action={`${base}/supervision/groups/${g.id}/projects`} class="stack" novalidate>
                    <h4>分配项目</h4>
                    <FormError errors={af?.errors} />
                    <SelectField name="projectId" label="项目" value={af?.values.projectId} error={af?.errors.projectId} blank="请选择"
                      options={p.projects.map((x) => [String(x.id), assigned.has(x.id) ? `${x.title}（现属${assigned.get(x.id)}）` : x.title])} required />
                    <button type="submit" class="secondary">分配给本组</button>
                  </form>
                )}
              </div>
            )}
          </div>
        );
      })}
      {p.canManage && (
        <form method="post" action={`${base}/supervision/groups`} class="stack card" novalidate>
          <h2>成立监督小组</h2>
          <FormError errors={f('group')?.errors} />
          <Field name="name" label="小组名称" value={f('group')?.values.name} error={f('group')?.errors.name} maxlength={100} required hint="如：第一专项监督小组（道路交通）" />
          <button type="submit">成立小组</button>
        </form>
      )}
    </section>
  );
}

export const DEMAND_ROWS = 3;

export function VisitPage(p: {
  j: Jurisdiction; cycle: Cycle; project: Project; group: GroupWithMembers; quarters: string[]; defaultQuarter: string; defaultDate: string;
  values?: FormValues; errors?: FieldErrors; present?: string[];
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}/projects/${p.project.id}`;
  const v = (k: string) => p.values?.[k];
  const e = (k: string) => p.errors?.[k];
  const present = new Set(p.present ?? []);
  return (
    <section>
      <p class="muted"><a href={base}>{p.project.title}</a></p>
      <h1>记录季度督查</h1>
      <p class="muted">{p.group.name} · {p.project.unitName}</p>
      <form method="post" action={`${base}/visits`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <SelectField name="quarter" label="季度" value={v('quarter') ?? p.defaultQuarter} error={e('quarter')} required
          options={p.quarters.map((q) => [q, quarterLabel(q)])} />
        <Field name="date" label="督查日期" type="date" value={v('date') ?? p.defaultDate} error={e('date')} required />
        <fieldset class={e('members') ? 'field invalid' : 'field'}>
          <legend>到场成员</legend>
          {p.group.members.map((m, i) => (
            <label class="check" for={`f-member-${i}`}>
              <input type="checkbox" id={`f-member-${i}`} name="members" value={m.name} checked={present.has(m.name)} />
              {m.name}（{MEMBER_ROLE_LABELS[m.role]}）
            </label>
          ))}
          {e('members') && <p class="error" role="alert">{e('members')}</p>}
        </fieldset>
        <TextArea name="findings" label="督查发现" value={v('findings')} error={e('findings')} maxlength={4000} rows={4} required />
        <TextArea name="problems" label="存在问题" value={v('problems')} error={e('problems')} maxlength={2000} />
        <SelectField name="rating" label="总体评价" value={v('rating') ?? 'good'} error={e('rating')} required
          options={VISIT_RATINGS.map((r) => [r, VISIT_RATING_LABELS[r]])} />
        <fieldset>
          <legend>整改要求（没有可不填）</legend>
          {Array.from({ length: DEMAND_ROWS }, (_, i) => (
            <div class="demand-edit">
              <TextArea name={`d${i}_demand`} label={`整改要求 ${i + 1}`} value={v(`d${i}_demand`)} error={e(`d${i}_demand`)} maxlength={1000} rows={2} />
              <Field name={`d${i}_deadline`} label="整改期限" type="date" value={v(`d${i}_deadline`)} error={e(`d${i}_deadline`)} />
            </div>
          ))}
        </fieldset>
        <button type="submit">保存督查记录</button>
      </form>
    </section>
  );
}

export function RectificationPage(p: {
  j: Jurisdiction; cycle: Cycle; project: Project; r: Rectification; today: string;
  history: { kind: string; text: string; deadline: string | null; byName: string; at: Date }[];
  canAnswer: boolean; canDecide: boolean; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}/projects/${p.project.id}`;
  const here = `${base}/rectifications/${p.r.id}`;
  const KIND: Record<string, string> = { demand: '提出整改要求', answer: '承办单位答复', accept: '监督小组确认通过', reopen: '监督小组退回重改' };
  return (
    <section>
      <p class="muted"><a href={base}>{p.project.title}</a></p>
      <h1>整改要求</h1>
      <div class="card">
        <p class="lead">{p.r.demand}</p>
        <p>期限 {p.r.deadline} · <span class={`rect rect-${p.r.state}`}>{RECTIFICATION_LABELS[p.r.state]}</span>
          {isRectificationOverdue(p.r.state, p.r.deadline, p.today) && <strong class="bad"> 已逾期</strong>}</p>
      </div>
      <h2>办理记录</h2>
      <ol class="timeline">
        {p.history.map((h) => (
          <li>
            <strong>{KIND[h.kind] ?? h.kind}</strong>
            <div class="muted">{fmtDateTime(h.at)} · {h.byName}{h.deadline && ` · 期限 ${h.deadline}`}</div>
            {h.text && h.kind !== 'demand' && <div>{h.text}</div>}
          </li>
        ))}
      </ol>
      {p.canAnswer && (p.r.state === 'open' || p.r.state === 'reopened') && (
        <form method="post" action={`${here}/answer`} class="stack card" novalidate>
          <h2>答复整改要求</h2>
          <FormError errors={p.errors} />
          <TextArea name="text" label="整改情况" value={p.values?.text} error={p.errors?.text} maxlength={2000} rows={4} required
            hint="写明已采取的措施和结果，监督小组将据此确认或退回" />
          <button type="submit">提交答复</button>
        </form>
      )}
      {p.canDecide && p.r.state === 'answered' && (
        <div class="card">
          <h2>确认整改结果</h2>
          <p><strong>承办单位答复：</strong>{p.r.response}</p>
          <form method="post" action={`${here}/accept`} class="stack" novalidate>
            <TextArea name="text" label="确认意见（可选）" value={p.values?.step === 'accept' ? p.values.text : ''} maxlength={1000} />
            <button type="submit">整改通过</button>
          </form>
          <form method="post" action={`${here}/reopen`} class="stack" novalidate>
            <FormError errors={p.values?.step === 'reopen' ? p.errors : undefined} />
            <TextArea name="text" label="退回原因" value={p.values?.step === 'reopen' ? p.values.text : ''} error={p.values?.step === 'reopen' ? p.errors?.text : undefined} maxlength={1000} required />
            <Field name="deadline" label="新的整改期限（可选）" type="date" value={p.values?.step === 'reopen' ? p.values.deadline : ''} error={p.values?.step === 'reopen' ? p.errors?.deadline : undefined} />
            <button type="submit" class="danger">退回重改</button>
          </form>
        </div>
      )}
    </section>
  );
}
