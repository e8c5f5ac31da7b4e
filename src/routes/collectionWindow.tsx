import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CollectionWindowPage } from '../../views/proposals/StaffPages';
import { actorOf, authorize, can, jurisdictionParam, notFound } from '../auth/authorize';
import { setCollectionWindow } from '../data/collection';
import { getCycle } from '../data/cycles';
import { collectionState } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import type { AppEnv } from '../env';
import { publicOrigin } from '../http/publicUrl';
import { flash } from '../http/renderer';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';
import { chinaDay } from '../../views/proposals/format';

const windowForm = z.object({
  collectionOpens: z.string().trim().min(1, '请填写开始日期'),
  collectionCloses: z.string().trim().min(1, '请填写截止日期'),
});

function windowPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = jurisdictionParam(c);
  authorize(c, 'cycle.view', j.id);
  const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year'))) ?? notFound();
  const origin = publicOrigin(c);
  return c.render(
    <CollectionWindowPage
      j={j} year={cycle.year} state={collectionState(cycle, chinaDateOf(c.get('now')()))} canManage={can(c, 'collection.manage', j.id)}
      values={values ?? { collectionOpens: cycle.collectionOpens ?? '', collectionCloses: cycle.collectionCloses ?? '' }} errors={errors}
      formUrl={`${origin}/p/${j.code}/propose`} portalUrl={`${origin}/p/${j.code}/${cycle.year}`}
    />,
    { title: `${j.name} ${cycle.year} 年度项目征集时间` },
  );
}

/** The collection window of a cycle: a clerk sets the China dates (both inclusive); every change is audited. */
export const collectionWindow = new Hono<AppEnv>()
  .get('/j/:code/cycles/:year{[0-9]{4}}/collection', (c) => windowPage(c))
  .post('/j/:code/cycles/:year{[0-9]{4}}/collection',
    validForm(windowForm, (c, values, errors) => {
      authorize(c, 'collection.manage', jurisdictionParam(c).id);
      return windowPage(c, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      authorize(c, 'collection.manage', j.id);
      const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year'))) ?? notFound();
      const { collectionOpens, collectionCloses } = c.req.valid('form');
      const result = setCollectionWindow(c.get('db'), actorOf(c), cycle, collectionOpens, collectionCloses, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return windowPage(c, { collectionOpens, collectionCloses }, { [result.field]: result.error });
      }
      flash(c, `征集时间已设为 ${chinaDay(collectionOpens)} 至 ${chinaDay(collectionCloses)}`);
      return c.redirect(`/j/${j.code}/cycles/${cycle.year}/collection`, 303);
    });
