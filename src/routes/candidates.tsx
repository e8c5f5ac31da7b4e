import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CandidateFormPage, MAX_MILESTONE_ROWS } from '../../views/candidates/CandidateFormPage';
import { CandidateListPage } from '../../views/candidates/CandidateListPage';
import { CandidatePrintPage } from '../../views/candidates/CandidatePrintPage';
import { actorOf, authorize, can, jurisdictionParam, notFound } from '../auth/authorize';
import {
  approveList, candidateList, deleteCandidate, eligibleProposals, getCandidate, implementingUnits, lockedByName, lockHistory,
  moveCandidate, saveCandidate, setSeatsToFill, unlockList, type CandidateInput,
} from '../data/candidates';
import { getCycle, type Cycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import { getProposalInCycle } from '../data/screening';
import { checkListEditable, seatsWarning } from '../domain/candidateList';
import type { Action } from '../domain/authz';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import type { Result } from '../domain/result';

const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const MAX_YUAN = 100_000_000_000;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const dateField = (label: string) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).refine(isDate, `${label}应为有效日期（年-月-日）`);
const yuanField = (label: string) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`)
  .pipe(z.coerce.number<string>({ error: `${label}须为数字` }).int(`${label}须为整数（元）`).min(1, `${label}须大于 0`).max(MAX_YUAN, `${label}不能超过一千亿元`));
const optionalText = (re: RegExp, msg: string) => z.string().trim().optional().default('').refine((s) => s === '' || re.test(s), msg);

/** m{i}_title / m{i}_due / m{i}_pct / m{i}_spend for each milestone row of the form. */
const milestoneShape = Object.fromEntries(Array.from({ length: MAX_MILESTONE_ROWS }, (_, i) => [
  [`m${i}_title`, z.string().trim().max(100, '不能超过100个字').optional().default('')],
  [`m${i}_due`, optionalText(/^\d{4}-\d{2}-\d{2}$/, '应为有效日期（年-月-日）').refine((s) => s === '' || isDate(s), '应为有效日期（年-月-日）')],
  [`m${i}_pct`, optionalText(/^(100|[1-9]?[0-9])$/, '须为 0 到 100 之间的整数')],
  [`m${i}_spend`, optionalText(/^\d{1,11}$/, '须为不小于 0 的整数（元）')],
]).flat()) as Record<string, z.ZodType<string>>;

const candidateForm = z.object({
  proposalIds: many,
  title: trimmed(100, '请填写项目名称'),
  description: trimmed(2000).default(''),
  budget: yuanField('预算'),
  unitName: trimmed(100, '请填写承办单位'),
  unitUserId: z.string().regex(/^\d*$/, '请从列表中选择').optional().transform((v) => (v ? Number(v) : null)),
  leadOfficial: trimmed(100, '请填写责任领导'),
  startDate: dateField('开工日期'),
  endDate: dateField('完成日期'),
  ...milestoneShape,
}).transform((v, ctx) => {
  // A row counts once anything is typed in it; then it needs its name, date and percentage.
  const milestones: CandidateInput['milestones'] = [];
  const rows: number[] = [];
  const get = (k: string) => (v as unknown as Record<string, string>)[k] ?? '';
  for (let i = 0; i < MAX_MILESTONE_ROWS; i++) {
    const [title, due, pct, spend] = ['title', 'due', 'pct', 'spend'].map((f) => get(`m${i}_${f}`));
    if (!title && !due && !pct && !spend) continue;
    if (!title) ctx.issues.push({ code: 'custom', message: '请填写里程碑名称', path: [`m${i}_title`], input: title });
    if (!due) ctx.issues.push({ code: 'custom', message: '请填写截止日期', path: [`m${i}_due`], input: due });
    if (!pct) ctx.issues.push({ code: 'custom', message: '请填写累计完成比例', path: [`m${i}_pct`], input: pct });
    milestones.push({ title: title!, dueDate: due!, plannedPct: Number(pct), plannedSpend: Number(spend || 0) });
    rows.push(i);
  }
  const proposalIds = v.proposalIds.filter((x) => /^\d+$/.test(x)).map(Number);
  return { ...v, proposalIds, milestones, milestoneRows: rows };
});
type CandidateForm = z.output<typeof candidateForm>;

const seatsForm = z.object({
  seatsToFill: z.string().trim().min(1, '请填写应选项目数').pipe(
    z.coerce.number<string>({ error: '须为整数' }).int('须为整数').min(1, '须为 1 到 100 之间的整数').max(100, '须为 1 到 100 之间的整数'),
  ),
});
const moveForm = z.object({ direction: z.enum(['up', 'down']) });
const approveForm = z.object({ note: trimmed(200).default('') });
const unlockForm = z.object({ reason: trimmed(1000, '解锁须写明原因') });
const newQuery = z.object({ proposal: z.string().regex(/^\d+$/).optional() });

function cycleParam(c: Context<AppEnv>, j: Jurisdiction): Cycle {
  return getCycle(c.get('db'), j.id, Number(c.req.param('year'))) ?? notFound();
}

/** Managers and approvers work on the list; other staff (the district) read it. */
function authorizeList(c: Context<AppEnv>, j: Jurisdiction) {
  if (!can(c, 'candidate.manage', j.id) && !can(c, 'candidate.approve', j.id)) authorize(c, 'proposal.review', j.id);
}

function listPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const db = c.get('db');
  const j = jurisdictionParam(c);
  authorizeList(c, j);
  const cycle = cycleParam(c, j);
  const list = candidateList(db, cycle.id);
  const editable = checkListEditable(cycle.phase, cycle.candidatesLockedAt !== null);
  return c.render(
    <CandidateListPage
      j={j} cycle={cycle} list={list} eligible={eligibleProposals(db, cycle.id)} warning={seatsWarning(list.length, cycle.seatsToFill)}
      canManage={can(c, 'candidate.manage', j.id)} canApprove={can(c, 'candidate.approve', j.id)}
      editBlocked={editable.ok || cycle.candidatesLockedAt !== null ? undefined : editable.error}
      lockedByName={lockedByName(db, cycle)} history={lockHistory(db, cycle.id)} values={values} errors={errors}
    />,
    { title: `${cycle.year} 年度候选项目名单` },
  );
}

function formPage(c: Context<AppEnv>, candidateId: number | null, values: FormValues, errors?: FieldErrors) {
  const db = c.get('db');
  const j = jurisdictionParam(c);
  authorize(c, 'candidate.manage', j.id);
  const cycle = cycleParam(c, j);
  // Offer proposals that are free or already this candidate's.
  const proposals = eligibleProposals(db, cycle.id).filter((p) => p.candidateId === null || p.candidateId === candidateId);
  return c.render(
    <CandidateFormPage j={j} cycle={cycle} candidateId={candidateId} proposals={proposals} units={implementingUnits(db, j.id)} values={values} errors={errors} />,
    { title: candidateId === null ? '新建候选项目' : '修改候选项目' },
  );
}

function formValuesOf(f: CandidateForm): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string') out[k] = v;
  return { ...out, budget: String(f.budget), unitUserId: f.unitUserId === null ? '' : String(f.unitUserId), proposalIds: f.proposalIds.join(',') };
}

/** Domain errors name milestones by their place among the filled rows; the form names them by row. */
function rowErrors(errors: Record<string, string>, rows: number[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, msg]) => {
    const m = /^m(\d+)_(.+)$/.exec(k);
    return [m ? `m${rows[Number(m[1])]}_${m[2]}` : k, msg];
  }));
}

function save(c: Context<AppEnv>, candidateId: number | null, f: CandidateForm) {
  const j = jurisdictionParam(c);
  authorize(c, 'candidate.manage', j.id);
  const cycle = cycleParam(c, j);
  const input: CandidateInput = {
    title: f.title, description: f.description, budget: f.budget, unitName: f.unitName, unitUserId: f.unitUserId,
    leadOfficial: f.leadOfficial, startDate: f.startDate, endDate: f.endDate, proposalIds: f.proposalIds, milestones: f.milestones,
  };
  const result = saveCandidate(c.get('db'), actorOf(c), cycle.id, candidateId, input, c.get('now')());
  if (!result.ok) {
    c.status(422);
    return formPage(c, candidateId, formValuesOf(f), rowErrors(result.errors, f.milestoneRows));
  }
  flash(c, candidateId === null ? `已新建候选项目“${f.title}”` : `已保存候选项目“${f.title}”`);
  return c.redirect(`/j/${j.code}/cycles/${cycle.year}/candidates`, 303);
}

/** A list action's outcome: back to the list, or the list with the message (422). */
function afterListAction(c: Context<AppEnv>, result: Result, done: string, values?: FormValues) {
  if (!result.ok) {
    c.status(422);
    return listPage(c, values, { [result.field]: result.error });
  }
  flash(c, done);
  const j = jurisdictionParam(c);
  return c.redirect(`/j/${j.code}/cycles/${c.req.param('year')}/candidates`, 303);
}

/** A bad form on the list page comes back as the list page, once the user has been checked. */
function backToList(action: Action) {
  return (c: Context<AppEnv>, values: FormValues, errors: FieldErrors) => {
    authorize(c, action, jurisdictionParam(c).id);
    return listPage(c, values, errors);
  };
}

/** The checked user and the cycle a list-page form acts on. */
function listTarget(c: Context<AppEnv>, action: Action) {
  const j = jurisdictionParam(c);
  const me = authorize(c, action, j.id);
  return { me, cycle: cycleParam(c, j), db: c.get('db'), now: c.get('now')() };
}

const Y = '/j/:code/cycles/:year{[0-9]{4}}/candidates';

export const candidates = new Hono<AppEnv>()
  .get(Y, (c) => listPage(c))
  .get(`${Y}/print`, (c) => {
    const j = jurisdictionParam(c);
    const cycle = cycleParam(c, j);
    // Once approved the list goes to every representative; a draft stays with the staff.
    if (cycle.candidatesLockedAt !== null) authorize(c, 'cycle.view', j.id);
    else authorizeList(c, j);
    return c.render(<CandidatePrintPage j={j} cycle={cycle} list={candidateList(c.get('db'), cycle.id)} />, { title: `${j.name}${cycle.year}年度民生实事候选项目名单` });
  })
  .post(`${Y}/seats`, validForm(seatsForm, backToList('candidate.manage')), (c) => {
    const { cycle, db, now } = listTarget(c, 'candidate.manage');
    const { seatsToFill } = c.req.valid('form');
    return afterListAction(c, setSeatsToFill(db, actorOf(c), cycle.id, seatsToFill, now), `应选项目数已设为 ${seatsToFill}`, { seatsToFill: String(seatsToFill) });
  })
  .get(`${Y}/new`, validQuery(newQuery), (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'candidate.manage', j.id);
    const cycle = cycleParam(c, j);
    const from = c.req.valid('query').proposal;
    const p = from ? getProposalInCycle(c.get('db'), cycle.id, Number(from)) : undefined;
    const values: FormValues = p && p.status === 'eligible'
      ? { proposalIds: String(p.id), title: p.title, description: p.description, budget: String(p.estimatedCost), startDate: `${cycle.year}-03-01`, endDate: `${cycle.year}-12-31` }
      : { startDate: `${cycle.year}-03-01`, endDate: `${cycle.year}-12-31` };
    return formPage(c, null, values);
  })
  .post(`${Y}/new`,
    validForm(candidateForm, (c, values, errors) => formPage(c, null, values, errors)),
    (c) => save(c, null, c.req.valid('form')))
  .get(`${Y}/:id{[0-9]+}/edit`, (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'candidate.manage', j.id);
    const cycle = cycleParam(c, j);
    const cand = getCandidate(c.get('db'), cycle.id, Number(c.req.param('id'))) ?? notFound();
    const values: FormValues = {
      proposalIds: cand.proposals.map((p) => p.id).join(','), title: cand.title, description: cand.description, budget: String(cand.budget),
      unitName: cand.unitName, unitUserId: cand.unitUserId === null ? '' : String(cand.unitUserId), leadOfficial: cand.leadOfficial,
      startDate: cand.startDate, endDate: cand.endDate,
    };
    cand.milestones.forEach((m, i) => Object.assign(values, {
      [`m${i}_title`]: m.title, [`m${i}_due`]: m.dueDate, [`m${i}_pct`]: String(m.plannedPct), [`m${i}_spend`]: String(m.plannedSpend),
    }));
    return formPage(c, cand.id, values);
  })
  .post(`${Y}/:id{[0-9]+}/edit`,
    validForm(candidateForm, (c, values, errors) => formPage(c, Number(c.req.param('id')), values, errors)),
    (c) => {
      const j = jurisdictionParam(c);
      authorize(c, 'candidate.manage', j.id);
      const cycle = cycleParam(c, j);
      const id = Number(c.req.param('id'));
      if (!getCandidate(c.get('db'), cycle.id, id)) notFound();
      return save(c, id, c.req.valid('form'));
    })
  .post(`${Y}/:id{[0-9]+}/delete`, (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'candidate.manage', j.id);
    const cycle = cycleParam(c, j);
    const id = Number(c.req.param('id'));
    if (!getCandidate(c.get('db'), cycle.id, id)) notFound();
    return afterListAction(c, deleteCandidate(c.get('db'), actorOf(c), cycle.id, id, c.get('now')()), '已移出候选项目名单');
  })
  .post(`${Y}/:id{[0-9]+}/move`,
    validForm(moveForm, (c) => backToList('candidate.manage')(c, {}, {})),
    (c) => {
      const { cycle, db, now } = listTarget(c, 'candidate.manage');
      const id = Number(c.req.param('id'));
      if (!getCandidate(db, cycle.id, id)) notFound();
      return afterListAction(c, moveCandidate(db, actorOf(c), cycle.id, id, c.req.valid('form').direction, now), '顺序已调整');
    })
  .post(`${Y}/approve`, validForm(approveForm, backToList('candidate.approve')), (c) => {
    const { me, cycle, db, now } = listTarget(c, 'candidate.approve');
    const { note } = c.req.valid('form');
    return afterListAction(c, approveList(db, { ...actorOf(c), id: me.id }, cycle.id, note, now), '已记录主席团审定，候选项目名单已锁定', { note });
  })
  .post(`${Y}/unlock`, validForm(unlockForm, backToList('candidate.approve')), (c) => {
    const { cycle, db, now } = listTarget(c, 'candidate.approve');
    const { reason } = c.req.valid('form');
    return afterListAction(c, unlockList(db, actorOf(c), cycle.id, reason, now), '候选项目名单已解锁', { reason });
  });
