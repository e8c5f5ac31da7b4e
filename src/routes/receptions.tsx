import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ReceptionNotice, ReceptionPage, StationReceptionsPage, TownReceptionsPage } from '../../views/stations/ReceptionPages';
import { allow, can, userActor } from '../auth/authorize';
import { descendantIds, stationsOf } from '../data/jurisdictions';
import {
  copyQuarterForward, getReception, planReception, receptionsInQuarter, recordOutcome, removeReception, updateReception, type PlannedReception,
} from '../data/receptions';
import { stationReps } from '../data/stationPeople';
import { chinaDateOf } from '../domain/chinaDate';
import { nextQuarter, parseQuarter, quarterKey, quarterLabel, quarterOf, type Quarter } from '../domain/quarter';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { StationEnv } from '../http/subjects/collection';
import { idParam, subject, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { idList } from './stationDesk';

type C = Context<StationEnv>;
type ReceptionEnv = StationEnv & { Variables: { reception: PlannedReception } };

const quarterField = z.string().refine((s) => parseQuarter(s) !== null, '季度格式应为 2026-Q1').transform((s) => parseQuarter(s)!);
const quarterQuery = z.object({ quarter: quarterField.optional().catch(undefined) });
const slotForm = z.object({
  date: z.string().trim(),
  startTime: z.string().trim(),
  endTime: z.string().trim(),
  reps: idList('未知的代表'),
});
const outcomeForm = z.object({
  held: z.enum(['yes', 'no'], { message: '请选择是否开展' }),
  residents: z.string().trim().default(''),
  reason: z.string().trim().max(200, '不能超过200个字').default(''),
});
const copyForm = z.object({ quarter: quarterField });

const quarterOr = <E extends JurisdictionEnv>(c: Context<E>, q: Quarter | undefined) => q ?? quarterOf(chinaDateOf(c.var.now()));
const townStations = <E extends JurisdictionEnv>(c: Context<E>) => stationsOf(c.var.db, descendantIds(c.var.db, c.var.jurisdiction.id)).filter((s) => s.active);
const stationBase = <E extends StationEnv>(c: Context<E>) => `/j/${c.var.jurisdiction.code}/stations/${c.var.station.id}`;

function listPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, station: s } = c.var;
  const q = parseQuarter(c.req.query('quarter') ?? '') ?? quarterOr(c, undefined);
  return c.render(
    <StationReceptionsPage j={j} station={s} quarter={q} receptions={receptionsInQuarter(db, [s.id], q)} reps={stationReps(db, s.id)}
      canManage={can(c, 'station.manage', j.id)} values={values} errors={errors} />,
    { title: `${s.name}接待群众日` },
  );
}

const receptionSubject = subject<ReceptionEnv, 'reception'>('reception', (c) => getReception(c.var.db, c.var.station.id, idParam(c.req.param('receptionId'))));
const receptionPage = (c: Context<ReceptionEnv>, values?: FormValues, errors?: FieldErrors) => c.render(
  <ReceptionPage j={c.var.jurisdiction} station={c.var.station} r={c.var.reception} reps={stationReps(c.var.db, c.var.station.id)}
    today={chinaDateOf(c.var.now())} values={values} errors={errors} />,
  { title: '接待群众日' },
);
const plan = (f: z.output<typeof slotForm>) => ({ date: f.date, startTime: f.startTime, endTime: f.endTime, representativeIds: f.reps });
const back = <E extends StationEnv>(c: Context<E>, date: string) => `${stationBase(c)}/receptions?quarter=${quarterKey(quarterOf(date))}`;

/** /j/:code/stations/:stationId/receptions — one station's reception days (接待群众日), quarter by quarter. */
export const stationReceptions = new Hono<StationEnv>()
  .get('/', allow('station.view'), validQuery(quarterQuery), (c) => listPage(c))
  .post('/', allow('station.manage'), validForm(slotForm, listPage), (c) => {
    const f = c.req.valid('form');
    const r = planReception(c.var.db, userActor(c), c.var.station, plan(f), c.var.now());
    if (!r.ok) return refused(c, r, listPage, f);
    return redirectWithFlash(c, back(c, f.date), `已安排 ${f.date} ${f.startTime}–${f.endTime} 的接待`);
  })
  .get('/notice', allow('station.view'), validQuery(quarterQuery), (c) => {
    const { db, jurisdiction: j, station: s } = c.var;
    const q = quarterOr(c, c.req.valid('query').quarter);
    return c.render(<ReceptionNotice j={j} station={s} quarter={q} receptions={receptionsInQuarter(db, [s.id], q)} />, { title: `${s.name}${quarterLabel(q)}接待群众日安排` });
  });

export const stationReception = new Hono<ReceptionEnv>()
  .use('/:receptionId{[0-9]+}', receptionSubject)
  .use('/:receptionId{[0-9]+}/*', receptionSubject)
  .get('/:receptionId{[0-9]+}', allow('station.manage'), (c) => receptionPage(c))
  .post('/:receptionId{[0-9]+}', allow('station.manage'), validForm(slotForm, receptionPage), (c) => {
    const f = c.req.valid('form');
    const r = updateReception(c.var.db, userActor(c), c.var.station, c.var.reception, plan(f), c.var.now());
    if (!r.ok) return refused(c, r, receptionPage, f);
    return redirectWithFlash(c, back(c, f.date), '接待安排已修改');
  })
  .post('/:receptionId{[0-9]+}/remove', allow('station.manage'), (c) => {
    const r = removeReception(c.var.db, userActor(c), c.var.station, c.var.reception, c.var.now());
    if (!r.ok) return refused(c, r, receptionPage);
    return redirectWithFlash(c, back(c, c.var.reception.date), '接待安排已删除');
  })
  .post('/:receptionId{[0-9]+}/outcome', allow('station.manage'), validForm(outcomeForm, receptionPage), (c) => {
    const f = c.req.valid('form');
    let outcome: { held: true; residents: number } | { held: false; reason: string };
    if (f.held === 'yes') {
      if (!/^\d{1,4}$/.test(f.residents)) return refused(c, { ok: false, field: 'residents', error: '请填写接待群众人数（0–9999）' }, receptionPage, f);
      outcome = { held: true, residents: Number(f.residents) };
    } else outcome = { held: false, reason: f.reason };
    const r = recordOutcome(c.var.db, userActor(c), c.var.station, c.var.reception, outcome, chinaDateOf(c.var.now()), c.var.now());
    if (!r.ok) return refused(c, r, receptionPage, f);
    return redirectWithFlash(c, back(c, c.var.reception.date), '接待情况已记录');
  });

/** /j/:code/receptions — the town's quarter at a glance, every station; the quarter's pattern copied forward. */
export const townReceptions = new Hono<JurisdictionEnv>()
  .get('/', allow('station.view'), validQuery(quarterQuery), (c) => {
    const q = quarterOr(c, c.req.valid('query').quarter);
    const stations = townStations(c);
    return c.render(
      <TownReceptionsPage j={c.var.jurisdiction} quarter={q} stations={stations} receptions={receptionsInQuarter(c.var.db, stations.map((s) => s.id), q)}
        canManage={can(c, 'station.manage', c.var.jurisdiction.id)} />,
      { title: `${c.var.jurisdiction.name}接待群众日` },
    );
  })
  .post('/copy', allow('station.manage'), validForm(copyForm, (c) => c.text('季度格式应为 2026-Q1', 422)), (c) => {
    const from = c.req.valid('form').quarter;
    const to = nextQuarter(from);
    const report = copyQuarterForward(c.var.db, userActor(c), c.var.jurisdiction.id, townStations(c), from, c.var.now());
    const skipped = report.skipped.map((s) => `${s.stationName} ${s.date}：${s.reason}`).join('；');
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/receptions?quarter=${quarterKey(to)}`,
      `已复制 ${report.copied} 次接待到${quarterLabel(to)}${skipped ? `；跳过 ${report.skipped.length} 次（${skipped}）` : ''}`);
  });
