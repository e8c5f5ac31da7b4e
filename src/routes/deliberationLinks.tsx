import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LinkRepPage, LinksPage, type FailedForm, type Options } from '../../views/deliberation/LinkPages';
import { allow, can, userActor } from '../auth/authorize';
import { deliberationScope, getRep, seatedCount, type Representative } from '../data/representatives';
import { assignLink, districtRepsFor, endLink, linkHistory, linkOverview, linksOf, moveGroup, openLinkOf, openLinksIn } from '../data/repLinks';
import { getSettings } from '../data/settings';
import { chinaDateOf } from '../domain/chinaDate';
import { checkGroupSize, districtRepsNeeded, oversizedGroups } from '../domain/linkGroups';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { DeliberationRepEnv } from '../http/subjects/deliberation';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { chinaDateField, validForm, type FieldErrors, type FormValues } from '../http/validate';

const id = (msg: string) => z.coerce.number({ error: msg }).int(msg).positive(msg);
const date = chinaDateField;
const assignForm = z.object({
  deliberationRepId: id('请选择议事代表'),
  districtRepId: id('请选择区人大代表'),
  fromDate: date('请填写开始联系的日期'),
  back: z.literal('rep').optional(),
});
const moveForm = z.object({ fromDistrictRepId: id('请选择原联系的区人大代表'), toDistrictRepId: id('请选择区人大代表'), fromDate: date('请填写开始联系的日期') });
const endForm = z.object({ toDate: date('请填写结束联系的日期') });

type C<E extends JurisdictionEnv = JurisdictionEnv> = Context<E>;
const today = <E extends JurisdictionEnv>(c: C<E>) => chinaDateOf(c.var.now());

/** District representatives to choose from, each with how many of this subdistrict's representatives they already have. */
function repOptions<E extends JurisdictionEnv>(c: C<E>): Options {
  const { db, jurisdiction: j } = c.var;
  const counts = new Map<number, number>();
  for (const l of openLinksIn(db, j.id)) counts.set(l.districtRepId, (counts.get(l.districtRepId) ?? 0) + 1);
  return districtRepsFor(db, j).map((r) => [String(r.id), `${r.name}（本街道已联系 ${counts.get(r.id) ?? 0} 名）`]);
}

function linksPage<E extends JurisdictionEnv>(c: C<E>, failed?: FailedForm) {
  const { db, jurisdiction: j } = c.var;
  const { linkGroupSize } = getSettings(db, j.id);
  const overview = linkOverview(db, j);
  const seated = seatedCount(db, deliberationScope(j.id));
  const groups = overview.groups.map((g) => ({ ...g, check: checkGroupSize(g.members.length, linkGroupSize) }));
  const gap = [...overview.orphaned, ...overview.unlinked];
  const warnings = [
    ...oversizedGroups(overview.groups, linkGroupSize),
    ...(gap.length ? [`${gap.length} 名在册议事代表没有联系的区人大代表`] : []),
  ];
  return c.render(
    <LinksPage j={j} seated={seated} groupSize={linkGroupSize} needed={districtRepsNeeded(seated, linkGroupSize)} groups={groups} gap={gap}
      history={linkHistory(db, j.id)} warnings={warnings} canManage={can(c, 'repLink.manage', j.id)} options={repOptions(c)}
      today={today(c)} failed={failed} />,
    { title: `${j.name}联系区人大代表` },
  );
}

function repPage<E extends JurisdictionEnv>(c: C<E>, rep: Representative, failed?: FailedForm) {
  const { db, jurisdiction: j } = c.var;
  const open = openLinkOf(db, rep.id);
  const history = linksOf(db, rep.id);
  const current = open ? history.find((h) => h.id === open.id) : undefined;
  return c.render(
    <LinkRepPage j={j} rep={rep} current={current && { districtRep: current.districtRep, fromDate: current.fromDate }} history={history}
      options={repOptions(c)} today={today(c)} failed={failed} />,
    { title: `${rep.name} 联系的区人大代表` },
  );
}

/** The representative's own page always has the assignment form, whichever list the clerk came from. */
function assignPage<E extends JurisdictionEnv>(c: C<E>, values: FormValues = {}, errors: FieldErrors = {}) {
  const failed = { key: `assign-${values.deliberationRepId}`, values, errors };
  if (!/^\d{1,10}$/.test(values.deliberationRepId ?? '')) return linksPage(c, failed);
  return repPage(c, getRep(c.var.db, deliberationScope(c.var.jurisdiction.id), Number(values.deliberationRepId)) ?? notFound(), failed);
}

function movePage<E extends JurisdictionEnv>(c: C<E>, values: FormValues = {}, errors: FieldErrors = {}) {
  return linksPage(c, { key: `move-${values.fromDistrictRepId}`, values, errors });
}

function endPage<E extends DeliberationRepEnv>(c: C<E>, values: FormValues = {}, errors: FieldErrors = {}) {
  return repPage(c, c.var.deliberationRep, { key: 'end', values, errors });
}

/** /j/:code/deliberation/links — each district representative's group, the gap, assigning and moving. */
export const deliberationLinks = new Hono<JurisdictionEnv>()
  .get('/', allow('deliberation.view'), (c) => linksPage(c))
  .post('/', allow('repLink.manage'), validForm(assignForm, assignPage), (c) => {
    const f = c.req.valid('form');
    const r = assignLink(c.var.db, userActor(c), c.var.jurisdiction, f.deliberationRepId, f.districtRepId, f.fromDate, today(c), c.var.now());
    if (!r.ok) return refused(c, r, assignPage, f);
    const base = `/j/${c.var.jurisdiction.code}/deliberation/links`;
    return redirectWithFlash(c, f.back === 'rep' ? `${base}/${f.deliberationRepId}` : base, '已安排联系');
  })
  .post('/move', allow('repLink.manage'), validForm(moveForm, movePage), (c) => {
    const f = c.req.valid('form');
    const r = moveGroup(c.var.db, userActor(c), c.var.jurisdiction, f.fromDistrictRepId, f.toDistrictRepId, f.fromDate, today(c), c.var.now());
    if (!r.ok) return refused(c, r, movePage, f);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/deliberation/links`, `已把 ${r.value} 名议事代表改派`);
  });

/** /j/:code/deliberation/links/:repId — one deliberation representative's links. */
export const deliberationLink = new Hono<DeliberationRepEnv>()
  .get('/', allow('repLink.manage'), (c) => repPage(c, c.var.deliberationRep))
  .post('/end', allow('repLink.manage'), validForm(endForm, endPage), (c) => {
    const rep = c.var.deliberationRep;
    const f = c.req.valid('form');
    const r = endLink(c.var.db, userActor(c), c.var.jurisdiction, rep.id, f.toDate, today(c), c.var.now());
    if (!r.ok) return refused(c, r, endPage, f);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/deliberation/links/${rep.id}`, '联系已结束');
  });
