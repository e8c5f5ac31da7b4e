import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SUPERVISION_MEMBER_ROLES, VISIT_RATINGS } from '../../domain/vocabulary';
import { DEMAND_ROWS, GroupsPage, RectificationPage, VisitPage, type FormState } from '../../../views/delivery/SupervisionPages';
import { allow, can, userActor } from '../../auth/authorize';
import { currentPlan, projectsOfCycle } from '../../data/projects';
import {
  addMember, assignProject, createGroup, groupOfProject, groupsOfCycle, isGroupMember, publishVisit, recordVisit, rectificationHistory,
  removeMember, stepRectification, supervisionAccounts, type GroupWithMembers,
} from '../../data/supervision';
import { isProjectUnit } from '../../domain/projectUnit';
import type { RectificationStep } from '../../domain/rectification';
import { quarterOf, scheduleQuarters } from '../../domain/schedule';
import { isObserverRole } from '../../domain/supervision';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { GroupEnv, ProjectEnv, RectificationEnv, VisitEnv } from '../../http/subjects/delivery';
import { idParam, notFound, type CycleEnv } from '../../http/subjects/jurisdiction';
import { fieldErrors, formValues, trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { ALWAYS, cycleBase, deliveryTabs, numberedRows, only, today } from './shared';
import { isChinaDate } from '../../domain/chinaDate';

// ---- groups: the clerk forms them, adds members and assigns each project to one

function groupsPage<E extends CycleEnv>(c: Context<E>, form?: FormState) {
  const { db, jurisdiction: j, cycle } = c.var;
  return c.render(
    <GroupsPage j={j} cycle={cycle} tabs={deliveryTabs(c)} groups={groupsOfCycle(db, cycle.id)} projects={projectsOfCycle(db, cycle.id)}
      accounts={supervisionAccounts(db, j.id)} canManage={can(c, 'delivery.manage', j.id)} form={form} />,
    { title: `${j.name} ${cycle.year} 年度监督小组` },
  );
}

/** The groups page with values and errors put back into the one form they came from. */
function groupsPageFor<E extends CycleEnv>(key: (c: Context<E>) => string) {
  return (c: Context<E>, values?: FormValues, errors?: FieldErrors) =>
    groupsPage(c, { key: key(c), values: values ?? {}, errors: errors ?? {} });
}
const newGroupPage = groupsPageFor<CycleEnv>(() => 'group');
const memberPage = groupsPageFor<GroupEnv>((c) => `member-${c.var.group.id}`);
const assignPage = groupsPageFor<GroupEnv>((c) => `assign-${c.var.group.id}`);

const groupForm = z.object({ name: trimmed(100, '请填写小组名称') });
const memberForm = z.object({
  name: trimmed(100, '请填写成员姓名'),
  role: z.enum(SUPERVISION_MEMBER_ROLES, { error: '请选择成员类别' }),
  userId: z.string().trim().regex(/^\d{0,9}$/, '请从列表中选择').transform((s) => (s ? Number(s) : null)),
});
const assignForm = z.object({ projectId: z.string().trim().regex(/^\d{1,9}$/, '请选择项目').transform(Number) });

const groupAnchor = (c: Context<GroupEnv>) => `${cycleBase(c)}/supervision#group-${c.var.group.id}`;

/** /j/:code/cycles/:year/supervision — the year's supervision groups. */
export const supervision = new Hono<CycleEnv>()
  .get('/', allow('delivery.view'), (c) => groupsPage(c))
  .post('/groups', allow('delivery.manage'), validForm(groupForm, newGroupPage), (c) => {
    const g = createGroup(c.var.db, userActor(c), c.var.cycle.id, c.var.jurisdiction.id, c.req.valid('form').name, c.var.now());
    return redirectWithFlash(c, `${cycleBase(c)}/supervision#group-${g.id}`, `已成立 ${g.name}`);
  });

/** /j/:code/cycles/:year/supervision/groups/:groupId — one group's members and projects. */
export const group = new Hono<GroupEnv>()
  .post('/members', allow('delivery.manage'), validForm(memberForm, memberPage), (c) => {
    const f = c.req.valid('form');
    const r = addMember(c.var.db, userActor(c), c.var.group, c.var.jurisdiction.id,
      { name: f.name, role: f.role, observer: isObserverRole(f.role), userId: f.userId }, c.var.now());
    if (!r.ok) return refused(c, r, memberPage, f);
    return redirectWithFlash(c, groupAnchor(c), `已将 ${f.name} 加入 ${c.var.group.name}`);
  })
  .post('/members/:memberId{[0-9]+}/remove', allow('delivery.manage'), (c) => {
    if (!removeMember(c.var.db, userActor(c), c.var.group, c.var.jurisdiction.id, idParam(c.req.param('memberId')), c.var.now())) notFound();
    return redirectWithFlash(c, groupAnchor(c), '成员已移除');
  })
  .post('/projects', allow('delivery.manage'), validForm(assignForm, assignPage), (c) => {
    const input = c.req.valid('form');
    const r = assignProject(c.var.db, userActor(c), c.var.group, c.var.jurisdiction.id, input.projectId, c.var.now());
    if (!r.ok) return refused(c, r, assignPage, input);
    return redirectWithFlash(c, groupAnchor(c), `${r.value.title} 已由 ${c.var.group.name} 负责监督`);
  });

// ---- quarterly visits: a member of the project's group (or the clerk) records them

/** Whether the user may record for, and decide on, this group's projects: a member of it, or the clerk. */
function supervises<E extends ProjectEnv>(c: Context<E>, g: GroupWithMembers | undefined): g is GroupWithMembers {
  const j = c.var.jurisdiction;
  if (!g || !can(c, 'supervision.record', j.id)) return false;
  return can(c, 'delivery.manage', j.id) || isGroupMember(c.var.db, g.id, userActor(c).id);
}
const supervisesProject = <E extends ProjectEnv>(c: Context<E>) => supervises(c, groupOfProject(c.var.db, c.var.project.id));

/** The project's group, after only(supervisesProject) made sure there is one. */
const groupOf = <E extends ProjectEnv>(c: Context<E>) => groupOfProject(c.var.db, c.var.project.id) ?? notFound();

/** Names ticked in the form that are members of the group: anything else posted is dropped. */
function presentIn(raw: unknown, g: GroupWithMembers): string[] {
  const known = new Set(g.members.map((m) => m.name));
  return ([] as unknown[]).concat(raw ?? []).filter((m): m is string => typeof m === 'string' && known.has(m));
}

function visitPage(c: Context<ProjectEnv>, values?: FormValues, errors?: FieldErrors, present?: string[]) {
  const { db, jurisdiction: j, cycle, project } = c.var;
  const g = groupOf(c);
  const plan = currentPlan(db, project);
  const quarters = scheduleQuarters(plan.startDate, plan.endDate, cycle.year);
  const t = today(c);
  const q = quarters.includes(quarterOf(t)) ? quarterOf(t) : quarters.filter((x) => x <= quarterOf(t)).at(-1) ?? quarters[0] ?? quarterOf(t);
  return c.render(
    <VisitPage j={j} cycle={cycle} project={project} group={g} quarters={quarters.length ? quarters : [q]} defaultQuarter={q}
      defaultDate={t} values={values} errors={errors} present={present ?? g.members.filter((m) => !m.observer).map((m) => m.name)} />,
    { title: `记录季度督查 · ${project.title}` },
  );
}

/** A visit: who was there (members of the group only), what was found, and up to DEMAND_ROWS demands with deadlines. */
function visitForm(g: GroupWithMembers) {
  const demandRows = (v: Record<string, unknown>) => numberedRows(v, 'd', DEMAND_ROWS, ['demand', 'deadline'] as const)
    .map((r, i) => ({ i, demand: r.demand.slice(0, 1000), deadline: r.deadline }))
    .filter((r) => r.demand || r.deadline);
  return z.looseObject({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, '请选择季度'),
    date: z.string().trim().refine(isChinaDate, '请填写有效的督查日期'),
    findings: trimmed(4000, '请填写督查发现'),
    problems: trimmed(2000),
    rating: z.enum(VISIT_RATINGS, { error: '请选择总体评价' }),
    members: z.unknown().transform((raw) => presentIn(raw, g)).refine((ms) => ms.length > 0, '请勾选到场成员'),
  }).superRefine((v, ctx) => {
    const visitDate = typeof v.date === 'string' && isChinaDate(v.date) ? v.date : null;
    for (const r of demandRows(v)) {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [`d${r.i}_${field}`], message });
      if (!r.demand) issue('demand', '请填写整改要求，或清空期限');
      if (!isChinaDate(r.deadline)) issue('deadline', '每项整改要求都要有期限');
      else if (visitDate && r.deadline < visitDate) issue('deadline', '整改期限不能早于督查日期');
    }
  }, ALWAYS).transform((v) => ({
    quarter: v.quarter, date: v.date, findings: v.findings, problems: v.problems, rating: v.rating, membersPresent: v.members,
    demands: demandRows(v).map(({ demand, deadline }) => ({ demand, deadline })),
  }));
}

/** /j/:code/cycles/:year/projects/:projectId/visits — recording a quarterly visit (季监督). */
export const visits = new Hono<ProjectEnv>()
  .get('/new', allow('supervision.record'), only(supervisesProject), (c) => visitPage(c))
  .post('/', allow('supervision.record'), only(supervisesProject), async (c) => {
    const g = groupOf(c);
    const body = await c.req.parseBody({ all: true });
    const parsed = visitForm(g).safeParse(body);
    if (!parsed.success) {
      c.status(422);
      return visitPage(c, formValues(body), fieldErrors(parsed.error), presentIn(body.members, g));
    }
    recordVisit(c.var.db, userActor(c), c.var.project.id, g.id, c.var.jurisdiction.id, parsed.data, c.var.now());
    const n = parsed.data.demands.length;
    return redirectWithFlash(c, `${cycleBase(c)}/projects/${c.var.project.id}`, `督查记录已保存${n ? `，提出整改要求 ${n} 项` : ''}`);
  });

/** /j/:code/cycles/:year/projects/:projectId/visits/:visitId — publishing one visit's findings on the portal. */
export const visit = new Hono<VisitEnv>()
  .post('/publish', allow('supervision.record'), only(supervisesProject), (c) => {
    publishVisit(c.var.db, userActor(c), c.var.visit, c.var.jurisdiction.id, c.var.now());
    return redirectWithFlash(c, `${cycleBase(c)}/projects/${c.var.project.id}`, '督查结果已在公开页面发布');
  });

// ---- rectifications: the unit answers, the group accepts or reopens

type R = Context<RectificationEnv>;
const isUnit = (c: R) => isProjectUnit(c.var.project, userActor(c).id);

function rectPage(c: R, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle, project, rectification: r } = c.var;
  return c.render(
    <RectificationPage j={j} cycle={cycle} project={project} r={r} today={today(c)} history={rectificationHistory(db, r.id)}
      canAnswer={can(c, 'rectification.answer', j.id) && isUnit(c)} canDecide={supervisesProject(c)} values={values} errors={errors} />,
    { title: `整改要求 · ${project.title}` },
  );
}

/** Values and errors go back to the form of the step they came from (the page holds the answer, accept and reopen forms). */
const rectPageFor = (step: RectificationStep) => (c: R, values?: FormValues, errors?: FieldErrors) =>
  rectPage(c, { ...values, step }, errors);

const answerForm = z.object({ text: trimmed(2000, '请填写整改情况') });
const acceptForm = z.object({ text: trimmed(2000) });
const reopenForm = z.object({
  text: trimmed(2000, '退回必须写明原因'),
  deadline: z.string().trim().refine((s) => s === '' || isChinaDate(s), '请填写有效的日期').default(''),
});

const STEP_DONE: Record<RectificationStep, string> = { answer: '答复已提交，等待监督小组确认', accept: '整改已确认通过', reopen: '已退回承办单位重新整改' };

function takeStep(c: R, step: RectificationStep, input: { text: string; deadline?: string }) {
  const r = stepRectification(c.var.db, userActor(c), c.var.rectification, c.var.jurisdiction.id, step, input.text,
    step === 'reopen' && input.deadline ? input.deadline : null, c.var.now());
  if (!r.ok) return refused(c, r, rectPageFor(step), input);
  return redirectWithFlash(c, `${cycleBase(c)}/projects/${c.var.project.id}`, STEP_DONE[step]);
}

/** /j/:code/cycles/:year/projects/:projectId/rectifications/:rectificationId — one demand and its history. */
export const rectification = new Hono<RectificationEnv>()
  .get('/', allow('delivery.view'), (c) => rectPage(c))
  .post('/answer', allow('rectification.answer'), only(isUnit), validForm(answerForm, rectPageFor('answer')),
    (c) => takeStep(c, 'answer', c.req.valid('form')))
  .post('/accept', allow('supervision.record'), only(supervisesProject), validForm(acceptForm, rectPageFor('accept')),
    (c) => takeStep(c, 'accept', c.req.valid('form')))
  .post('/reopen', allow('supervision.record'), only(supervisesProject), validForm(reopenForm, rectPageFor('reopen')),
    (c) => takeStep(c, 'reopen', c.req.valid('form')));
