import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { LedgerListPage, LedgerPrintPage, LedgerRepPage, MyLedgerPage } from '../../views/ledger/LedgerPages';
import { allow, can, forbidden, loggedIn, requireLogin, userActor } from '../auth/authorize';
import { recordDutyActivity, withdrawDutyActivity, withdrawnActivitiesOf } from '../data/dutyActivities';
import { ledgerRows, repLedger } from '../data/dutyLedger';
import { myLedgers } from '../data/myLedger';
import { chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { totalsByGroup } from '../domain/dutyLedger';
import { entriesTable, ledgerTable } from '../domain/ledgerExport';
import { DUTY_ACTIVITY_KINDS } from '../domain/vocabulary';
import type { AppEnv } from '../env';
import { csvResponse } from '../http/csv';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { workbookBytes, xlsxDownload } from '../http/spreadsheet';
import type { LedgerRepEnv } from '../http/subjects/ledger';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { chinaDateField, trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

type C = Context<JurisdictionEnv>;
type RC = Context<LedgerRepEnv>;

const yearOf = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(2000).max(2100).optional());
const listQuery = z.object({ year: yearOf, community: z.string().trim().max(40).optional() });
const yearQuery = z.object({ year: yearOf });

const activityForm = z.object({
  kind: z.enum(DUTY_ACTIVITY_KINDS, { message: '请选择活动类别' }),
  date: chinaDateField('请按 2027-03-01 的格式填写活动日期'),
  place: trimmed(60),
  detail: trimmed(300, '请填写活动内容'),
});
const withdrawForm = z.object({ reason: trimmed(200, '撤销须写明原因'), withdrawing: z.string().max(12).optional() });

const thisYear = <E extends AppEnv>(c: Context<E>) => chinaYearOf(c.var.now());

/**
 * A representative's own ledger, or any ledger for the staff who keep them: the guard of the pages of one
 * representative. Another representative's is a 403 (their id read through this jurisdiction, else a 404 first).
 */
const ownOrStaff = createMiddleware<LedgerRepEnv>(async (c, next) => {
  const user = requireLogin(c);
  if (!can(c, 'ledger.view', c.var.jurisdiction.id) && c.var.rep.userId !== user.id) forbidden();
  await next();
});

function rowsFor(c: C, year: number, community?: string) {
  return ledgerRows(c.var.db, c.var.jurisdiction.id, year, community || undefined);
}

function repPage(c: RC, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, rep } = c.var;
  const year = yearQuery.safeParse(c.req.query()).data?.year ?? thisYear(c);
  return c.render(
    <LedgerRepPage j={j} rep={rep} year={year} ledger={repLedger(db, rep, year)} withdrawn={withdrawnActivitiesOf(db, rep.id, year)}
      canRecord={can(c, 'ledger.record', j.id)} canList={can(c, 'ledger.view', j.id)} today={chinaDateOf(c.var.now())} values={values} errors={errors} />,
    { title: `${rep.name} ${year}年度履职台账` },
  );
}

/** /j/:code/ledger/:repId — one representative's year: entries by kind and date, print view, hand-recorded activities. */
const repRoutes = new Hono<LedgerRepEnv>()
  .get('/', ownOrStaff, validQuery(yearQuery), (c) => repPage(c))
  .get('/print', ownOrStaff, validQuery(yearQuery), (c) => {
    const { db, jurisdiction: j, rep } = c.var;
    const year = c.req.valid('query').year ?? thisYear(c);
    return c.render(<LedgerPrintPage j={j} year={year} pages={[{ rep, ledger: repLedger(db, rep, year) }]} back={`/j/${j.code}/ledger/${rep.id}?year=${year}`} />,
      { title: `${rep.name} ${year}年度履职台账` });
  })
  .get('/export.csv', ownOrStaff, validQuery(yearQuery), (c) => {
    const { db, rep } = c.var;
    const year = c.req.valid('query').year ?? thisYear(c);
    const table = entriesTable(year, rep.name, repLedger(db, rep, year));
    return csvResponse(c, `${rep.name}${year}年度履职台账.csv`, [table.header, ...table.rows.map((r) => r.map((v, i) => (table.kinds[i] === 'number' ? Number(v) : v)))]);
  })
  .post('/activities', allow('ledger.record'), validForm(activityForm, repPage), (c) => {
    const { db, jurisdiction: j, rep } = c.var;
    const input = c.req.valid('form');
    const r = recordDutyActivity(db, userActor(c), rep, input, chinaDateOf(c.var.now()), c.var.now());
    if (!r.ok) return refused(c, r, repPage, input);
    return redirectWithFlash(c, `/j/${j.code}/ledger/${rep.id}?year=${input.date.slice(0, 4)}`, '已记入履职台账');
  })
  .post('/activities/:activityId{[0-9]+}/withdraw', allow('ledger.record'), validForm(withdrawForm, repPage), (c) => {
    const { db, jurisdiction: j, rep } = c.var;
    const r = withdrawDutyActivity(db, userActor(c), rep, Number(c.req.param('activityId')), c.req.valid('form').reason, c.var.now());
    if (!r.ok) return refused(c, { ...r, field: 'reason' }, repPage, c.req.valid('form'));
    return redirectWithFlash(c, `/j/${j.code}/ledger/${rep.id}?year=${r.value.date.slice(0, 4)}`, '该活动记录已撤销');
  });

/** /j/:code/ledger — every representative's counts for the year, the printed ledger and its exports. */
export const dutyLedger = new Hono<JurisdictionEnv>()
  .get('/', allow('ledger.view'), validQuery(listQuery), (c) => {
    const j = c.var.jurisdiction;
    const q = c.req.valid('query');
    const year = q.year ?? thisYear(c);
    const all = rowsFor(c, year);
    const communities = [...new Set(all.map((r) => r.rep.community).filter(Boolean))];
    const community = q.community && communities.includes(q.community) ? q.community : '';
    const rows = community ? all.filter((r) => r.rep.community === community) : all;
    return c.render(<LedgerListPage j={j} year={year} thisYear={thisYear(c)} rows={rows} communities={communities} community={community} />,
      { title: `${j.name}${year}年度代表履职台账` });
  })
  .get('/print', allow('ledger.view'), validQuery(listQuery), (c) => {
    const { db, jurisdiction: j } = c.var;
    const q = c.req.valid('query');
    const year = q.year ?? thisYear(c);
    const rows = rowsFor(c, year, q.community);
    const summary = totalsByGroup(rows.map((r) => ({ group: r.rep.community || '（未填村、社区）', counts: r.counts })));
    const pages = rows.map((r) => ({ rep: r.rep, ledger: repLedger(db, r.rep as Parameters<typeof repLedger>[1], year) }));
    return c.render(<LedgerPrintPage j={j} year={year} summary={summary} pages={pages} back={`/j/${j.code}/ledger?year=${year}`} />,
      { title: `${j.name}${year}年度代表履职台账` });
  })
  .get('/export.xlsx', allow('ledger.view'), validQuery(listQuery), async (c) => {
    const j = c.var.jurisdiction;
    const q = c.req.valid('query');
    const year = q.year ?? thisYear(c);
    const table = ledgerTable(year, rowsFor(c, year, q.community).map((r) => ({ name: r.rep.name, community: r.rep.community, counts: r.counts })));
    return xlsxDownload(c, `${j.name}${year}年度代表履职台账.xlsx`, await workbookBytes(`${year}年度履职台账`, table));
  })
  .get('/export.csv', allow('ledger.view'), validQuery(listQuery), (c) => {
    const j = c.var.jurisdiction;
    const q = c.req.valid('query');
    const year = q.year ?? thisYear(c);
    const table = ledgerTable(year, rowsFor(c, year, q.community).map((r) => ({ name: r.rep.name, community: r.rep.community, counts: r.counts })));
    return csvResponse(c, `${j.name}${year}年度代表履职台账.csv`, [table.header, ...table.rows.map((r) => r.map((v, i) => (table.kinds[i] === 'number' ? Number(v) : v)))]);
  })
  .route('/:repId{[0-9]+}', repRoutes);

/** /my/ledger — 我的履职: the logged-in representative's own ledgers (one normally; a person may sit in two bodies). */
export const myLedger = new Hono<AppEnv>()
  .get('/', loggedIn, (c) => {
    const mine = myLedgers(c.var.db, requireLogin(c).id);
    if (mine.length === 1) return c.redirect(`/j/${mine[0]!.code}/ledger/${mine[0]!.repId}`, 303);
    return c.render(<MyLedgerPage ledgers={mine} />, { title: '我的履职' });
  });
