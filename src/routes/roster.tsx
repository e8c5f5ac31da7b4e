import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { RosterHistoryPage } from '../../views/roster/HistoryPage';
import { RosterImportPage } from '../../views/roster/ImportPage';
import { RepEditPage, RepNewPage, type RepForm } from '../../views/roster/RepPages';
import { RosterPage, type RosterRow } from '../../views/roster/RosterPage';
import { SlipsPage } from '../../views/roster/SlipsPage';
import { allow, can, userActor } from '../auth/authorize';
import { issuePasswords } from '../auth/initialPassword';
import { hashPassword } from '../auth/password';
import { districtRepsFor, linksOf, openLinksIn } from '../data/repLinks';
import {
  addRep, createRepLogins, importRoster, linkRepLogin, placesOf, reinstateRep, repsByIds, repsWithoutLogin, resetRepLogins,
  retireRep, rosterEntry, rosterHistory, rosterOf, rosterWarningsFor, seatedOnDate, unlinkRepLogin, updateRep, type LoginBatch, type RosterEntry,
} from '../data/representatives';
import { getSettings } from '../data/settings';
import { chinaDateOf } from '../domain/chinaDate';
import type { Action } from '../domain/authz';
import { fractionWords, parseFraction, quorumNeeded } from '../domain/quorum';
import { byElectionDate, repFields, repInputSchema, retireSchema, termOrder } from '../domain/repInput';
import { isSeatedOn, placesToCheck } from '../domain/roster';
import { rosterCsv, rosterTable, rosterTemplate, type ExportTable } from '../domain/rosterExport';
import { columnLabels, COLUMN_KEYS, rosterSheet } from '../domain/rosterImport';
import { termEnded } from '../domain/rosterRange';
import type { AppEnv } from '../env';
import { csvDownload } from '../http/csv';
import { errorResponse } from '../http/errors';
import { publicAddress, publicOrigin, qrSvg } from '../http/publicUrl';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { readUpload, workbookBytes, xlsxDownload } from '../http/spreadsheet';
import type { RepEnv, RosterEnv } from '../http/subjects/roster';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';
import { newPasswordSchema as newPassword } from '../domain/account';
import { ownNavigationOnly } from '../http/navigation';

type C = Context<RosterEnv>;
type RC = Context<RepEnv>;

const listQuery = z.object({
  status: z.enum(['seated', 'retired', 'all']).catch('seated'),
  q: z.string().trim().max(20).catch(''),
});

const newRepForm = z.object({
  ...repFields,
  createLogin: z.literal('1').optional(),
  username: z.string().trim().max(32, '用户名不能超过 32 个字符').optional(),
  password: z.string().optional(),
}).refine(...termOrder).refine(...byElectionDate).superRefine((f, ctx) => {
  if (f.createLogin !== '1') return;
  if (!f.username || f.username.length < 3) ctx.addIssue({ code: 'custom', path: ['username'], message: '用户名至少 3 个字符' });
  else if (!/^[a-z0-9._-]+$/.test(f.username)) {
    ctx.addIssue({ code: 'custom', path: ['username'], message: '用户名只能使用小写字母、数字、点（.）、下划线（_）和连字符（-）' });
  }
  const pw = newPassword.safeParse(f.password ?? '');
  if (!pw.success) ctx.addIssue({ code: 'custom', path: ['password'], message: pw.error.issues[0]!.message.replace('新密码', '初始密码') });
});

/** Checkboxes: one value, several, or none. */
const repIds = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^[1-9]\d{0,9}$/, '未知的代表').transform(Number)).max(1000, '一次最多 1000 名'));

const loginsForm = z.object({ rep: repIds, which: z.enum(['selected', 'withoutLogin']).catch('selected') })
  .refine((f) => f.which === 'withoutLogin' || f.rep.length > 0, { path: ['rep'], message: '请先在名册中勾选代表' });
const resetForm = z.object({ rep: repIds }).refine((f) => f.rep.length > 0, { path: ['rep'], message: '请先在名册中勾选代表' });
const linkForm = z.object({ username: z.string().trim().toLowerCase().min(1, '请填写要关联的用户名').max(64, '用户名过长') });

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const uploadForm = z.object({
  file: z.instanceof(File, { message: '请选择要导入的 CSV 文件或 Excel 表格（.xlsx）' })
    .refine((f) => f.size > 0, '请选择要导入的 CSV 文件或 Excel 表格（.xlsx）')
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, '文件超过 2 MB'),
});

const today = <E extends RosterEnv>(c: Context<E>) => chinaDateOf(c.var.now());
const rosterView = <E extends RosterEnv>(c: Context<E>) => ({ j: c.var.jurisdiction, body: c.var.roster.body, base: c.var.roster.base, terms: c.var.roster.terms });
const titleOf = (c: C) => `${c.var.jurisdiction.name}${c.var.roster.terms.roster}`;

function rows<E extends RosterEnv>(c: Context<E>, entries: RosterEntry[]): RosterRow[] {
  const { db, jurisdiction: j, roster } = c.var;
  const d = today(c);
  const links = roster.body === 'deliberation'
    ? new Map(openLinksIn(db, j.id).map((l) => [l.deliberationRepId, l.districtRepId]))
    : undefined;
  const names = links ? new Map(districtRepsFor(db, j, false).map((r) => [r.id, r.name])) : undefined;
  return entries.map((e) => ({
    ...e,
    districtRep: links ? names!.get(links.get(e.id) ?? 0) ?? null : undefined,
    termEnded: e.status === 'seated' && termEnded(e.termTo, d),
    notYetSeated: e.status === 'seated' && !isSeatedOn(e, d),
  }));
}

function listPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, roster } = c.var;
  const filter = listQuery.parse(c.req.query());
  const d = today(c);
  const seatedNow = seatedOnDate(db, roster.scope, d).length;
  const fraction = parseFraction(getSettings(db, j.id).quorumFraction);
  return c.render(
    <RosterPage r={rosterView(c)} title={titleOf(c)} rows={rows(c, rosterOf(db, roster.scope, { status: filter.status === 'all' ? undefined : filter.status, q: filter.q }))}
      seatedNow={seatedNow} today={d} quorum={seatedNow > 0 ? { needed: quorumNeeded(seatedNow, fraction), words: fractionWords(fraction) } : undefined}
      warnings={rosterWarningsFor(db, roster.scope, d)} canManage={can(c, 'roster.manage', j.id)} filter={filter}
      withoutLogin={repsWithoutLogin(db, roster.scope).length} values={values} errors={errors} />,
    { title: titleOf(c) },
  );
}

function placesFor<E extends RosterEnv>(c: Context<E>) {
  const places = placesOf(c.var.db, c.var.jurisdiction.id);
  return { places, placesFixed: placesToCheck(c.var.roster.body, places).length > 0 };
}

const newQuery = z.object({ byElection: z.literal('1').optional().catch(undefined) });

function newPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const defaults = values ?? { byElection: newQuery.parse(c.req.query()).byElection ?? '' };
  return c.render(<RepNewPage r={rosterView(c)} {...placesFor(c)} values={{ ...defaults, password: '' }} errors={errors} />, { title: `新增${c.var.roster.terms.rep}` });
}

function editPageFor(form: RepForm) {
  return (c: RC, values?: FormValues, errors?: FieldErrors) => {
    const { db, roster, rep } = c.var;
    const entry = rosterEntry(db, roster.scope, rep.id)!;
    return c.render(
      <RepEditPage r={rosterView(c)} rep={{ ...rows(c, [entry])[0]!, retireNote: entry.retireNote }} {...placesFor(c)} today={today(c)}
        links={roster.body === 'deliberation' ? linksOf(db, rep.id) : undefined} form={form} values={values} errors={errors} />,
      { title: `${roster.terms.rep} ${rep.name}` },
    );
  };
}
const editPage = editPageFor('edit');
const retirePage = editPageFor('retire');
const loginPage = editPageFor('login');

function importPage(c: C, props: { errors?: { line: number; field: string; message: string }[]; fileError?: string } = {}) {
  const labels = columnLabels(c.var.roster.body);
  const { places, placesFixed } = placesFor(c);
  return c.render(
    <RosterImportPage r={rosterView(c)} columns={COLUMN_KEYS.filter((k) => k !== 'username').map((k) => labels[k])} places={places}
      placesChecked={placesFixed} {...props} />,
    { title: `导入${c.var.roster.terms.roster}` },
  );
}

/** The slips: the passwords come from this request's memory, paired with what the data function issued. */
async function slipsPage<E extends RosterEnv>(c: Context<E>, headline: string, batch: LoginBatch, passwords: readonly { repId: number; password: string }[]) {
  const byRep = new Map(passwords.map((p) => [p.repId, p.password]));
  const loginUrl = `${publicOrigin(c)}/login`;
  c.header('Cache-Control', 'no-store');
  return c.render(
    <SlipsPage r={rosterView(c)} headline={headline} skipped={batch.skipped} loginUrl={loginUrl} qrSvg={await qrSvg(loginUrl)} address={publicAddress(c)}
      slips={batch.issued.map((i) => ({ name: i.name, community: i.community, username: i.username, password: byRep.get(i.repId)! }))} />,
    { title: '登录凭条' },
  );
}

async function exportFile(c: C, kind: 'xlsx' | 'csv', table: ExportTable, name: string) {
  if (kind === 'csv') return csvDownload(c, `${name}.csv`, rosterCsv(table));
  return xlsxDownload(c, `${name}.xlsx`, await workbookBytes(c.var.roster.terms.roster, table));
}

/** One entry: /…/:repId — its page, edits, retirement, and its login. */
const entryRoutes = new Hono<RepEnv>()
  .get('/', allow('roster.manage'), (c) => editPage(c))
  .post('/', allow('roster.manage'), validForm(repInputSchema, editPage), (c) => {
    const input = c.req.valid('form');
    const r = updateRep(c.var.db, userActor(c), c.var.rep, input, c.var.now());
    if (!r.ok) return refused(c, r, editPage, input);
    return redirectWithFlash(c, `${c.var.roster.base}/${c.var.rep.id}`, '已保存');
  })
  .post('/retire', allow('roster.manage'), validForm(retireSchema, retirePage), (c) => {
    const input = c.req.valid('form');
    const r = retireRep(c.var.db, userActor(c), c.var.rep, input, c.var.now());
    if (!r.ok) return refused(c, r, retirePage, input);
    return redirectWithFlash(c, `${c.var.roster.base}/${c.var.rep.id}`, `${c.var.rep.name} 已离任`);
  })
  .post('/reinstate', allow('roster.manage'), (c) => {
    const r = reinstateRep(c.var.db, userActor(c), c.var.rep, c.var.now());
    if (!r.ok) return refused(c, r, retirePage);
    const again = c.var.roster.body === 'deliberation' ? '，请重新安排其联系的区人大代表' : '';
    return redirectWithFlash(c, `${c.var.roster.base}/${c.var.rep.id}`, `${c.var.rep.name} 已恢复在册${again}`);
  })
  .post('/reset', allow('roster.manage'), async (c) => {
    const issued = await issuePasswords(c.var.rep.userId === null ? [] : [{ repId: c.var.rep.id }]);
    const r = resetRepLogins(c.var.db, userActor(c), c.var.roster.scope, issued, c.var.now());
    if (!r.ok) return refused(c, r, loginPage);
    return slipsPage(c, `已重置 ${c.var.rep.name} 的初始密码，旧密码已失效`, r.value, issued);
  })
  .post('/link', allow('roster.manage'), validForm(linkForm, loginPage), (c) => {
    const { username } = c.req.valid('form');
    const r = linkRepLogin(c.var.db, userActor(c), c.var.rep, username, c.var.now());
    if (!r.ok) return refused(c, r, loginPage, { username });
    return redirectWithFlash(c, `${c.var.roster.base}/${c.var.rep.id}`, `已关联登录账号 ${username}`);
  })
  .post('/unlink', allow('roster.manage'), (c) => {
    const r = unlinkRepLogin(c.var.db, userActor(c), c.var.rep, c.var.now());
    if (!r.ok) return refused(c, r, loginPage);
    return redirectWithFlash(c, `${c.var.roster.base}/${c.var.rep.id}`, '已解除关联');
  });

/**
 * A roster's pages, for a township's congress (/j/:code/roster) and a subdistrict's deliberation representatives
 * (/j/:code/deliberation/reps). Viewing differs (`viewActions`: who may see names without phones); managing is the clerk's.
 */
export function rosterRoutes(viewActions: Action[]) {
  return new Hono<RosterEnv>()
    .get('/', allow(...viewActions), (c) => listPage(c))
    .get('/history', allow(...viewActions), (c) => {
      const { db, roster } = c.var;
      const d = today(c);
      return c.render(
        <RosterHistoryPage r={rosterView(c)} history={rosterHistory(db, roster.scope)} seatedNow={seatedOnDate(db, roster.scope, d).length} today={d} />,
        { title: `在册${roster.terms.rep}人数变化` },
      );
    })
    .get('/new', allow('roster.manage'), (c) => newPage(c))
    .post('/', allow('roster.manage'), validForm(newRepForm, newPage), async (c) => {
      const form = c.req.valid('form');
      const { roster } = c.var;
      const login = form.createLogin === '1' ? { username: form.username!, passwordHash: await hashPassword(form.password!) } : undefined;
      const r = addRep(c.var.db, userActor(c), roster.scope, form, login, c.var.now());
      if (!r.ok) return refused(c, r, newPage, { ...form, password: '' });
      return redirectWithFlash(c, roster.base, `已添加${roster.terms.rep} ${r.value.name}${login ? `，登录账号 ${login.username} 已创建` : ''}`);
    })
    .get('/import', allow('roster.manage'), (c) => importPage(c))
    .post('/import',
      allow('roster.manage'),
      bodyLimit({ maxSize: MAX_UPLOAD_BYTES + 64 * 1024, onError: (c) => errorResponse(c as unknown as Context<AppEnv>, 413) }),
      validForm(uploadForm, (c: C, _v, errors) => importPage(c, { fileError: errors.file ?? errors._form })),
      async (c) => {
        const file = await readUpload(new Uint8Array(await c.req.valid('form').file.arrayBuffer()));
        if (!file.ok) {
          c.status(422);
          return importPage(c, file);
        }
        const r = importRoster(c.var.db, userActor(c), c.var.roster.scope, { rows: rosterSheet(file.sheets), strictWidth: file.strictWidth }, c.var.now());
        if (!r.ok) {
          c.status(422);
          return importPage(c, { errors: r.errors });
        }
        return redirectWithFlash(c, c.var.roster.base, `已导入 ${r.rows.length} 名${c.var.roster.terms.rep}`);
      })
    .get('/export.xlsx', allow('roster.manage'), ownNavigationOnly, (c) => exportFile(c, 'xlsx', rosterTable(c.var.roster.body, rosterOf(c.var.db, c.var.roster.scope)), titleOf(c)))
    .get('/export.csv', allow('roster.manage'), ownNavigationOnly, (c) => exportFile(c, 'csv', rosterTable(c.var.roster.body, rosterOf(c.var.db, c.var.roster.scope)), titleOf(c)))
    .get('/template.xlsx', allow('roster.manage'), (c) => exportFile(c, 'xlsx', rosterTemplate(c.var.roster.body, placesFor(c).places), `${c.var.roster.terms.roster}模板`))
    .get('/template.csv', allow('roster.manage'), (c) => exportFile(c, 'csv', rosterTemplate(c.var.roster.body, placesFor(c).places), `${c.var.roster.terms.roster}模板`))
    .post('/logins', allow('roster.manage'), validForm(loginsForm, listPage), async (c) => {
      const { db, jurisdiction: j, roster } = c.var;
      const { rep, which } = c.req.valid('form');
      const todo = which === 'withoutLogin' ? repsWithoutLogin(db, roster.scope) : repsByIds(db, roster.scope, rep).filter((r) => r.userId === null);
      const issued = await issuePasswords(todo.map((r) => ({ repId: r.id })));
      const r = createRepLogins(db, userActor(c), { ...roster.scope, code: j.code }, issued, { mustChangePassword: true }, c.var.now());
      if (!r.ok) return refused(c, r, listPage);
      return slipsPage(c, `已为 ${r.value.issued.length} 名${roster.terms.rep}创建登录账号`, r.value, issued);
    })
    .post('/logins/reset', allow('roster.manage'), validForm(resetForm, listPage), async (c) => {
      const { db, roster } = c.var;
      const todo = repsByIds(db, roster.scope, c.req.valid('form').rep).filter((r) => r.userId !== null);
      const issued = await issuePasswords(todo.map((r) => ({ repId: r.id })));
      const r = resetRepLogins(db, userActor(c), roster.scope, issued, c.var.now());
      if (!r.ok) return refused(c, r, listPage);
      return slipsPage(c, `已重置 ${r.value.issued.length} 名${roster.terms.rep}的初始密码，旧密码已失效`, r.value, issued);
    })
    .route('/:repId{[0-9]+}', entryRoutes);
}

/** /j/:code/roster — a township congress's seated representatives. */
export const roster = rosterRoutes(['roster.view']);
