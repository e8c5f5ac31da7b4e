import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { RepEditPage, RepNewPage, RosterImportPage, RosterPage, type RosterRow } from '../../views/deliberation/RosterPages';
import { authorize, can, notFound } from '../auth/authorize';
import { hashPassword } from '../auth/password';
import { createRep, getDeliberationRep, importRoster, reinstateRep, retireRep, rosterOf, seatedCount, updateRep, type Rep } from '../data/deliberationReps';
import { childrenOf, type Jurisdiction } from '../data/jurisdictions';
import { districtRepsFor, linksOf, openLinksIn } from '../data/repLinks';
import { getSettings } from '../data/settings';
import { getUser } from '../data/users';
import { isChinaDate } from '../domain/chinaDate';
import { CSV_COLUMNS, decodeCsv, parseRosterCsv, REP_FIELD_LABELS, REP_STATUS_LABELS, repFields, repInputSchema, termOrder } from '../domain/repInput';
import { rosterWarnings, termEnded, termWarning } from '../domain/rosterRange';
import type { AppEnv } from '../env';
import { csvResponse } from '../http/csv';
import { errorResponse } from '../http/errors';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { newPassword } from './auth';
import { actorWithId, idParam, subdistrictParam, todayIn } from './deliberationCommon';

const newRepForm = z.object({
  ...repFields,
  createLogin: z.literal('1').optional(),
  username: z.string().trim().max(32, '用户名不能超过 32 个字符').optional(),
  password: z.string().optional(),
}).refine(...termOrder).superRefine((f, ctx) => {
  if (f.createLogin !== '1') return;
  if (!f.username || f.username.length < 3) ctx.addIssue({ code: 'custom', path: ['username'], message: '用户名至少 3 个字符' });
  else if (!/^[a-z0-9._-]+$/.test(f.username)) {
    ctx.addIssue({ code: 'custom', path: ['username'], message: '用户名只能使用小写字母、数字、点（.）、下划线（_）和连字符（-）' });
  }
  const pw = newPassword.safeParse(f.password ?? '');
  if (!pw.success) ctx.addIssue({ code: 'custom', path: ['password'], message: pw.error.issues[0]!.message.replace('新密码', '初始密码') });
});

const retireForm = z.object({
  onDate: z.string().trim().refine(isChinaDate, '请填写离任日期'),
  reason: trimmed(200),
});

const statusQuery = z.object({ status: z.enum(['seated', 'retired', 'all']).optional() });

const MAX_CSV_BYTES = 1024 * 1024;

function communitiesOf(c: Context<AppEnv>, j: Jurisdiction): string[] {
  return childrenOf(c.get('db'), j.id).filter((ch) => ch.active).map((ch) => ch.name);
}

function warningsFor(c: Context<AppEnv>, j: Jurisdiction): string[] {
  const db = c.get('db');
  const s = getSettings(db, j.id);
  return [
    ...rosterWarnings(seatedCount(db, j.id), s.deliberationRosterMin, s.deliberationRosterMax).map((w) => w.text),
    ...termWarning(rosterOf(db, j.id, 'seated'), todayIn(c)),
  ];
}

function rosterRows(c: Context<AppEnv>, j: Jurisdiction, reps: Rep[]): RosterRow[] {
  const db = c.get('db');
  const names = new Map(districtRepsFor(db, j, false).map((r) => [r.id, r.name]));
  const linked = new Map(openLinksIn(db, j.id).map((l) => [l.deliberationRepId, names.get(l.districtRepId)]));
  const today = todayIn(c);
  return reps.map((r) => ({ ...r, districtRep: linked.get(r.id), hasLogin: r.userId !== null, termEnded: r.status === 'seated' && termEnded(r.termTo, today) }));
}

function newPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = subdistrictParam(c);
  authorize(c, 'roster.manage', j.id);
  return c.render(<RepNewPage j={j} communities={communitiesOf(c, j)} values={values} errors={errors} />, { title: '新增议事代表' });
}

function repOr404(c: Context<AppEnv>, j: Jurisdiction): Rep {
  return getDeliberationRep(c.get('db'), j.id, idParam(c, 'id')) ?? notFound();
}

function editPage(c: Context<AppEnv>, forms: { values?: FormValues; errors?: FieldErrors; retireValues?: FormValues; retireErrors?: FieldErrors } = {}) {
  const j = subdistrictParam(c);
  authorize(c, 'roster.manage', j.id);
  const rep = repOr404(c, j);
  const db = c.get('db');
  return c.render(
    <RepEditPage j={j} rep={rosterRows(c, j, [rep])[0]!} communities={communitiesOf(c, j)} links={linksOf(db, rep.id)}
      username={rep.userId ? getUser(db, rep.userId)?.username : undefined} today={todayIn(c)} {...forms} />,
    { title: `议事代表 ${rep.name}` },
  );
}

const csvRow = (r: Rep) => [r.name, r.community, r.sector, r.phone, r.termFrom ?? '', r.termTo ?? '', REP_STATUS_LABELS[r.status]];

export const deliberationRoster = new Hono<AppEnv>()
  .get('/j/:code/deliberation/reps', validQuery(statusQuery), (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'deliberation.view', j.id);
    const status = c.req.valid('query').status ?? 'seated';
    const reps = rosterOf(c.get('db'), j.id, status === 'all' ? undefined : status);
    return c.render(
      <RosterPage j={j} rows={rosterRows(c, j, reps)} seated={seatedCount(c.get('db'), j.id)} warnings={warningsFor(c, j)}
        canManage={can(c, 'roster.manage', j.id)} status={status} />,
      { title: `${j.name}议事代表名册` },
    );
  })
  .get('/j/:code/deliberation/reps.csv', (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'roster.manage', j.id); // the file carries phone numbers: clerks only
    const rows = rosterOf(c.get('db'), j.id).map(csvRow);
    return csvResponse(c, `${j.name}议事代表名册.csv`, [CSV_COLUMNS.map((k) => REP_FIELD_LABELS[k]), ...rows]);
  })
  .get('/j/:code/deliberation/reps/template.csv', (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'roster.manage', j.id);
    return csvResponse(c, '议事代表名册模板.csv', [
      CSV_COLUMNS.map((k) => REP_FIELD_LABELS[k]),
      ['张三', communitiesOf(c, j)[0] ?? '某某社区', '社区工作者', '13800000000', '2026-01-01', '2030-12-31', '在册'],
    ]);
  })
  .get('/j/:code/deliberation/reps/new', (c) => newPage(c))
  .post('/j/:code/deliberation/reps',
    validForm(newRepForm, (c, values, errors) => newPage(c, { ...values, password: '' }, errors)),
    async (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'roster.manage', j.id);
      const form = c.req.valid('form');
      const input = repInputSchema.parse(form);
      const login = form.createLogin === '1' ? { username: form.username!, passwordHash: await hashPassword(form.password!) } : undefined;
      const result = createRep(c.get('db'), actorWithId(c, me), j.id, input, login, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return newPage(c, { ...form, password: '' }, { [result.field]: result.error });
      }
      flash(c, `已添加议事代表 ${result.value.name}${login ? `，登录账号 ${login.username} 已创建` : ''}`);
      return c.redirect(`/j/${j.code}/deliberation/reps`, 303);
    })
  .get('/j/:code/deliberation/reps/import', (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'roster.manage', j.id);
    return c.render(<RosterImportPage j={j} />, { title: '导入议事代表' });
  })
  .post('/j/:code/deliberation/reps/import',
    bodyLimit({ maxSize: MAX_CSV_BYTES + 64 * 1024, onError: (c) => errorResponse(c as unknown as Context<AppEnv>, 413) }),
    async (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'roster.manage', j.id);
      const body = await c.req.parseBody();
      const file = body.file;
      const again = (props: { errors?: { line: number; field: string; message: string }[]; fileError?: string }) => {
        c.status(422);
        return c.render(<RosterImportPage j={j} {...props} />, { title: '导入议事代表' });
      };
      if (!(file instanceof File) || file.size === 0) return again({ fileError: '请选择要导入的 CSV 文件' });
      if (file.size > MAX_CSV_BYTES) return again({ fileError: '文件超过 1 MB' });
      const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
      const existing = rosterOf(c.get('db'), j.id, 'seated');
      const parsed = parseRosterCsv(text, existing);
      if (!parsed.ok) return again({ errors: parsed.errors });
      const n = importRoster(c.get('db'), actorWithId(c, me), j.id, parsed.rows, c.get('now')());
      flash(c, `已导入 ${n} 名议事代表`);
      return c.redirect(`/j/${j.code}/deliberation/reps`, 303);
    })
  .get('/j/:code/deliberation/reps/:id{[0-9]+}', (c) => editPage(c))
  .post('/j/:code/deliberation/reps/:id{[0-9]+}',
    validForm(repInputSchema, (c, values, errors) => editPage(c, { values, errors })),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'roster.manage', j.id);
      const rep = repOr404(c, j);
      updateRep(c.get('db'), actorWithId(c, me), rep, c.req.valid('form'), c.get('now')());
      flash(c, '已保存');
      return c.redirect(`/j/${j.code}/deliberation/reps/${rep.id}`, 303);
    })
  .post('/j/:code/deliberation/reps/:id{[0-9]+}/retire',
    validForm(retireForm, (c, values, errors) => editPage(c, { retireValues: values, retireErrors: errors })),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'roster.manage', j.id);
      const rep = repOr404(c, j);
      const { onDate, reason } = c.req.valid('form');
      const result = retireRep(c.get('db'), actorWithId(c, me), rep, onDate, reason, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return editPage(c, { retireValues: { onDate, reason }, retireErrors: { [result.field]: result.error } });
      }
      flash(c, `${rep.name} 已离任`);
      return c.redirect(`/j/${j.code}/deliberation/reps/${rep.id}`, 303);
    })
  .post('/j/:code/deliberation/reps/:id{[0-9]+}/reinstate', (c) => {
    const j = subdistrictParam(c);
    const me = authorize(c, 'roster.manage', j.id);
    const rep = repOr404(c, j);
    const result = reinstateRep(c.get('db'), actorWithId(c, me), rep, c.get('now')());
    flash(c, result.ok ? `${rep.name} 已恢复在册，请重新安排其联系的区人大代表` : result.error);
    return c.redirect(`/j/${j.code}/deliberation/reps/${rep.id}`, 303);
  });
