import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { GoalEditPage, StationDeskPage } from '../../views/stations/StationDeskPage';
import { allow, can, userActor } from '../auth/authorize';
import { getJurisdiction } from '../data/jurisdictions';
import { upcomingAt } from '../data/receptions';
import { addGoal, getGoal, goalsOf, removeGoal, updateGoal, type StationGoal } from '../data/stationGoals';
import { assignReps, liaisonOf, placeableReps, removeRep, saveLiaison, setConveners, stationReps } from '../data/stationPeople';
import { townOfStation } from '../data/stations';
import { chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { GOAL_STATES } from '../domain/vocabulary';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { StationEnv } from '../http/subjects/collection';
import { idParam, notFound, subject } from '../http/subjects/jurisdiction';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

type C = Context<StationEnv>;
type GoalEnv = StationEnv & { Variables: { goal: StationGoal } };

/** Checkboxes: one value, several, or none. */
export const idList = (message: string) => z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
  // Refined on the whole list, so the message belongs to the field itself (not to "reps.0") and shows beside it.
  .refine((xs) => xs.every((x) => /^[1-9]\d{0,9}$/.test(x)), message)
  .refine((xs) => xs.length <= 500, '一次最多 500 名')
  .transform((xs) => xs.map(Number));

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });
const repsForm = z.object({ reps: idList('未知的代表') });
const convenersForm = z.object({ conveners: idList('未知的代表') });
const liaisonForm = z.object({
  liaisonName: trimmed(20, '请填写联络员姓名'),
  liaisonPhone: trimmed(30, '请填写联络员电话'),
  liaisonUsername: z.string().trim().toLowerCase().max(64, '用户名过长').default(''),
});
const goalForm = z.object({ year: z.coerce.number({ message: '年度不对，请刷新页面后重填' }).int('年度不对，请刷新页面后重填').min(2000, '年度不对，请刷新页面后重填').max(2100, '年度不对，请刷新页面后重填'), goalText: trimmed(200, '请填写工作目标') });
const goalUpdateForm = z.object({
  text: trimmed(200, '请填写工作目标'),
  state: z.enum(GOAL_STATES, { message: '请选择完成情况' }),
  note: trimmed(300).default(''),
  reportedOn: z.string().trim().default(''),
});

const base = <E extends StationEnv>(c: Context<E>) => `/j/${c.var.jurisdiction.code}/stations/${c.var.station.id}`;

function deskPage(c: C, values?: FormValues, errors?: FieldErrors, year?: number) {
  const { db, jurisdiction: j, station: s } = c.var;
  const town = townOfStation(db, s) ?? notFound();
  const y = year ?? chinaYearOf(c.var.now());
  return c.render(
    <StationDeskPage j={j} station={s} townId={town.id} placeName={getJurisdiction(db, s.jurisdictionId)?.name ?? ''}
      reps={stationReps(db, s.id)} unplaced={placeableReps(db, town).filter((r) => r.stationId === null)} liaison={liaisonOf(db, s.id)}
      year={y} goals={goalsOf(db, s.id, y)} upcoming={upcomingAt(db, s.id, chinaDateOf(c.var.now()))}
      canManage={can(c, 'station.manage', j.id)} values={values} errors={errors} />,
    { title: s.name },
  );
}

const goalSubject = subject<GoalEnv, 'goal'>('goal', (c) => getGoal(c.var.db, c.var.station.id, idParam(c.req.param('goalId'))));
const goalPage = (c: Context<GoalEnv>, values?: FormValues, errors?: FieldErrors) =>
  c.render(<GoalEditPage j={c.var.jurisdiction} station={c.var.station} goal={c.var.goal} values={values} errors={errors} />, { title: '工作目标完成情况' });

/** /j/:code/stations/:stationId — the clerk's page of a station: its representatives, conveners, liaison and goals. */
export const stationDesk = new Hono<StationEnv>()
  .get('/', allow('station.view'), validQuery(yearQuery), (c) => deskPage(c, undefined, undefined, c.req.valid('query').year))
  .post('/members', allow('station.manage'), validForm(repsForm, deskPage), (c) => {
    const r = assignReps(c.var.db, userActor(c), c.var.station, c.req.valid('form').reps, c.var.now());
    if (!r.ok) return refused(c, r, deskPage);
    return redirectWithFlash(c, `${base(c)}#reps`, `已编入 ${r.value} 名代表`);
  })
  .post('/members/:repId{[0-9]+}/remove', allow('station.manage'), (c) => {
    const r = removeRep(c.var.db, userActor(c), c.var.station, idParam(c.req.param('repId')), c.var.now());
    if (!r.ok) return refused(c, r, deskPage);
    return redirectWithFlash(c, `${base(c)}#reps`, '已移出本站');
  })
  .post('/conveners', allow('station.manage'), validForm(convenersForm, deskPage), (c) => {
    const r = setConveners(c.var.db, userActor(c), c.var.station, c.req.valid('form').conveners, c.var.now());
    if (!r.ok) return refused(c, r, deskPage);
    return redirectWithFlash(c, `${base(c)}#reps`, '召集人已保存');
  })
  .post('/liaison', allow('station.manage'), validForm(liaisonForm, deskPage), (c) => {
    const f = c.req.valid('form');
    const r = saveLiaison(c.var.db, userActor(c), c.var.station, { name: f.liaisonName, phone: f.liaisonPhone, username: f.liaisonUsername }, c.var.now());
    if (!r.ok) return refused(c, { ...r, field: r.field === '_form' ? '_form' : `liaison${r.field[0]!.toUpperCase()}${r.field.slice(1)}` }, deskPage, f);
    return redirectWithFlash(c, `${base(c)}#liaison`, '联络员已保存');
  })
  .post('/goals', allow('station.manage'), validForm(goalForm, deskPage), (c) => {
    const f = c.req.valid('form');
    addGoal(c.var.db, userActor(c), c.var.station, f.year, f.goalText, c.var.now());
    return redirectWithFlash(c, `${base(c)}?year=${f.year}#goals`, '工作目标已添加');
  });

export const stationGoals = new Hono<GoalEnv>()
  .use('/:goalId{[0-9]+}', goalSubject)
  .use('/:goalId{[0-9]+}/*', goalSubject)
  .get('/:goalId{[0-9]+}', allow('station.manage'), (c) => goalPage(c))
  .post('/:goalId{[0-9]+}', allow('station.manage'), validForm(goalUpdateForm, goalPage), (c) => {
    const f = c.req.valid('form');
    const r = updateGoal(c.var.db, userActor(c), c.var.station, c.var.goal, f, c.var.now());
    if (!r.ok) return refused(c, r, goalPage, f);
    return redirectWithFlash(c, `${base(c)}?year=${c.var.goal.year}#goals`, '完成情况已保存');
  })
  .post('/:goalId{[0-9]+}/remove', allow('station.manage'), (c) => {
    removeGoal(c.var.db, userActor(c), c.var.station, c.var.goal, c.var.now());
    return redirectWithFlash(c, `${base(c)}?year=${c.var.goal.year}#goals`, '工作目标已删除');
  });
