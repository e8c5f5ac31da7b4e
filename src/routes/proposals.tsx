import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { IntakePage, IntakeResults, type IntakeModel } from '../../views/proposals/IntakePage';
import { ImportPage, StaffProposalPage } from '../../views/proposals/StaffPages';
import { actorOf, authorize, can, jurisdictionParam, notFound } from '../auth/authorize';
import { getCycle, type Cycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import {
  exportProposals, importProposals, listProposals, placesOf, SORTS, stationsFor, submitProposal, type ProposalFilter,
} from '../data/proposals';
import { collectionState, staffEntryAllowed } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import { decodeUpload } from '../domain/csv';
import { csvTemplateHeader, parseProposalCsv, type CsvIssue } from '../domain/proposalCsv';
import { parseYuan, staffProposalSchema } from '../domain/proposalInput';
import { defaultSourceFor, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES, wholeAreaLabel } from '../domain/proposalLabels';
import type { AppEnv } from '../env';
import { csvDownload, csvResponse } from '../http/csv';
import { errorResponse } from '../http/errors';
import { flash } from '../http/renderer';
import { formValues, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { proposalsCsv } from '../../views/proposals/csvExport';
import { collectionWindow } from './collectionWindow';
import { FORM_MAX_BYTES, formChoices } from './propose';

const PAGE_SIZE = 25;
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal('')]).optional();

const intakeQuery = z.object({
  q: z.string().max(100).optional(),
  status: optionalEnum(PROPOSAL_STATUSES),
  category: optionalEnum(PROPOSAL_CATEGORIES),
  place: z.string().regex(/^(|none|\d{1,9})$/).optional(),
  source: optionalEnum(PROPOSAL_SOURCES),
  costMin: z.string().max(30).optional(),
  costMax: z.string().max(30).optional(),
  sort: optionalEnum(SORTS),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

const staffForm = staffProposalSchema.and(z.object({ entryChannel: z.enum(['online', 'paper'], { error: '请选择录入方式' }) }));

/** The jurisdiction and cycle named by the path, after checking the action: 404 / 403 as usual. */
function cycleParam(c: Context<AppEnv>, action: Parameters<typeof authorize>[1]): { j: Jurisdiction; cycle: Cycle } {
  const j = jurisdictionParam(c);
  authorize(c, action, j.id);
  const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year'))) ?? notFound();
  return { j, cycle };
}

/** The cost bounds as typed (元 or 万), with a message per bad bound; a bad bound is simply not applied. */
function costBounds(q: z.output<typeof intakeQuery>) {
  const errors: FieldErrors = {};
  const bound = (field: 'costMin' | 'costMax', label: string) => {
    const s = (q[field] ?? '').trim();
    if (s === '') return undefined;
    const r = parseYuan(s);
    if (r.ok) return r.value;
    errors[field] = `${label}：${r.error}`;
    return undefined;
  };
  return { costMin: bound('costMin', '投资下限'), costMax: bound('costMax', '投资上限'), errors };
}

function filterOf(q: z.output<typeof intakeQuery>): { filter: ProposalFilter; errors: FieldErrors } {
  const { costMin, costMax, errors } = costBounds(q);
  const place = q.place === 'none' ? 'none' : q.place ? Number(q.place) : undefined;
  return {
    filter: {
      q: q.q?.trim() || undefined, status: q.status || undefined, category: q.category || undefined, place,
      source: q.source || undefined, costMin, costMax, sort: q.sort || 'new',
    },
    errors,
  };
}

/** htmx asks for just the results region; a history restore or a plain request gets the whole page. */
function wantsResults(c: Context<AppEnv>): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Target') === 'results' && !c.req.header('HX-History-Restore-Request');
}

function staffPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const { j, cycle } = cycleParam(c, 'proposal.submitOnBehalf');
  const canPaper = can(c, 'proposal.enterPaper', j.id);
  const today = chinaDateOf(c.get('now')());
  return c.render(
    <StaffProposalPage
      j={j} year={cycle.year} choices={formChoices(c, j, PROPOSAL_SOURCES)} canPaper={canPaper} errors={errors}
      values={values ?? { source: defaultSourceFor(c.get('user')?.assignments.map((a) => a.role) ?? []), crossYear: 'no', entryChannel: canPaper ? 'paper' : 'online' }}
      allowed={staffEntryAllowed(cycle, today, canPaper)} state={collectionState(cycle, today)}
    />,
    { title: '录入提议' },
  );
}

function importPage(c: Context<AppEnv>, issues?: CsvIssue[], fileName?: string) {
  const { j, cycle } = cycleParam(c, 'proposal.enterPaper');
  return c.render(
    <ImportPage j={j} year={cycle.year} issues={issues} fileName={fileName} allowed={staffEntryAllowed(cycle, chinaDateOf(c.get('now')()), true)} />,
    { title: '批量导入提议' },
  );
}

export const proposals = new Hono<AppEnv>()
  .route('/', collectionWindow)
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals', validQuery(intakeQuery), (c) => {
    const { j, cycle } = cycleParam(c, 'proposal.review');
    const db = c.get('db');
    const q = c.req.valid('query');
    const { filter, errors } = filterOf(q);
    const page = q.page ?? 1;
    const { total, rows } = listProposals(db, cycle.id, filter, { page, pageSize: PAGE_SIZE });
    const typed: FormValues = { ...q, page: undefined };
    const model: IntakeModel = {
      j, year: cycle.year, places: placesOf(db, j.id), wholeArea: wholeAreaLabel(j.kind), filter: typed, errors,
      rows, total, page, pageSize: PAGE_SIZE, canEnter: can(c, 'proposal.submitOnBehalf', j.id),
      canImport: can(c, 'proposal.enterPaper', j.id), canManageWindow: can(c, 'collection.manage', j.id),
    };
    c.header('Vary', 'HX-Request, HX-Target');
    if (Object.keys(errors).length) c.status(422);
    if (wantsResults(c)) return c.html(<IntakeResults {...model} />);
    return c.render(<IntakePage {...model} />, { title: `群众提议 ${cycle.year}` });
  })
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals/export.csv', validQuery(intakeQuery), (c) => {
    const { j, cycle } = cycleParam(c, 'proposal.review');
    const { filter } = filterOf(c.req.valid('query'));
    const rows = exportProposals(c.get('db'), actorOf(c), { cycle, jurisdiction: j }, filter, c.get('now')());
    const csv = proposalsCsv(rows, wholeAreaLabel(j.kind));
    return csvDownload(c, `${j.name}${cycle.year}年度群众提议.csv`, csv);
  })
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals/template.csv', (c) => {
    cycleParam(c, 'proposal.enterPaper');
    return csvResponse(c, '群众提议导入模板.csv', [csvTemplateHeader()]);
  })
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals/import', (c) => importPage(c))
  .post('/j/:code/cycles/:year{[0-9]{4}}/proposals/import',
    bodyLimit({ maxSize: IMPORT_MAX_BYTES, onError: (c) => errorResponse(c as Context<AppEnv>, 413) }),
    async (c) => {
      const { j, cycle } = cycleParam(c, 'proposal.enterPaper');
      const me = c.get('user')!;
      const db = c.get('db');
      const now = c.get('now')();
      const body = await c.req.parseBody();
      const file = body.file;
      const refuse = (issues: CsvIssue[], name?: string) => {
        c.status(422);
        return importPage(c, issues, name);
      };
      if (!(file instanceof File) || file.size === 0) return refuse([{ row: null, column: null, message: '请选择要上传的 CSV 文件' }]);
      if (!staffEntryAllowed(cycle, chinaDateOf(now), true)) return refuse([{ row: null, column: null, message: '本年度已过资格审查阶段，不能再导入提议' }], file.name);
      const text = decodeUpload(new Uint8Array(await file.arrayBuffer()));
      if (text === null) {
        return refuse([{ row: null, column: null, message: '无法读取该文件：请上传 CSV 文件（Excel/WPS 中“另存为”→“CSV UTF-8”），不要直接上传 .xlsx' }], file.name);
      }
      const stations = stationsFor(db, j.id);
      const parsed = parseProposalCsv(text, { places: placesOf(db, j.id), stationCodes: stations.map((s) => s.shortCode), wholeArea: wholeAreaLabel(j.kind) });
      if (!parsed.ok) return refuse(parsed.issues, file.name);
      const result = importProposals(db, actorOf(c), { cycle, jurisdiction: j }, parsed.rows, me.id, now);
      if (!result.ok) return refuse([{ row: result.row, column: null, message: result.error }], file.name);
      flash(c, `已导入 ${result.receipts.length} 条提议，回执号 ${result.receipts[0]} 至 ${result.receipts.at(-1)}`);
      return c.redirect(`/j/${j.code}/cycles/${cycle.year}/proposals?sort=receipt`, 303);
    })
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals/new', (c) => staffPage(c))
  .post('/j/:code/cycles/:year{[0-9]{4}}/proposals/new',
    bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c as Context<AppEnv>, 413) }),
    validForm(staffForm, (c, values, errors) => staffPage(c, values, errors)),
    async (c) => {
      const { j, cycle } = cycleParam(c, 'proposal.submitOnBehalf');
      const me = c.get('user')!;
      const now = c.get('now')();
      const { entryChannel, ...input } = c.req.valid('form');
      const canPaper = can(c, 'proposal.enterPaper', j.id);
      if (entryChannel === 'paper' && !canPaper) return errorResponse(c, 403);
      const typed = formValues(await c.req.parseBody());
      if (!staffEntryAllowed(cycle, chinaDateOf(now), canPaper)) {
        c.status(422);
        return staffPage(c, typed, { _form: '现在不能录入提议：征集时间已过或年度工作已进入后续阶段' });
      }
      const result = submitProposal(c.get('db'), actorOf(c), { cycle, jurisdiction: j }, input, { entryChannel, submittedBy: me.id }, now);
      if (!result.ok) {
        c.status(422);
        return staffPage(c, typed, { [result.field]: result.error });
      }
      flash(c, `已录入，回执号 ${result.value.receipt}`);
      return c.redirect(`/receipt/${result.value.receipt}`, 303);
    });
