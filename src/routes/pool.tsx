import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PoolPage } from '../../views/pool/PoolPage';
import { allow, can, userActor } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import { nominateFromPool, poolByReceipt, poolItems, poolUnselected, type PoolFilter } from '../data/pool';
import { getCycle } from '../data/cycles';
import { POOL_REASONS, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES } from '../domain/vocabulary';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

const blankAs = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());
const filterQuery = z.object({
  source: blankAs(z.enum(PROPOSAL_SOURCES)),
  category: blankAs(z.enum(PROPOSAL_CATEGORIES)),
  year: blankAs(z.coerce.number().int().min(2000).max(2100)),
  reason: blankAs(z.enum(POOL_REASONS)),
});
const yearField = z.string().trim().min(1, '请选择年度').pipe(z.coerce.number<string>({ error: '年度须为数字' }).int('年度须为整数'));
const addForm = z.object({
  receipt: z.string().trim().min(1, '请填写回执号').max(30, '回执号格式不对'),
  reason: z.enum(POOL_REASONS, { error: '请选择转入储备库的原因' }),
});
const nominateForm = z.object({ year: yearField });
const unselectedForm = z.object({ year: yearField });

type C = Context<JurisdictionEnv>;

function poolPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const q = filterQuery.safeParse(c.req.query());
  const filter: PoolFilter = q.success ? q.data : {};
  return c.render(
    <PoolPage j={j} items={poolItems(db, j.id, filter)} filter={filter} years={cyclesOf(db, j.id).map((cy) => cy.year)}
      canManage={can(c, 'proposal.screen', j.id)} values={values} errors={errors} />,
    { title: `${j.name} 项目储备库` },
  );
}

/** /j/:code/pool — the reserve pool (项目储备库): items waiting for a later year, kept with their receipts and history. */
export const pool = new Hono<JurisdictionEnv>()
  .get('/', allow('proposal.review'), validQuery(filterQuery), (c) => poolPage(c))
  .post('/add', allow('proposal.screen'), validForm(addForm, poolPage), (c) => {
    const input = c.req.valid('form');
    const r = poolByReceipt(c.var.db, userActor(c), c.var.jurisdiction.id, input.receipt, input.reason, c.var.now());
    if (!r.ok) return refused(c, r, poolPage, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/pool`, `提议 ${r.value} 已转入项目储备库`);
  })
  .post('/unselected', allow('proposal.screen'), validForm(unselectedForm, poolPage), (c) => {
    const { db, jurisdiction: j } = c.var;
    const cy = getCycle(db, j.id, c.req.valid('form').year);
    if (!cy) return c.notFound();
    const n = poolUnselected(db, userActor(c), cy.id, j.id, c.var.now());
    return redirectWithFlash(c, `/j/${j.code}/pool`, `${cy.year}年度未列入候选的 ${n} 项合格提议已转入项目储备库`);
  })
  .post('/:proposalId{[0-9]+}/nominate', allow('proposal.screen'), validForm(nominateForm, poolPage), (c) => {
    const { db, jurisdiction: j } = c.var;
    const year = c.req.valid('form').year;
    const r = nominateFromPool(db, userActor(c), j.id, Number(c.req.param('proposalId')), year, c.var.now());
    if (!r.ok) return refused(c, r, poolPage, { year: String(year) });
    return redirectWithFlash(c, r.value.asCandidate ? `/j/${j.code}/cycles/${year}/candidates` : `/j/${j.code}/pool`,
      r.value.asCandidate ? `已列入${year}年度候选项目，请补全承办单位、责任人和实施计划` : `已转入${year}年度项目征集，请进行资格审查`);
  });
