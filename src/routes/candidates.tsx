import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CandidateFormPage, MAX_MILESTONE_ROWS } from '../../views/candidates/CandidateFormPage';
import { CandidateListPage } from '../../views/candidates/CandidateListPage';
import { CandidatePrintPage } from '../../views/candidates/CandidatePrintPage';
import { actorOf, allow, can, forbidden, userActor } from '../auth/authorize';
import {
  approveList, candidateList, deleteCandidate, eligibleProposals, implementingUnits, lockedByName, lockHistory,
  moveCandidate, saveCandidate, setSeatsToFill, unlockList, type CandidateInput,
} from '../data/candidates';
import { getProposalInCycle } from '../data/screening';
import { checkListEditable, seatsWarning } from '../domain/candidateList';
import type { Refusal, Result } from '../domain/result';
import { refused, type Page } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { CandidateEnv } from '../http/subjects/collection';
import type { CycleEnv } from '../http/subjects/jurisdiction';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { isChinaDate } from '../domain/chinaDate';

const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const MAX_YUAN = 100_000_000_000;

const dateField = (label: string) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).refine(isChinaDate, `${label}应为有效日期（年-月-日）`);
const yuanField = (label: string) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`)
  .pipe(z.coerce.number<string>({ error: `${label}须为数字` }).int(`${label}须为整数（元）`).min(1, `${label}须大于 0`).max(MAX_YUAN, `${label}不能超过一千亿元`));
const optionalText = (re: RegExp, msg: string) => z.string().trim().optional().default('').refine((s) => s === '' || re.test(s), msg);

/** m{i}_title / m{i}_due / m{i}_pct / m{i}_spend for each milestone row of the form. */
const milestoneShape = Object.fromEntries(Array.from({ length: MAX_MILESTONE_ROWS }, (_, i) => [
  [`m${i}_title`, z.string().trim().max(100, '不能超过100个字').optional().default('')],
  [`m${i}_due`, optionalText(/^\d{4}-\d{2}-\d{2}$/, '应为有效日期（年-月-日）').refine((s) => s === '' || isChinaDate(s), '应为有效日期（年-月-日）')],
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

/** Managers and approvers work on the list; other staff (the district) read it. */
const LIST_ACTIONS = ['candidate.manage', 'candidate.approve', 'proposal.review'] as const;

function listPage<E extends CycleEnv>(c: Context<E>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle } = c.var;
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

function formPage<E extends CycleEnv>(c: Context<E>, candidateId: number | null, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle } = c.var;
  // Offer proposals that are free or already this candidate's.
  const proposals = eligibleProposals(db, cycle.id).filter((p) => p.candidateId === null || p.candidateId === candidateId);
  return c.render(
    <CandidateFormPage j={j} cycle={cycle} candidateId={candidateId} proposals={proposals} units={implementingUnits(db, j.id)} values={values ?? {}} errors={errors} />,
    { title: candidateId === null ? '新建候选项目' : '修改候选项目' },
  );
}
const newPage = (c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors) => formPage(c, null, values, errors);
const editPage = (c: Context<CandidateEnv>, values?: FormValues, errors?: FieldErrors) => formPage(c, c.var.candidate.id, values, errors);

function formValuesOf(f: CandidateForm): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string') out[k] = v;
  return { ...out, budget: String(f.budget), unitUserId: f.unitUserId === null ? '' : String(f.unitUserId), proposalIds: f.proposalIds.join(',') };
}

/** Domain errors name milestones by their place among the filled rows; the form names them by row. */
function onRows(r: Refusal, rows: number[]): Refusal {
  const key = (k: string) => {
    const m = /^m(\d+)_(.+)$/.exec(k);
    return m ? `m${rows[Number(m[1])]}_${m[2]}` : k;
  };
  return { ...r, field: key(r.field), errors: r.errors && Object.fromEntries(Object.entries(r.errors).map(([k, msg]) => [key(k), msg])) };
}

/** Creates (candidateId null) or replaces a candidate, then back to the list. */
function save<E extends CycleEnv>(c: Context<E>, candidateId: number | null, f: CandidateForm, page: Page<E>) {
  const { db, cycle } = c.var;
  const input: CandidateInput = {
    title: f.title, description: f.description, budget: f.budget, unitName: f.unitName, unitUserId: f.unitUserId,
    leadOfficial: f.leadOfficial, startDate: f.startDate, endDate: f.endDate, proposalIds: f.proposalIds, milestones: f.milestones,
  };
  const r = saveCandidate(db, actorOf(c), cycle.id, candidateId, input, c.var.now());
  if (!r.ok) return refused(c, onRows(r, f.milestoneRows), page, formValuesOf(f));
  return redirectWithFlash(c, listUrl(c), candidateId === null ? `已新建候选项目“${f.title}”` : `已保存候选项目“${f.title}”`);
}

const listUrl = <E extends CycleEnv>(c: Context<E>) => `/j/${c.var.jurisdiction.code}/cycles/${c.var.cycle.year}/candidates`;

/** A list action's outcome: back to the list with the message, or the list with the refusal beside its field. */
function afterListAction<E extends CycleEnv>(c: Context<E>, r: Result, done: string, values?: unknown) {
  if (!r.ok) return refused(c, r, listPage, values);
  return redirectWithFlash(c, listUrl(c), done);
}

/** /j/:code/cycles/:year/candidates — the candidate list, N, the presidium's approval, and the printable list. */
export const candidates = new Hono<CycleEnv>()
  .get('/', allow(...LIST_ACTIONS), (c) => listPage(c))
  .get('/print', allow('cycle.view'), (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    // Once approved the list goes to every representative; a draft stays with the staff.
    if (cycle.candidatesLockedAt === null && !LIST_ACTIONS.some((a) => can(c, a, j.id))) forbidden();
    return c.render(<CandidatePrintPage j={j} cycle={cycle} list={candidateList(db, cycle.id)} />, { title: `${j.name}${cycle.year}年度民生实事候选项目名单` });
  })
  .post('/seats', allow('candidate.manage'), validForm(seatsForm, listPage), (c) => {
    const input = c.req.valid('form');
    return afterListAction(c, setSeatsToFill(c.var.db, actorOf(c), c.var.cycle.id, input.seatsToFill, c.var.now()), `应选项目数已设为 ${input.seatsToFill}`, input);
  })
  .get('/new', allow('candidate.manage'), validQuery(newQuery), (c) => {
    const { db, cycle } = c.var;
    const from = c.req.valid('query').proposal;
    const p = from ? getProposalInCycle(db, cycle.id, Number(from)) : undefined;
    const values: FormValues = p && p.status === 'eligible'
      ? { proposalIds: String(p.id), title: p.title, description: p.description, budget: String(p.estimatedCost), startDate: `${cycle.year}-03-01`, endDate: `${cycle.year}-12-31` }
      : { startDate: `${cycle.year}-03-01`, endDate: `${cycle.year}-12-31` };
    return newPage(c, values);
  })
  .post('/new', allow('candidate.manage'), validForm(candidateForm, newPage), (c) => save(c, null, c.req.valid('form'), newPage))
  .post('/approve', allow('candidate.approve'), validForm(approveForm, listPage), (c) => {
    const input = c.req.valid('form');
    return afterListAction(c, approveList(c.var.db, userActor(c), c.var.cycle.id, input.note, c.var.now()), '已记录主席团审定，候选项目名单已锁定', input);
  })
  .post('/unlock', allow('candidate.approve'), validForm(unlockForm, listPage), (c) => {
    const input = c.req.valid('form');
    return afterListAction(c, unlockList(c.var.db, actorOf(c), c.var.cycle.id, input.reason, c.var.now()), '候选项目名单已解锁', input);
  });

/** /j/:code/cycles/:year/candidates/:candidateId — one candidate: edit, remove, move in the list. */
export const candidate = new Hono<CandidateEnv>()
  .get('/edit', allow('candidate.manage'), (c) => {
    const cand = c.var.candidate;
    const values: FormValues = {
      proposalIds: cand.proposals.map((p) => p.id).join(','), title: cand.title, description: cand.description, budget: String(cand.budget),
      unitName: cand.unitName, unitUserId: cand.unitUserId === null ? '' : String(cand.unitUserId), leadOfficial: cand.leadOfficial,
      startDate: cand.startDate, endDate: cand.endDate,
    };
    cand.milestones.forEach((m, i) => Object.assign(values, {
      [`m${i}_title`]: m.title, [`m${i}_due`]: m.dueDate, [`m${i}_pct`]: String(m.plannedPct), [`m${i}_spend`]: String(m.plannedSpend),
    }));
    return editPage(c, values);
  })
  .post('/edit', allow('candidate.manage'), validForm(candidateForm, editPage), (c) => save(c, c.var.candidate.id, c.req.valid('form'), editPage))
  .post('/delete', allow('candidate.manage'), (c) =>
    afterListAction(c, deleteCandidate(c.var.db, actorOf(c), c.var.cycle.id, c.var.candidate.id, c.var.now()), '已移出候选项目名单'))
  .post('/move', allow('candidate.manage'), validForm(moveForm, (c: Context<CandidateEnv>) => listPage(c)), (c) =>
    afterListAction(c, moveCandidate(c.var.db, actorOf(c), c.var.cycle.id, c.var.candidate.id, c.req.valid('form').direction, c.var.now()), '顺序已调整'));
