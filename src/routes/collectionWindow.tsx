import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CollectionWindowPage } from '../../views/proposals/StaffPages';
import { actorOf, allow, can } from '../auth/authorize';
import { closeCollectionEarly, setCollectionWindow } from '../data/collection';
import { getSettings } from '../data/settings';
import { collectionState } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import { publicAddress } from '../http/publicUrl';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { CycleEnv } from '../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';
import { chinaDay } from '../../views/proposals/format';

const windowForm = z.object({
  collectionOpens: z.string().trim().min(1, '请填写开始日期'),
  collectionCloses: z.string().trim().min(1, '请填写截止日期'),
  shortReason: z.string().trim().max(500, '原因不超过 500 字').default(''),
});

const closeForm = z.object({
  notice: z.string().trim().max(1000, '公告不超过 1000 字').default(''),
  confirm: z.string().optional(),
});

function windowPage(c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors, closeValues?: FormValues, closeErrors?: FieldErrors) {
  const { jurisdiction: j, cycle } = c.var;
  const address = publicAddress(c);
  return c.render(
    <CollectionWindowPage
      j={j} year={cycle.year} state={collectionState(cycle, chinaDateOf(c.var.now()))} canManage={can(c, 'collection.manage', j.id)}
      values={values ?? { collectionOpens: cycle.collectionOpens ?? '', collectionCloses: cycle.collectionCloses ?? '', shortReason: cycle.collectionShortReason }}
      errors={errors} minDays={getSettings(c.var.db, j.id).minCollectionDays}
      closeValues={closeValues} closeErrors={closeErrors} closeNotice={cycle.collectionCloseNotice}
      address={address} formUrl={`${address.origin}/p/${j.code}/propose`} portalUrl={`${address.origin}/p/${j.code}/${cycle.year}`}
    />,
    { title: `${j.name} ${cycle.year} 年度项目征集时间` },
  );
}

const closePage = (c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors) => windowPage(c, undefined, undefined, values, errors);

/** /j/:code/cycles/:year/collection — a clerk sets the China dates (both inclusive); every change is audited. */
export const collectionWindow = new Hono<CycleEnv>()
  .get('/', allow('cycle.view'), (c) => windowPage(c))
  .post('/', allow('collection.manage'), validForm(windowForm, windowPage), (c) => {
    const input = c.req.valid('form');
    const r = setCollectionWindow(c.var.db, actorOf(c), c.var.cycle, input.collectionOpens, input.collectionCloses, c.var.now(), input.shortReason);
    if (!r.ok) return refused(c, r, windowPage, input);
    const short = r.value.collectionShortReason ? '（短于规定时间，已记录原因）' : '';
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/cycles/${r.value.year}/collection`,
      `征集时间已设为 ${chinaDay(input.collectionOpens)} 至 ${chinaDay(input.collectionCloses)}${short}`);
  })
  // Closing a published window before its day: confirmed, and announced on the portal.
  .post('/close', allow('collection.manage'), validForm(closeForm, closePage), (c) => {
    const input = c.req.valid('form');
    const r = closeCollectionEarly(c.var.db, actorOf(c), c.var.cycle, input.notice, input.confirm === 'yes', c.var.now());
    if (!r.ok) return refused(c, r, closePage, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/cycles/${r.value.year}/collection`, '征集已提前截止，公告已在公开页面发布');
  });
