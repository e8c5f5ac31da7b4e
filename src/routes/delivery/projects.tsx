import { Hono } from 'hono';
import { z } from 'zod';
import { ProjectListPage, ProjectPage } from '../../../views/delivery/ProjectPages';
import { PlanPage } from '../../../views/delivery/PlanPage';
import { actorOf, authorize, can, notFound } from '../../auth/authorize';
import { getCycle } from '../../data/cycles';
import { assessCycle } from '../../data/delivery';
import { carriedFrom, carriedTo, carryOverProject, updateFollowUp } from '../../data/evaluation';
import { feedbackOf } from '../../data/feedback';
import { descendantIds, stationsOf } from '../../data/jurisdictions';
import { acceptProject, adjustPlan, originalPlan, planAdjustmentsOf, projectHref, type Project } from '../../data/projects';
import { getSettings } from '../../data/settings';
import { groupOfProject, visitsOf } from '../../data/supervision';
import { isProjectUnit } from '../../domain/projectUnit';
import { isDate, type Plan } from '../../domain/schedule';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, cycleParam, deliveryTabs, projectParam, today, type C } from './context';

const P = '/j/:code/cycles/:year{[0-9]{4}}/projects';

function projectPage(c: C, opts: { followUpValues?: FormValues; followUpErrors?: FieldErrors; error?: string } = {}) {
  const { j, cycle } = cycleParam(c);
  const me = authorize(c, 'delivery.view', j.id);
  const project = projectParam(c, cycle);
  const db = c.get('db');
  const a = assessCycle(db, cycle, today(c), getSettings(db, j.id)).find((x) => x.project.id === project.id)!;
  const to = carriedTo(db, project.id);
  const from = carriedFrom(db, project.id);
  const link = (id: number | undefined) => (id ? projectHref(db, id) : undefined);
  return c.render(
    <ProjectPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} a={a} original={originalPlan(db, project.candidateId)}
      adjustments={planAdjustmentsOf(db, project.id)} visits={visitsOf(db, [project.id])} group={groupOfProject(db, project.id)}
      feedback={can(c, 'feedback.view', j.id) ? feedbackOf(db, [project.id]) : []} today={today(c)}
      can={{
        report: can(c, 'progress.report', j.id) && isProjectUnit(project, me.id),
        manage: can(c, 'delivery.manage', j.id),
        supervise: can(c, 'supervision.record', j.id),
        answer: can(c, 'rectification.answer', j.id) && isProjectUnit(project, me.id),
        feedback: can(c, 'feedback.view', j.id),
        moderate: can(c, 'feedback.moderate', j.id),
      }}
      carriedTo={link(to)} carriedFrom={link(from)} nextYearCycle={!!getCycle(db, j.id, cycle.year + 1)} {...opts}
    />,
    { title: project.title },
  );
}

// ---- plan adjustment: the milestone rows are numbered fields m0_title … ; blank rows are ignored.

const MAX_MILESTONE_ROWS = 12;

function planValues(plan: Plan): FormValues {
  const v: FormValues = { budget: String(plan.budget), startDate: plan.startDate, endDate: plan.endDate };
  plan.milestones.forEach((m, i) => {
    v[`m${i}_title`] = m.title; v[`m${i}_dueDate`] = m.dueDate; v[`m${i}_pct`] = String(m.plannedPct); v[`m${i}_spend`] = String(m.plannedSpend);
  });
  return v;
}

const wholeYuan = (label: string) => z.string().trim().min(1, `请填写${label}`)
  .pipe(z.coerce.number<string>({ error: `${label}须为数字` }).int(`${label}须为整数元`).min(0, `${label}不能为负数`).max(100_000_000_000, `${label}过大`));
const dateField = (label: string) => z.string().trim().refine(isDate, `请填写有效的${label}`);
const planHead = z.object({
  budget: wholeYuan('预算'), startDate: dateField('开工日期'), endDate: dateField('完工日期'),
  reason: trimmed(1000, '调整计划必须写明原因'),
});

export function parsePlanForm(form: Record<string, unknown>): { ok: true; plan: Plan; reason: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const head = planHead.safeParse(form);
  if (!head.success) for (const i of head.error.issues) errors[String(i.path[0])] ??= i.message;
  const milestones: Plan['milestones'] = [];
  for (let i = 0; i < MAX_MILESTONE_ROWS; i++) {
    const f = (k: string) => String(form[`m${i}_${k}`] ?? '').trim();
    if (!f('title') && !f('dueDate') && !f('pct') && !f('spend')) continue;
    if (!f('title')) errors[`m${i}_title`] = '请填写节点名称';
    if (!isDate(f('dueDate'))) errors[`m${i}_dueDate`] = '请填写有效的计划日期';
    const pct = Number(f('pct'));
    if (f('pct') === '' || !Number.isInteger(pct) || pct < 0 || pct > 100) errors[`m${i}_pct`] = '累计完成比例须为 0–100 的整数';
    const spend = Number(f('spend') || '0');
    if (!Number.isInteger(spend) || spend < 0) errors[`m${i}_spend`] = '累计支出须为不小于 0 的整数元';
    milestones.push({ title: f('title').slice(0, 200), dueDate: f('dueDate'), plannedPct: pct, plannedSpend: spend });
  }
  if (head.success && head.data.endDate < head.data.startDate) errors.endDate ??= '完工日期不能早于开工日期';
  const sorted = [...milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  if (sorted.some((m, i) => i > 0 && m.plannedPct < sorted[i - 1]!.plannedPct)) errors._form ??= '节点的累计完成比例应随日期递增';
  if (!head.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, reason: head.data.reason, plan: { budget: head.data.budget, startDate: head.data.startDate, endDate: head.data.endDate, milestones: sorted } };
}

function planPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { j, cycle } = cycleParam(c);
  authorize(c, 'delivery.manage', j.id);
  const project = projectParam(c, cycle);
  const db = c.get('db');
  const a = assessCycle(db, cycle, today(c), getSettings(db, j.id)).find((x) => x.project.id === project.id)!;
  const rows = Math.min(MAX_MILESTONE_ROWS, Math.max(a.plan.milestones.length + 2, Object.keys(values ?? {}).filter((k) => /^m\d+_title$/.test(k)).length));
  return c.render(
    <PlanPage j={j} cycle={cycle} project={project} original={originalPlan(db, project.candidateId)} current={a.plan}
      values={values ?? planValues(a.plan)} errors={errors} rows={rows} />,
    { title: `调整计划 · ${project.title}` },
  );
}

const followUpForm = z.object({
  measures: trimmed(2000, '请填写整改措施'),
  deadline: z.string().trim().refine((s) => s === '' || isDate(s), '请填写有效的日期'),
  state: z.enum(['open', 'done'], { error: '请选择状态' }),
  outcome: trimmed(2000),
});

function manageGuard(c: C): { j: ReturnType<typeof cycleParam>['j']; cycle: ReturnType<typeof cycleParam>['cycle']; project: Project; me: { id: number } } {
  const { j, cycle } = cycleParam(c);
  const me = authorize(c, 'delivery.manage', j.id);
  return { j, cycle, project: projectParam(c, cycle), me };
}

export const projectRoutes = new Hono<AppEnv>()
  .get(P, (c) => {
    const { j, cycle } = cycleParam(c);
    authorize(c, 'delivery.view', j.id);
    const db = c.get('db');
    return c.render(
      <ProjectListPage j={j} cycle={cycle} tabs={deliveryTabs(c, j)} items={assessCycle(db, cycle, today(c), getSettings(db, j.id))} today={today(c)}
        stations={stationsOf(db, descendantIds(db, j.id)).filter((s) => s.active).map((s) => ({ name: s.name, shortCode: s.shortCode }))} />,
      { title: `${j.name} ${cycle.year} 年度项目进展` },
    );
  })
  .get(`${P}/:id{[0-9]+}`, (c) => projectPage(c))
  .get(`${P}/:id{[0-9]+}/plan`, (c) => planPage(c))
  .post(`${P}/:id{[0-9]+}/plan`, async (c) => {
    const { j, cycle, project } = manageGuard(c);
    const form = await c.req.parseBody();
    const parsed = parsePlanForm(form);
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
    if (!parsed.ok) {
      c.status(422);
      return planPage(c, values, parsed.errors);
    }
    adjustPlan(c.get('db'), { ...actorOf(c), id: c.get('user')!.id }, project, j.id, parsed.plan, parsed.reason, c.get('now')());
    flash(c, '计划已调整，原计划和调整原因已保留');
    return c.redirect(`${cycleBase(j, cycle)}/projects/${project.id}`, 303);
  })
  .post(`${P}/:id{[0-9]+}/accept`, (c) => {
    const { j, cycle, project } = manageGuard(c);
    const r = acceptProject(c.get('db'), actorOf(c), project, j.id, c.get('now')());
    if (!r.ok) {
      c.status(422);
      return projectPage(c, { error: r.error });
    }
    flash(c, '项目已验收，亮灯为蓝灯');
    return c.redirect(`${cycleBase(j, cycle)}/projects/${project.id}`, 303);
  })
  .post(`${P}/:id{[0-9]+}/carry-over`, (c) => {
    const { j, cycle, project, me } = manageGuard(c);
    const db = c.get('db');
    const next = getCycle(db, j.id, cycle.year + 1);
    if (!next) {
      c.status(422);
      return projectPage(c, { error: `请先创建 ${cycle.year + 1} 年度工作，再结转` });
    }
    const r = carryOverProject(db, { ...actorOf(c), id: me.id }, project, cycle, next, c.get('now')());
    if (!r.ok) {
      c.status(422);
      return projectPage(c, { error: r.error });
    }
    flash(c, `剩余计划已结转到 ${next.year} 年度`);
    return c.redirect(`/j/${j.code}/cycles/${next.year}/projects/${r.projectId}`, 303);
  })
  .post(`${P}/:id{[0-9]+}/follow-up`,
    validForm(followUpForm, (c, values, errors) => {
      manageGuard(c);
      return projectPage(c, { followUpValues: values, followUpErrors: errors });
    }),
    (c) => {
      const { j, cycle, project, me } = manageGuard(c);
      const f = c.req.valid('form');
      const ok = updateFollowUp(c.get('db'), { ...actorOf(c), id: me.id }, project.id, j.id, { ...f, deadline: f.deadline || null }, c.get('now')());
      if (!ok) notFound();
      flash(c, '整改跟踪已保存');
      return c.redirect(`${cycleBase(j, cycle)}/projects/${project.id}`, 303);
    });
