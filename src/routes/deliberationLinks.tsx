import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LinkRepPage, LinksPage, type FailedForm, type Options } from '../../views/deliberation/LinkPages';
import { authorize, can, notFound } from '../auth/authorize';
import { getDeliberationRep, seatedCount } from '../data/deliberationReps';
import type { Jurisdiction } from '../data/jurisdictions';
import { assignLink, districtRepsFor, endLink, linkHistory, linkOverview, linksOf, moveGroup, openLinkOf, openLinksIn } from '../data/repLinks';
import { getSettings } from '../data/settings';
import { checkGroupSize, districtRepsNeeded } from '../domain/linkGroups';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { validForm } from '../http/validate';
import { actorWithId, idParam, subdistrictParam, todayIn } from './deliberationCommon';

const id = (msg: string) => z.coerce.number({ error: msg }).int(msg).positive(msg);
const assignForm = z.object({
  deliberationRepId: id('请选择议事代表'),
  districtRepId: id('请选择区人大代表'),
  fromDate: z.string().trim(),
  back: z.literal('rep').optional(),
});
const moveForm = z.object({ fromDistrictRepId: id('请选择原联系的区人大代表'), toDistrictRepId: id('请选择区人大代表'), fromDate: z.string().trim() });
const endForm = z.object({ toDate: z.string().trim() });

/** District representatives to choose from, each with how many of this subdistrict's representatives they already have. */
function repOptions(c: Context<AppEnv>, j: Jurisdiction): Options {
  const db = c.get('db');
  const counts = new Map<number, number>();
  for (const l of openLinksIn(db, j.id)) counts.set(l.districtRepId, (counts.get(l.districtRepId) ?? 0) + 1);
  return districtRepsFor(db, j).map((r) => [String(r.id), `${r.name}（本街道已联系 ${counts.get(r.id) ?? 0} 名）`]);
}

function linksPage(c: Context<AppEnv>, failed?: FailedForm) {
  const j = subdistrictParam(c);
  authorize(c, 'deliberation.view', j.id);
  const db = c.get('db');
  const { linkGroupSize } = getSettings(db, j.id);
  const overview = linkOverview(db, j);
  const seated = seatedCount(db, j.id);
  const groups = overview.groups.map((g) => ({ ...g, check: checkGroupSize(g.members.length, linkGroupSize) }));
  const gap = [...overview.orphaned, ...overview.unlinked];
  const warnings = [
    ...groups.filter((g) => g.check.kind === 'over').map((g) => `${g.districtRep.name}：${g.check.kind === 'over' ? g.check.text : ''}`),
    ...(gap.length ? [`${gap.length} 名在册议事代表没有联系的区人大代表`] : []),
  ];
  if (failed) c.status(422);
  return c.render(
    <LinksPage j={j} seated={seated} groupSize={linkGroupSize} needed={districtRepsNeeded(seated, linkGroupSize)} groups={groups} gap={gap}
      history={linkHistory(db, j.id)} warnings={warnings} canManage={can(c, 'repLink.manage', j.id)} options={repOptions(c, j)}
      today={todayIn(c)} failed={failed} />,
    { title: `${j.name}联系区人大代表` },
  );
}

function repPage(c: Context<AppEnv>, repId: number, failed?: FailedForm) {
  const j = subdistrictParam(c);
  authorize(c, 'repLink.manage', j.id);
  const db = c.get('db');
  const rep = getDeliberationRep(db, j.id, repId) ?? notFound();
  const open = openLinkOf(db, rep.id);
  const history = linksOf(db, rep.id);
  const current = open ? history.find((h) => h.id === open.id) : undefined;
  if (failed) c.status(422);
  return c.render(
    <LinkRepPage j={j} rep={rep} current={current && { districtRep: current.districtRep, fromDate: current.fromDate }} history={history}
      options={repOptions(c, j)} today={todayIn(c)} failed={failed} />,
    { title: `${rep.name} 联系的区人大代表` },
  );
}

export const deliberationLinks = new Hono<AppEnv>()
  .get('/j/:code/deliberation/links', (c) => linksPage(c))
  .post('/j/:code/deliberation/links',
    validForm(assignForm, (c, values, errors) => {
      authorize(c, 'repLink.manage', subdistrictParam(c).id);
      const failed = { key: `assign-${values.deliberationRepId}`, values, errors };
      // The representative's own page always has the form, whichever list the clerk came from.
      return /^\d+$/.test(values.deliberationRepId ?? '') ? repPage(c, Number(values.deliberationRepId), failed) : linksPage(c, failed);
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'repLink.manage', j.id);
      const f = c.req.valid('form');
      const result = assignLink(c.get('db'), actorWithId(c, me), j, f.deliberationRepId, f.districtRepId, f.fromDate, todayIn(c), c.get('now')());
      if (!result.ok) {
        const failed = { key: `assign-${f.deliberationRepId}`, values: { districtRepId: String(f.districtRepId), fromDate: f.fromDate }, errors: { [result.field]: result.error } };
        return repPage(c, f.deliberationRepId, failed);
      }
      flash(c, '已安排联系');
      return c.redirect(f.back === 'rep' ? `/j/${j.code}/deliberation/links/${f.deliberationRepId}` : `/j/${j.code}/deliberation/links`, 303);
    })
  .post('/j/:code/deliberation/links/move',
    validForm(moveForm, (c, values, errors) => {
      authorize(c, 'repLink.manage', subdistrictParam(c).id);
      return linksPage(c, { key: `move-${values.fromDistrictRepId}`, values, errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'repLink.manage', j.id);
      const f = c.req.valid('form');
      const result = moveGroup(c.get('db'), actorWithId(c, me), j, f.fromDistrictRepId, f.toDistrictRepId, f.fromDate, todayIn(c), c.get('now')());
      if (!result.ok) {
        return linksPage(c, { key: `move-${f.fromDistrictRepId}`, values: { toDistrictRepId: String(f.toDistrictRepId), fromDate: f.fromDate }, errors: { [result.field]: result.error } });
      }
      flash(c, `已把 ${result.value} 名议事代表改派`);
      return c.redirect(`/j/${j.code}/deliberation/links`, 303);
    })
  .get('/j/:code/deliberation/links/:id{[0-9]+}', (c) => repPage(c, idParam(c, 'id')))
  .post('/j/:code/deliberation/links/:id{[0-9]+}/end',
    validForm(endForm, (c, values, errors) => repPage(c, idParam(c, 'id'), { key: 'end', values, errors })),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'repLink.manage', j.id);
      const repId = idParam(c, 'id');
      const { toDate } = c.req.valid('form');
      const result = endLink(c.get('db'), actorWithId(c, me), j, repId, toDate, todayIn(c), c.get('now')());
      if (!result.ok) return repPage(c, repId, { key: 'end', values: { toDate }, errors: { [result.field]: result.error } });
      flash(c, '联系已结束');
      return c.redirect(`/j/${j.code}/deliberation/links/${repId}`, 303);
    });
