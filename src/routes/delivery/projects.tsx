import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ProjectListPage, ProjectPage } from '../../../views/delivery/ProjectPages';
import { PlanPage } from '../../../views/delivery/PlanPage';
import { allow, can, userActor } from '../../auth/authorize';
import { getCycle } from '../../data/cycles';
import { carriedFrom, carriedTo, carryOverProject, updateFollowUp } from '../../data/evaluation';
import { feedbackOf } from '../../data/feedback';
import { descendantIds, stationsOf } from '../../data/jurisdictions';
import { acceptProject, adjustPlan, originalPlan, planAdjustmentsOf, projectHref } from '../../data/projects';
import { groupOfProject, visitsOf } from '../../data/supervision';
import { isProjectUnit } from '../../domain/projectUnit';
import type { Plan } from '../../domain/schedule';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { ProjectEnv } from '../../http/subjects/delivery';
import { notFound, type CycleEnv } from '../../http/subjects/jurisdiction';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { ALWAYS, assessed, assessedOne, cycleBase, deliveryTabs, numberedRows, today } from './shared';
import { compareDates, isChinaDate } from '../../domain/chinaDate';
import { followUpDue, isFollowUpOverdue } from '../../domain/deliveryTasks';
import { getSettings } from '../../data/settings';

type C = Context<ProjectEnv>;

const here = (c: C) => `${cycleBase(c)}/projects/${c.var.project.id}`;

function listPage(c: Context<CycleEnv>) {
  const { db, jurisdiction: j, cycle } = c.var;
  return c.render(
    <ProjectListPage j={j} cycle={cycle} tabs={deliveryTabs(c)} items={assessed(c)} today={today(c)}
      stations={stationsOf(db, descendantIds(db, j.id)).filter((s) => s.active).map((s) => ({ name: s.name, shortCode: s.shortCode }))} />,
    { title: `${j.name} ${cycle.year} 年度项目进展` },
  );
}

/** The project page; a refusal shows either as a banner (acceptance, carry-over) or inside the follow-up form. */
function projectPageWith(c: C, opts: { followUpValues?: FormValues; followUpErrors?: FieldErrors; error?: string }) {
  const { db, jurisdiction: j, cycle, project } = c.var;
  const me = userActor(c).id;
  const link = (id: number | undefined) => (id ? projectHref(db, id) : undefined);
  const a = assessedOne(c, project.id);
  const days = getSettings(db, j.id).followUpDays;
  const followUp = a.followUp && { due: followUpDue(a.followUp, days), overdue: isFollowUpOverdue(a.followUp, days, today(c)) };
  return c.render(
    <ProjectPage j={j} cycle={cycle} tabs={deliveryTabs(c)} a={a} followUpDue={followUp} original={originalPlan(db, project.candidateId)}
      adjustments={planAdjustmentsOf(db, project.id)} visits={visitsOf(db, [project.id])} group={groupOfProject(db, project.id)}
      feedback={can(c, 'feedback.view', j.id) ? feedbackOf(db, [project.id]) : []} today={today(c)}
      can={{
        report: can(c, 'progress.report', j.id) && isProjectUnit(project, me),
        manage: can(c, 'delivery.manage', j.id),
        supervise: can(c, 'supervision.record', j.id),
        answer: can(c, 'rectification.answer', j.id) && isProjectUnit(project, me),
        feedback: can(c, 'feedback.view', j.id),
        moderate: can(c, 'feedback.moderate', j.id),
      }}
      carriedTo={link(carriedTo(db, project.id))} carriedFrom={link(carriedFrom(db, project.id))}
      nextYearCycle={!!getCycle(db, j.id, cycle.year + 1)} {...opts}
    />,
    { title: project.title },
  );
}
const projectPage = (c: C, _values?: FormValues, errors?: FieldErrors) => projectPageWith(c, { error: errors?._form });
const followUpPage = (c: C, values?: FormValues, errors?: FieldErrors) => projectPageWith(c, { followUpValues: values, followUpErrors: errors });

// ---- plan adjustment: the milestone rows are numbered fields m0_title … ; blank rows are ignored.

const MAX_MILESTONE_ROWS = 12;
const PLAN_CELLS = ['title', 'dueDate', 'pct', 'spend'] as const;

function planValues(plan: Plan): FormValues {
  const v: FormValues = { budget: String(plan.budget), startDate: plan.startDate, endDate: plan.endDate };
  plan.milestones.forEach((m, i) => {
    v[`m${i}_title`] = m.title; v[`m${i}_dueDate`] = m.dueDate; v[`m${i}_pct`] = String(m.plannedPct); v[`m${i}_spend`] = String(m.plannedSpend);
  });
  return v;
}

const wholeYuan = (label: string) => z.string().trim().min(1, `请填写${label}`)
  .pipe(z.coerce.number<string>({ error: `${label}须为数字` }).int(`${label}须为整数元`).min(0, `${label}不能为负数`).max(100_000_000_000, `${label}过大`));
const dateField = (label: string) => z.string().trim().refine(isChinaDate, `请填写有效的${label}`);

/** The filled milestone rows with their row numbers (a row with every cell blank is not a milestone). */
function plannedRows(form: Record<string, unknown>) {
  return numberedRows(form, 'm', MAX_MILESTONE_ROWS, PLAN_CELLS)
    .map((r, i) => ({ i, r }))
    .filter(({ r }) => r.title || r.dueDate || r.pct || r.spend)
    .map(({ i, r }) => ({ i, r, m: { title: r.title.slice(0, 200), dueDate: r.dueDate, plannedPct: Number(r.pct), plannedSpend: Number(r.spend || '0') } }));
}

const planForm = z.looseObject({
  budget: wholeYuan('预算'), startDate: dateField('开工日期'), endDate: dateField('完工日期'),
  reason: trimmed(1000, '调整计划必须写明原因'),
}).superRefine((v, ctx) => {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  const rows = plannedRows(v);
  for (const { i, r, m } of rows) {
    if (!r.title) issue(`m${i}_title`, '请填写节点名称');
    if (!isChinaDate(r.dueDate)) issue(`m${i}_dueDate`, '请填写有效的计划日期');
    if (r.pct === '' || !Number.isInteger(m.plannedPct) || m.plannedPct < 0 || m.plannedPct > 100) issue(`m${i}_pct`, '累计完成比例须为 0–100 的整数');
    if (!Number.isInteger(m.plannedSpend) || m.plannedSpend < 0) issue(`m${i}_spend`, '累计支出须为不小于 0 的整数元');
  }
  const [start, end] = [String(v.startDate ?? ''), String(v.endDate ?? '')];
  if (isChinaDate(start) && isChinaDate(end) && end < start) issue('endDate', '完工日期不能早于开工日期');
  const sorted = rows.map((x) => x.m).sort((a, b) => compareDates(a.dueDate, b.dueDate));
  if (sorted.some((m, i) => i > 0 && m.plannedPct < sorted[i - 1]!.plannedPct)) ctx.addIssue({ code: 'custom', message: '节点的累计完成比例应随日期递增' });
}, ALWAYS).transform((v) => ({
  reason: v.reason,
  plan: {
    budget: v.budget, startDate: v.startDate, endDate: v.endDate,
    milestones: plannedRows(v).map((x) => x.m).sort((a, b) => compareDates(a.dueDate, b.dueDate)),
  } satisfies Plan,
}));

function planPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle, project } = c.var;
  const current = assessedOne(c, project.id).plan;
  const rows = Math.min(MAX_MILESTONE_ROWS, Math.max(current.milestones.length + 2, Object.keys(values ?? {}).filter((k) => /^m\d+_title$/.test(k)).length));
  return c.render(
    <PlanPage j={j} cycle={cycle} project={project} original={originalPlan(db, project.candidateId)} current={current}
      values={values ?? planValues(current)} errors={errors} rows={rows} />,
    { title: `调整计划 · ${project.title}` },
  );
}

const followUpForm = z.object({
  measures: trimmed(2000, '请填写整改措施'),
  deadline: z.string().trim().refine((s) => s === '' || isChinaDate(s), '请填写有效的日期'),
  state: z.enum(['open', 'done'], { error: '请选择状态' }),
  outcome: trimmed(2000),
});

/** /j/:code/cycles/:year/projects — the year's projects with their colours. */
export const projectList = new Hono<CycleEnv>()
  .get('/', allow('delivery.view'), (c) => listPage(c));

/** /j/:code/cycles/:year/projects/:projectId — one project: its page, plan adjustment, acceptance, carry-over, follow-up. */
export const project = new Hono<ProjectEnv>()
  .get('/', allow('delivery.view'), (c) => projectPage(c))
  .get('/plan', allow('delivery.manage'), (c) => planPage(c))
  .post('/plan', allow('delivery.manage'), validForm(planForm, planPage), (c) => {
    const { plan, reason } = c.req.valid('form');
    adjustPlan(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id, plan, reason, c.var.now());
    return redirectWithFlash(c, here(c), '计划已调整，原计划和调整原因已保留');
  })
  .post('/accept', allow('delivery.manage'), (c) => {
    const r = acceptProject(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id, c.var.now());
    if (!r.ok) return refused(c, r, projectPage);
    return redirectWithFlash(c, here(c), '项目已验收，亮灯为蓝灯');
  })
  .post('/carry-over', allow('delivery.manage'), (c) => {
    const r = carryOverProject(c.var.db, userActor(c), c.var.project, c.var.cycle, c.var.now());
    if (!r.ok) return refused(c, r, projectPage);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/cycles/${r.value.year}/projects/${r.value.projectId}`, `剩余计划已结转到 ${r.value.year} 年度`);
  })
  .post('/follow-up', allow('delivery.manage'), validForm(followUpForm, followUpPage), (c) => {
    const f = c.req.valid('form');
    const saved = updateFollowUp(c.var.db, userActor(c), c.var.project.id, c.var.jurisdiction.id, { ...f, deadline: f.deadline || null }, c.var.now());
    if (!saved) notFound(); // only a project marked at the year-end evaluation has a follow-up record
    return redirectWithFlash(c, here(c), '整改跟踪已保存');
  });
