import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { SUPERVISION_MEMBER_ROLES, VISIT_RATINGS } from '../../domain/vocabulary';
import { DEMAND_ROWS, GroupsPage, RectificationPage, VisitPage, type FormState } from '../../../views/delivery/SupervisionPages';
import { actorOf, authorize, can, notFound } from '../../auth/authorize';
import { projectsOfCycle, currentPlan } from '../../data/projects';
import {
  addMember, assignProject, createGroup, getGroup, getRectification, getVisit, groupOfProject, groupsOfCycle, isGroupMember,
  publishVisit, recordVisit, rectificationHistory, removeMember, stepRectification, supervisionAccounts, type GroupWithMembers,
} from '../../data/supervision';
import { isProjectUnit } from '../../domain/projectUnit';
import type { RectificationStep } from '../../domain/rectification';
import { isDate, quarterOf, scheduleQuarters } from '../../domain/schedule';
import { isObserverRole } from '../../domain/supervision';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { fieldErrors, trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, cycleParam, deliveryTabs, projectParam, today, type C } from './context';

const S = '/j/:code/cycles/:year{[0-9]{4}}/supervision';
const P = '/j/:code/cycles/:year{[0-9]{4}}/projects/:id{[0-9]+}';

function groupsPage(c: C, form?: FormState) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'delivery.view', j.id);
  const db = c.get('db');
  return c.render(
    <GroupsPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} groups={groupsOfCycle(db, cycle.id)} projects={projectsOfCycle(db, cycle.id)}
      accounts={supervisionAccounts(db, j.id)} canManage={can(c, 'delivery.manage', j.id)} form={form} />,
    { title: `${j.name} ${cycle.year} 年度监督小组` },
  );
}

function groupParam(c: C) {
  const { j, cycle } = cycleParam(c);
  const me = authorize(c, 'delivery.manage', j.id);
  const group = getGroup(c.get('db'), cycle.id, Number(c.req.param('gid')));
  if (!group) notFound();
  return { j, cycle, group, me };
}

const groupForm = z.object({ name: trimmed(100, '请填写小组名称') });
const memberForm = z.object({
  name: trimmed(100, '请填写成员姓名'),
  role: z.enum(SUPERVISION_MEMBER_ROLES, { error: '请选择成员类别' }),
  userId: z.string().trim().regex(/^\d*$/, '请从列表中选择'),
});
const assignForm = z.object({ projectId: z.string().trim().regex(/^\d+$/, '请选择项目') });

/** A supervision member records visits only for the projects of a group they belong to; the clerk for any. */
function supervisorOf(c: C, jId: number, group: GroupWithMembers | undefined): boolean {
  if (!can(c, 'supervision.record', jId) || !group) return false;
  return can(c, 'delivery.manage', jId) || isGroupMember(c.get('db'), group.id, c.get('user')!.id);
}

function visitGuard(c: C) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'supervision.record', j.id);
  const project = projectParam(c, cycle);
  const group = groupOfProject(c.get('db'), project.id);
  if (!group) throw new HTTPException(403, { message: 'no group' });
  if (!supervisorOf(c, j.id, group)) throw new HTTPException(403, { message: 'not a member' });
  return { j, cycle, project, group };
}

function visitPage(c: C, values?: FormValues, errors?: FieldErrors, present?: string[]) {
  const { j, cycle, project, group } = visitGuard(c);
  const plan = currentPlan(c.get('db'), project);
  const quarters = scheduleQuarters(plan.startDate, plan.endDate, cycle.year);
  const t = today(c);
  const q = quarters.includes(quarterOf(t)) ? quarterOf(t) : quarters.filter((x) => x <= quarterOf(t)).at(-1) ?? quarters[0] ?? quarterOf(t);
  return c.render(
    <VisitPage j={j} cycle={cycle} project={project} group={group} quarters={quarters.length ? quarters : [q]} defaultQuarter={q}
      defaultDate={t} values={values} errors={errors} present={present ?? group.members.filter((m) => !m.observer).map((m) => m.name)} />,
    { title: `记录季度督查 · ${project.title}` },
  );
}

const visitForm = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, '请选择季度'),
  date: z.string().trim().refine(isDate, '请填写有效的督查日期'),
  findings: trimmed(4000, '请填写督查发现'),
  problems: trimmed(2000),
  rating: z.enum(VISIT_RATINGS, { error: '请选择总体评价' }),
});

function rectGuard(c: C) {
  const { j, cycle } = cycleParam(c);
  const me = authorize(c, 'delivery.view', j.id);
  const project = projectParam(c, cycle);
  const db = c.get('db');
  const r = getRectification(db, project.id, Number(c.req.param('rid')));
  if (!r) notFound();
  const canAnswer = can(c, 'rectification.answer', j.id) && isProjectUnit(project, me.id);
  const canDecide = supervisorOf(c, j.id, groupOfProject(db, project.id));
  return { j, cycle, project, r, me, canAnswer, canDecide };
}

function rectPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const x = rectGuard(c);
  return c.render(
    <RectificationPage j={x.j} cycle={x.cycle} project={x.project} r={x.r} today={today(c)} history={rectificationHistory(c.get('db'), x.r.id)}
      canAnswer={x.canAnswer} canDecide={x.canDecide} values={values} errors={errors} />,
    { title: `整改要求 · ${x.project.title}` },
  );
}

const stepForm = z.object({ text: trimmed(2000), deadline: z.string().trim().optional() });

function rectStep(step: RectificationStep) {
  return async (c: C) => {
    const x = rectGuard(c);
    if (step === 'answer' ? !x.canAnswer : !x.canDecide) throw new HTTPException(403, { message: 'forbidden' });
    const parsed = stepForm.safeParse(await c.req.parseBody());
    const values: FormValues = { step, text: parsed.success ? parsed.data.text : '', deadline: parsed.success ? parsed.data.deadline ?? '' : '' };
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (parsed.success) {
      if (step === 'answer' && !parsed.data.text) errors.text = '请填写整改情况';
      if (step === 'reopen' && !parsed.data.text) errors.text = '退回必须写明原因';
      if (step === 'reopen' && parsed.data.deadline && !isDate(parsed.data.deadline)) errors.deadline = '请填写有效的日期';
    }
    if (Object.keys(errors).length > 0) {
      c.status(422);
      return rectPage(c, values, errors);
    }
    const r = stepRectification(c.get('db'), { ...actorOf(c), id: x.me.id }, x.r, x.j.id, step, values.text ?? '',
      step === 'reopen' && values.deadline ? values.deadline : null, c.get('now')());
    if (!r.ok) {
      c.status(422);
      return rectPage(c, values, { _form: r.error });
    }
    flash(c, { answer: '答复已提交，等待监督小组确认', accept: '整改已确认通过', reopen: '已退回承办单位重新整改' }[step]);
    return c.redirect(`${cycleBase(x.j, x.cycle)}/projects/${x.project.id}`, 303);
  };
}

export const supervisionRoutes = new Hono<AppEnv>()
  .get(S, (c) => groupsPage(c))
  .post(`${S}/groups`,
    validForm(groupForm, (c, values, errors) => {
      authorize(c, 'delivery.manage', cycleParam(c).j.id);
      return groupsPage(c, { key: 'group', values, errors });
    }),
    (c) => {
      const { j, cycle } = cycleParam(c);
      authorize(c, 'delivery.manage', j.id);
      const g = createGroup(c.get('db'), actorOf(c), cycle.id, j.id, c.req.valid('form').name, c.get('now')());
      flash(c, `已成立 ${g.name}`);
      return c.redirect(`${cycleBase(j, cycle)}/supervision#group-${g.id}`, 303);
    })
  .post(`${S}/groups/:gid{[0-9]+}/members`,
    validForm(memberForm, (c, values, errors) => {
      const { group } = groupParam(c);
      return groupsPage(c, { key: `member-${group.id}`, values, errors });
    }),
    (c) => {
      const { j, cycle, group } = groupParam(c);
      const f = c.req.valid('form');
      const userId = f.userId ? Number(f.userId) : null;
      if (userId !== null && !supervisionAccounts(c.get('db'), j.id).some((a) => a.id === userId)) {
        c.status(422);
        return groupsPage(c, { key: `member-${group.id}`, values: f, errors: { userId: '只能关联本辖区的监督小组成员或人大工作人员账号' } });
      }
      addMember(c.get('db'), actorOf(c), group, j.id, { name: f.name, role: f.role, observer: isObserverRole(f.role), userId }, c.get('now')());
      flash(c, `已将 ${f.name} 加入 ${group.name}`);
      return c.redirect(`${cycleBase(j, cycle)}/supervision#group-${group.id}`, 303);
    })
  .post(`${S}/groups/:gid{[0-9]+}/members/:mid{[0-9]+}/remove`, (c) => {
    const { j, cycle, group } = groupParam(c);
    if (!removeMember(c.get('db'), actorOf(c), group, j.id, Number(c.req.param('mid')), c.get('now')())) notFound();
    flash(c, '成员已移除');
    return c.redirect(`${cycleBase(j, cycle)}/supervision#group-${group.id}`, 303);
  })
  .post(`${S}/groups/:gid{[0-9]+}/projects`,
    validForm(assignForm, (c, values, errors) => {
      const { group } = groupParam(c);
      return groupsPage(c, { key: `assign-${group.id}`, values, errors });
    }),
    (c) => {
      const { j, cycle, group } = groupParam(c);
      const pid = Number(c.req.valid('form').projectId);
      const pr = projectsOfCycle(c.get('db'), cycle.id).find((x) => x.id === pid);
      if (!pr) {
        c.status(422);
        return groupsPage(c, { key: `assign-${group.id}`, values: { projectId: String(pid) }, errors: { projectId: '请选择本年度的项目' } });
      }
      assignProject(c.get('db'), actorOf(c), group, j.id, pid, c.get('now')());
      flash(c, `${pr.title} 已由 ${group.name} 负责监督`);
      return c.redirect(`${cycleBase(j, cycle)}/supervision#group-${group.id}`, 303);
    })
  .get(`${P}/visits/new`, (c) => visitPage(c))
  .post(`${P}/visits`, async (c) => {
    const { j, cycle, project, group } = visitGuard(c);
    const body = await c.req.parseBody({ all: true });
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const values: FormValues = Object.fromEntries(Object.keys(body).filter((k) => typeof body[k] === 'string').map((k) => [k, str(k)]));
    const members = ([] as unknown[]).concat(body.members ?? []).filter((m): m is string => typeof m === 'string');
    const parsed = visitForm.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const known = new Set(group.members.map((m) => m.name));
    const present = members.filter((m) => known.has(m));
    if (present.length === 0) errors.members = '请勾选到场成员';
    const demands: { demand: string; deadline: string }[] = [];
    for (let i = 0; i < DEMAND_ROWS; i++) {
      const demand = str(`d${i}_demand`).trim().slice(0, 1000);
      const deadline = str(`d${i}_deadline`).trim();
      if (!demand && !deadline) continue;
      if (!demand) errors[`d${i}_demand`] = '请填写整改要求，或清空期限';
      if (!isDate(deadline)) errors[`d${i}_deadline`] = '每项整改要求都要有期限';
      else if (parsed.success && deadline < parsed.data.date) errors[`d${i}_deadline`] = '整改期限不能早于督查日期';
      demands.push({ demand, deadline });
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      c.status(422);
      return visitPage(c, values, errors, present);
    }
    recordVisit(c.get('db'), { ...actorOf(c), id: c.get('user')!.id }, project.id, group.id, j.id,
      { ...parsed.data, membersPresent: present, demands }, c.get('now')());
    flash(c, `督查记录已保存${demands.length ? `，提出整改要求 ${demands.length} 项` : ''}`);
    return c.redirect(`${cycleBase(j, cycle)}/projects/${project.id}`, 303);
  })
  .post(`${P}/visits/:vid{[0-9]+}/publish`, (c) => {
    const { j, cycle, project } = visitGuard(c);
    const visit = getVisit(c.get('db'), project.id, Number(c.req.param('vid')));
    if (!visit) notFound();
    if (!visit.publishedAt) publishVisit(c.get('db'), actorOf(c), visit, j.id, c.get('now')());
    flash(c, '督查结果已在公开页面发布');
    return c.redirect(`${cycleBase(j, cycle)}/projects/${project.id}`, 303);
  })
  .get(`${P}/rectifications/:rid{[0-9]+}`, (c) => rectPage(c))
  .post(`${P}/rectifications/:rid{[0-9]+}/answer`, rectStep('answer'))
  .post(`${P}/rectifications/:rid{[0-9]+}/accept`, rectStep('accept'))
  .post(`${P}/rectifications/:rid{[0-9]+}/reopen`, rectStep('reopen'));
