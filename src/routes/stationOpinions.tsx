import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { OpinionDetailPage, OpinionListPage, OpinionNewPage } from '../../views/opinions/StationOpinionPages';
import { allow, can, forbidden, userActor } from '../auth/authorize';
import { cyclesOf } from '../data/cycles';
import type { OpinionItem } from '../data/opinionItems';
import { stationsFor } from '../data/proposals';
import {
  answerOpinion, extendReferral, followUpOpinion, getStationOpinion, listStationOpinions, proposeFromOpinion, referOpinion, registerOpinion,
  replyToResident, stationOpinionDetail, suggestFromOpinion, townReps,
} from '../data/stationOpinions';
import { chinaDateOf } from '../domain/chinaDate';
import { OPINION_STATES } from '../domain/opinionTriage';
import { proposalShape } from '../domain/proposalInput';
import { stationStepsFor, type StationActor, type StationStep } from '../domain/stationOpinion';
import { PROPOSAL_SOURCES, REFERRAL_LEVELS } from '../domain/vocabulary';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { idParam, notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { chinaDateField, trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { opinionShape } from './opinionIntake';

const blank = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  state: z.preprocess(blank, z.enum(OPINION_STATES).optional()),
  station: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  overdue: z.preprocess(blank, z.literal('1').optional()),
});
const newForm = z.object({
  ...opinionShape,
  station: trimmed(20, '请选择站点'),
  raisedById: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});
const answerForm = z.object({ response: trimmed(2000, '请填写答复内容') });
const referForm = z.object({
  level: z.enum(REFERRAL_LEVELS, { error: '请选择交办层级' }),
  department: trimmed(60, '请填写承办的机关或部门'),
  dueOn: chinaDateField('请填写答复期限'),
  note: trimmed(500),
});
const followUpForm = z.object({ note: trimmed(500, '请填写督办情况') });
const extendForm = z.object({ extendedTo: chinaDateField('请填写延期后的答复期限'), reason: trimmed(500, '请填写延期理由') });
const replyForm = z.object({ reply: trimmed(2000, '请填写给群众的答复'), repliedOn: chinaDateField('请填写答复日期') });
const suggestForm = z.object({
  representativeId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  suggestionTitle: trimmed(60, '请填写建议标题'),
  suggestionText: trimmed(4000, '请填写建议内容'),
  unitName: trimmed(60, '请填写承办单位'),
  assignedOn: chinaDateField('请填写交办日期'),
});
const proposeForm = z.object(proposalShape({ sources: PROPOSAL_SOURCES, phoneRequired: false }))
  .pick({ title: true, description: true, category: true, estimatedCost: true, fiscalSharePct: true, beneficiaries: true, durationMonths: true });

type OpinionEnv = JurisdictionEnv & { Variables: { stationOpinion: OpinionItem } };
type C = Context<JurisdictionEnv>;

const today = <E extends JurisdictionEnv>(c: Context<E>) => chinaDateOf(c.var.now());
const isStaff = <E extends JurisdictionEnv>(c: Context<E>) => can(c, 'stationOpinion.handle', c.var.jurisdiction.id);
/** The login's own seated representative rows in this township (none for staff). */
const ownRepIds = <E extends JurisdictionEnv>(c: Context<E>) => townReps(c.var.db, c.var.jurisdiction.id).filter((r) => r.userId === userActor(c).id);

export const opinionSubject = createMiddleware<OpinionEnv>(async (c, next) => {
  const row = getStationOpinion(c.var.db, c.var.jurisdiction.id, idParam(c.req.param('opinionId')));
  if (!row) notFound();
  c.set('stationOpinion', row);
  await next();
});

/** Staff read every opinion; a representative only those they took or were sent (another's is a 403, before any form). */
const readerOnly = createMiddleware<OpinionEnv>(async (c, next) => {
  if (!isStaff(c) && !can(c, 'stationOpinion.view', c.var.jurisdiction.id)) forbidden();
  if (!isStaff(c)) {
    const mine = ownRepIds(c).map((r) => r.id);
    const i = c.var.stationOpinion;
    if (!mine.some((id) => id === i.raisedById || id === i.addressedToRepId)) forbidden();
  }
  await next();
});

function stationChoices(c: C): [string, string][] {
  return stationsFor(c.var.db, c.var.jurisdiction.id).map((s) => [s.shortCode, s.name]);
}

function newPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const j = c.var.jurisdiction;
  const self = isStaff(c) ? undefined : ownRepIds(c)[0];
  return c.render(
    <OpinionNewPage j={j} stations={stationChoices(c)} self={self?.name}
      reps={self ? undefined : townReps(c.var.db, j.id).map((r) => [String(r.id), r.name])} values={values} errors={errors} />,
    { title: '登记群众意见' },
  );
}

function actorsHere(c: Context<OpinionEnv>): StationActor[] {
  const actors: StationActor[] = [];
  if (isStaff(c)) actors.push('staff');
  const mine = ownRepIds(c).map((r) => r.id);
  if (mine.length) actors.push('rep');
  if (c.var.stationOpinion.addressedToRepId !== null && mine.includes(c.var.stationOpinion.addressedToRepId)) actors.push('addressedRep');
  return actors;
}

function detailPage(failed?: StationStep) {
  return (c: Context<OpinionEnv>, values?: FormValues, errors?: FieldErrors) => {
    const { db, jurisdiction: j, stationOpinion: item } = c.var;
    const d = stationOpinionDetail(db, item);
    const self = isStaff(c) ? undefined : ownRepIds(c)[0];
    const cycle = d.proposal ? cyclesOf(db, j.id).find((cy) => cy.id === d.proposal!.cycleId) : undefined;
    return c.render(
      <OpinionDetailPage j={j} item={item} d={d} showContact={isStaff(c) || self !== undefined}
        proposalHref={cycle && can(c, 'proposal.review', j.id) ? `/j/${j.code}/cycles/${cycle.year}/proposals/${d.proposal!.id}` : undefined}
        forms={{
          steps: stationStepsFor(item.state, actorsHere(c)), today: today(c), failed, values, errors,
          reps: townReps(db, j.id).map((r) => [String(r.id), r.name]), selfRep: self ? { id: self.id, name: self.name } : undefined,
        }} />,
      { title: item.title },
    );
  };
}

const url = (c: Context<OpinionEnv>) => `/j/${c.var.jurisdiction.code}/opinions/${c.var.stationOpinion.id}`;

/** /j/:code/opinions — the township's station opinions: the list, registering, and handling by level. */
export const stationOpinions = new Hono<JurisdictionEnv>()
  .get('/', allow('stationOpinion.view'), validQuery(listQuery), (c) => {
    const { db, jurisdiction: j } = c.var;
    const q = c.req.valid('query');
    const mineOnly = !isStaff(c) && !can(c, 'proposal.review', j.id); // a representative: what they took or were sent
    const repIds = mineOnly ? ownRepIds(c).map((r) => r.id) : undefined;
    const stations = stationsFor(db, j.id);
    const rows = listStationOpinions(db, j.id, { state: q.state, stationId: q.station, overdue: q.overdue === '1', repIds, today: today(c) });
    return c.render(
      <OpinionListPage j={j} rows={rows} today={today(c)} stations={stations.map((s) => [String(s.id), s.name])} mineOnly={mineOnly}
        filter={{ state: q.state, station: q.station ? String(q.station) : undefined, overdue: q.overdue }}
        canRecord={can(c, 'stationOpinion.record', j.id)} canCards={can(c, 'repCode.manage', j.id)} />,
      { title: '站点民意' },
    );
  })
  .get('/new', allow('stationOpinion.record'), (c) => newPage(c))
  .post('/new', allow('stationOpinion.record'), validForm(newForm, newPage), async (c) => {
    const { raisedById, ...input } = c.req.valid('form');
    const staff = isStaff(c);
    const self = staff ? undefined : ownRepIds(c)[0];
    if (!staff && !self) forbidden();
    const rep = staff ? raisedById ?? null : self!.id;
    const r = registerOpinion(c.var.db, userActor(c), c.var.jurisdiction, input,
      { channel: rep !== null ? 'reception' : 'station', recordedBy: userActor(c).id, raisedById: rep }, c.var.now());
    if (!r.ok) return refused(c, r, newPage, await c.req.parseBody());
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/opinions/${r.value.id}`, `已登记，回执号 ${r.value.receipt}，请告知群众`);
  })
  .get('/:opinionId{[0-9]+}', allow('stationOpinion.view'), opinionSubject, readerOnly, (c) => detailPage()(c))
  .post('/:opinionId{[0-9]+}/answer', allow('stationOpinion.view'), opinionSubject, readerOnly, validForm(answerForm, detailPage('answer')), (c) => {
    const repIds = isStaff(c) ? null : ownRepIds(c).map((r) => r.id);
    const r = answerOpinion(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form').response, repIds, c.var.now());
    if (!r.ok) return refused(c, r, detailPage('answer'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已答复，群众凭回执号可以看到');
  })
  .post('/:opinionId{[0-9]+}/refer', allow('stationOpinion.handle'), opinionSubject, validForm(referForm, detailPage('refer')), (c) => {
    const r = referOpinion(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form'), c.var.now());
    if (!r.ok) return refused(c, r, detailPage('refer'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已交办');
  })
  .post('/:opinionId{[0-9]+}/follow-up', allow('stationOpinion.handle'), opinionSubject, validForm(followUpForm, detailPage('followUp')), (c) => {
    const r = followUpOpinion(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form').note, c.var.now());
    if (!r.ok) return refused(c, r, detailPage('followUp'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已记录督办情况');
  })
  .post('/:opinionId{[0-9]+}/extend', allow('stationOpinion.handle'), opinionSubject, validForm(extendForm, detailPage('extend')), (c) => {
    const r = extendReferral(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form'), c.var.now());
    if (!r.ok) return refused(c, r, detailPage('extend'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已延长答复期限');
  })
  .post('/:opinionId{[0-9]+}/reply', allow('stationOpinion.handle'), opinionSubject, validForm(replyForm, detailPage('reply')), (c) => {
    const r = replyToResident(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form'), c.var.now());
    if (!r.ok) return refused(c, r, detailPage('reply'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已记录答复，群众凭回执号可以看到');
  })
  .post('/:opinionId{[0-9]+}/suggest', allow('stationOpinion.view'), opinionSubject, readerOnly, validForm(suggestForm, detailPage('suggest')), (c) => {
    const { suggestionTitle, suggestionText, ...form } = c.req.valid('form');
    const self = isStaff(c) ? undefined : ownRepIds(c)[0];
    if (!isStaff(c) && !self) forbidden();
    const repId = self ? self.id : form.representativeId;
    if (repId === undefined) return refused(c, { ok: false, error: '请选择提出建议的代表', field: 'representativeId' }, detailPage('suggest'), c.req.valid('form'));
    const r = suggestFromOpinion(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, { ...form, title: suggestionTitle, text: suggestionText, representativeId: repId }, c.var.now());
    if (!r.ok) return refused(c, r, detailPage('suggest'), c.req.valid('form'));
    return redirectWithFlash(c, url(c), '已转为代表建议');
  })
  .post('/:opinionId{[0-9]+}/propose', allow('stationOpinion.handle'), opinionSubject, validForm(proposeForm, detailPage('propose')), async (c) => {
    const r = proposeFromOpinion(c.var.db, userActor(c), c.var.jurisdiction, c.var.stationOpinion.id, c.req.valid('form'), c.var.now());
    if (!r.ok) return refused(c, r, detailPage('propose'), await c.req.parseBody());
    return redirectWithFlash(c, url(c), `已转为项目建议 ${r.value.proposal.receipt}${r.value.pooled ? '，进入项目储备库' : ''}`);
  });
