import { Hono, type Context } from 'hono';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { AmendmentsPage, ImplementationPage } from '../../../views/delivery/ImplementationPages';
import { session } from '../../../db/schema';
import { allow, can, forbidden, userActor } from '../../auth/authorize';
import { amendmentsOf, decideAmendment, requestAmendment } from '../../data/amendments';
import {
  implementationPlanOf, publishImplementationPlan, saveImplementationPlan, setPublishDeadline, type FundLine,
} from '../../data/implementationPlan';
import { currentPlan } from '../../data/projects';
import { getSettings } from '../../data/settings';
import { decidingBodies } from '../../domain/amendment';
import { isChinaDate } from '../../domain/chinaDate';
import { isProjectUnit } from '../../domain/projectUnit';
import { AMENDMENT_KINDS, AMENDMENT_REASONS, DECIDING_BODIES } from '../../domain/vocabulary';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { ProjectEnv } from '../../http/subjects/delivery';
import { chinaDateField, trimmed, validForm, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, today } from './shared';

type C = Context<ProjectEnv>;

const here = (c: C) => `${cycleBase(c)}/projects/${c.var.project.id}`;
/** The unit drafts its own project's plan; the clerk drafts, sets the deadline, publishes and records decisions. */
const manages = (c: C) => can(c, 'delivery.manage', c.var.jurisdiction.id);
const drafts = (c: C) => manages(c) || (can(c, 'progress.report', c.var.jurisdiction.id) && isProjectUnit(c.var.project, userActor(c).id));

// ---- 实施方案

/** Funds as lines "来源 金额": one a line, so the form needs no script. */
function parseFunds(text: string): FundLine[] | null {
  const out: FundLine[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.+?)[\s:：]+(\d+)\s*元?$/.exec(line);
    if (!m) return null;
    out.push({ source: m[1]!.trim(), amount: Number(m[2]) });
  }
  return out;
}

const planForm = z.object({
  responsibleUnit: trimmed(200, '请填写责任单位'),
  responsibleOfficial: trimmed(100, '请填写责任人'),
  yearlyTargets: trimmed(2000),
  funds: trimmed(2000).refine((s) => parseFunds(s) !== null, '每行写“来源 金额”，金额为整数元'),
  safeguards: trimmed(2000).default(''),
  targetUnit: trimmed(10).default(''),
  targetQuantity: z.string().trim().refine((s) => s === '' || (Number.isFinite(Number(s)) && Number(s) > 0), '目标数量须为大于 0 的数').default(''),
}).refine((v) => (v.targetUnit === '') === (v.targetQuantity === ''), { path: ['targetQuantity'], message: '计量单位和目标数量须同时填写' });

function planValues(c: C): FormValues {
  const plan = implementationPlanOf(c.var.db, c.var.project.id);
  return {
    responsibleUnit: plan?.responsibleUnit ?? c.var.project.unitName, responsibleOfficial: plan?.responsibleOfficial ?? c.var.project.leadOfficial,
    yearlyTargets: plan?.yearlyTargets ?? '', funds: (plan?.funds ?? []).map((f) => `${f.source} ${f.amount}`).join('\n'),
    safeguards: plan?.safeguards ?? '', targetUnit: plan?.target?.unit ?? '', targetQuantity: plan?.target ? String(plan.target.quantity) : '',
    publishBy: plan?.publishBy ?? '',
  };
}

function implementationPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const plan = implementationPlanOf(c.var.db, c.var.project.id);
  return c.render(
    <ImplementationPage base={here(c)} title={c.var.project.title} plan={plan} values={{ ...planValues(c), ...values }} errors={errors}
      canDraft={drafts(c)} canManage={manages(c)} overdue={!!plan?.publishBy && !plan.publishedAt && today(c) > plan.publishBy} />,
    { title: `实施方案 · ${c.var.project.title}` },
  );
}

/** /j/:code/cycles/:year/projects/:projectId/implementation — draft, deadline, publication. */
export const implementation = new Hono<ProjectEnv>()
  .get('/', allow('delivery.view'), (c) => implementationPage(c))
  .post('/', allow('delivery.manage', 'progress.report'), validForm(planForm, implementationPage), (c) => {
    if (!drafts(c)) forbidden();
    const f = c.req.valid('form');
    const r = saveImplementationPlan(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id, {
      responsibleUnit: f.responsibleUnit, responsibleOfficial: f.responsibleOfficial, yearlyTargets: f.yearlyTargets,
      funds: parseFunds(f.funds)!, safeguards: f.safeguards,
      target: f.targetUnit ? { unit: f.targetUnit, quantity: Number(f.targetQuantity) } : null,
    }, c.var.now());
    if (!r.ok) return refused(c, r, implementationPage, f);
    return redirectWithFlash(c, `${here(c)}/implementation`, '实施方案已保存');
  })
  .post('/deadline', allow('delivery.manage'), validForm(z.object({ publishBy: chinaDateField('请填写有效的公布期限') }), implementationPage), (c) => {
    setPublishDeadline(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id, c.req.valid('form').publishBy, c.var.now());
    return redirectWithFlash(c, `${here(c)}/implementation`, '公布期限已设定');
  })
  .post('/publish', allow('delivery.manage'), (c) => {
    const r = publishImplementationPlan(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id, c.var.now());
    if (!r.ok) return refused(c, r, implementationPage);
    return redirectWithFlash(c, here(c), '实施方案已公布，门户项目页同步显示');
  });

// ---- 调整、暂停、终止

const optionalInt = (msg: string) => z.string().trim().refine((s) => s === '' || /^\d{1,12}$/.test(s), msg);

const requestForm = z.object({
  kind: z.enum(AMENDMENT_KINDS, { error: '请选择申请事项' }),
  reasonCategory: z.enum(AMENDMENT_REASONS, { error: '请选择原因类别' }),
  reason: trimmed(1000, '请写明具体原因'),
  evidence: trimmed(2000, '请提供依据材料（文件名称、文号或说明）'),
  endDate: z.string().trim().refine((s) => s === '' || isChinaDate(s), '请填写有效的日期').default(''),
  budget: optionalInt('预算须为整数元').default(''),
}).refine((v) => v.kind !== 'adjust' || v.endDate !== '' || v.budget !== '', { path: ['endDate'], message: '调整须写明调整后的完工日期或预算' });

const decideForm = z.object({
  body: z.enum(DECIDING_BODIES, { error: '请选择决定机构' }),
  sessionId: optionalInt('请选择会议').default(''),
  agendaItem: trimmed(300, '请填写议程事项'),
  pollId: optionalInt('表决编号须为数字').default(''),
  decidedOn: chinaDateField('请填写有效的决定日期'),
  approved: z.enum(['yes', 'no'], { error: '请选择决定结果' }),
  announcement: trimmed(2000).default(''),
});

function amendmentsPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const sessions = db.select({ id: session.id, title: session.title }).from(session)
    .where(and(eq(session.jurisdictionId, j.id), ne(session.kind, 'startOfYear'))).orderBy(asc(session.date)).all();
  return c.render(
    <AmendmentsPage base={here(c)} title={c.var.project.title} items={amendmentsOf(db, [c.var.project.id])}
      bodies={decidingBodies(j.kind, getSettings(db, j.id).presidiumMayAmend === 'yes')} sessions={sessions}
      values={values ?? {}} errors={errors} canRequest={drafts(c)} canDecide={manages(c)} />,
    { title: `项目调整 · ${c.var.project.title}` },
  );
}

/** /j/:code/cycles/:year/projects/:projectId/amendments — requests with evidence and the recorded decisions. */
export const amendments = new Hono<ProjectEnv>()
  .get('/', allow('delivery.view'), (c) => amendmentsPage(c))
  .post('/', allow('delivery.manage', 'progress.report'), validForm(requestForm, amendmentsPage), (c) => {
    if (!drafts(c)) forbidden();
    const f = c.req.valid('form');
    const now = currentPlan(c.var.db, c.var.project);
    const plan = f.kind === 'adjust'
      ? { ...now, endDate: f.endDate || now.endDate, budget: f.budget ? Number(f.budget) : now.budget }
      : null;
    const r = requestAmendment(c.var.db, userActor(c), c.var.project, c.var.jurisdiction.id,
      { kind: f.kind, reasonCategory: f.reasonCategory, reason: f.reason, evidence: f.evidence, plan }, c.var.now());
    if (!r.ok) return refused(c, r, amendmentsPage, f);
    return redirectWithFlash(c, `${here(c)}/amendments`, '申请已提交，待有权机关决定');
  })
  .post('/:amendmentId{[0-9]+}/decide', allow('delivery.manage'), validForm(decideForm, amendmentsPage), (c) => {
    const f = c.req.valid('form');
    const r = decideAmendment(c.var.db, userActor(c), c.var.project, c.var.jurisdiction, Number(c.req.param('amendmentId')), {
      body: f.body, sessionId: f.sessionId ? Number(f.sessionId) : null, agendaItem: f.agendaItem, pollId: f.pollId ? Number(f.pollId) : null,
      decidedOn: f.decidedOn, approved: f.approved === 'yes', announcement: f.announcement,
    }, c.var.now());
    if (!r.ok) return refused(c, r, amendmentsPage, f);
    return redirectWithFlash(c, here(c), f.approved === 'yes' ? '决定已记录，公告已在门户公布' : '决定已记录');
  });
