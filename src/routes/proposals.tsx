import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { IntakePage, IntakeResults, type IntakeModel } from '../../views/proposals/IntakePage';
import { ImportPage, StaffProposalPage } from '../../views/proposals/StaffPages';
import { actorOf, allow, can, forbidden, userActor } from '../auth/authorize';
import {
  exportProposals, importProposalFile, listProposals, placesOf, SORTS, submitProposal, type ProposalFilter,
} from '../data/proposals';
import { checkStaffEntry, collectionState, staffEntryAllowed } from '../domain/collection';
import { chinaDateOf } from '../domain/chinaDate';
import { csvTemplateHeader, type CsvIssue } from '../domain/proposalCsv';
import { parseYuan, staffProposalSchema } from '../domain/proposalInput';
import { defaultSourceFor, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES, wholeAreaLabel } from '../domain/proposalLabels';
import { csvDownload, csvResponse } from '../http/csv';
import { errorResponse } from '../http/errors';
import { keptFragment } from '../http/keptFragment';
import { htmlPage } from '../http/responseBody';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { CycleEnv } from '../http/subjects/jurisdiction';
import { validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { proposalsCsv } from '../../views/proposals/csvExport';
import { FORM_MAX_BYTES, formChoices } from './propose';
import { ownNavigationOnly } from '../http/navigation';

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
const importForm = z.object({
  file: z.instanceof(File, { error: '请选择要上传的 CSV 文件' }).refine((f) => f.size > 0, '请选择要上传的 CSV 文件'),
});

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
function wantsResults(c: Context<CycleEnv>): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Target') === 'results' && !c.req.header('HX-History-Restore-Request');
}

function staffPage(c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors) {
  const { jurisdiction: j, cycle } = c.var;
  const canPaper = can(c, 'proposal.enterPaper', j.id);
  const today = chinaDateOf(c.var.now());
  return c.render(
    <StaffProposalPage
      j={j} year={cycle.year} choices={formChoices(c, j, PROPOSAL_SOURCES)} canPaper={canPaper} errors={errors}
      values={values ?? { source: defaultSourceFor(c.var.user?.assignments.map((a) => a.role) ?? []), crossYear: 'no', entryChannel: canPaper ? 'paper' : 'online' }}
      allowed={staffEntryAllowed(cycle, today, canPaper)} state={collectionState(cycle, today)}
    />,
    { title: '录入提议' },
  );
}

/** The upload form; after a refused file, its problems row by row (or the one thing wrong with the upload itself). */
function importPage(c: Context<CycleEnv>, _values?: FormValues, errors?: FieldErrors, refusal?: { issues: CsvIssue[]; fileName: string }) {
  const { jurisdiction: j, cycle } = c.var;
  const issues = refusal?.issues ?? (errors && Object.values(errors).map((message) => ({ row: null, column: null, message })));
  return c.render(
    <ImportPage j={j} year={cycle.year} issues={issues} fileName={refusal?.fileName} allowed={staffEntryAllowed(cycle, chinaDateOf(c.var.now()), true)} />,
    { title: '批量导入提议' },
  );
}

const tooLarge = bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => errorResponse(c, 413) });
const importTooLarge = bodyLimit({ maxSize: IMPORT_MAX_BYTES, onError: (c) => errorResponse(c, 413) });

/** /j/:code/cycles/:year/proposals — the clerk's intake list, its CSV export and import, and entry for others. */
export const proposals = new Hono<CycleEnv>()
  .get('/', allow('proposal.review'), validQuery(intakeQuery), (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    const q = c.req.valid('query');
    const { filter, errors } = filterOf(q);
    const page = q.page ?? 1;
    const typed: FormValues = { ...q, page: undefined };
    const buttons = {
      canEnter: can(c, 'proposal.submitOnBehalf', j.id), canImport: can(c, 'proposal.enterPaper', j.id),
      canManageWindow: can(c, 'collection.manage', j.id),
    };
    const model = (): IntakeModel => {
      const { total, rows } = listProposals(db, cycle.id, filter, { page, pageSize: PAGE_SIZE });
      return { j, year: cycle.year, places: placesOf(db, j.id), wholeArea: wholeAreaLabel(j.kind), filter: typed, errors, rows, total, page, pageSize: PAGE_SIZE, ...buttons };
    };
    c.header('Vary', 'HX-Request, HX-Target');
    if (Object.keys(errors).length) c.status(422);
    // The list is the same for every clerk of the cycle with the same query (and the same buttons) until the next
    // write: read and rendered once, not on every view or every keystroke of a search.
    const key = `${cycle.id}|${JSON.stringify(q)}`;
    if (wantsResults(c)) return htmlPage(c, keptFragment(db, `intakeResults|${key}`, () => <IntakeResults {...model()} />).toString());
    const list = keptFragment(db, `intakePage|${key}|${JSON.stringify(buttons)}`, () => <IntakePage {...model()} />);
    return c.render(list, { title: `群众提议 ${cycle.year}` });
  })
  .get('/export.csv', allow('proposal.review'), ownNavigationOnly, validQuery(intakeQuery), (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    const { filter } = filterOf(c.req.valid('query'));
    const rows = exportProposals(db, actorOf(c), { cycle, jurisdiction: j }, filter, c.var.now());
    return csvDownload(c, `${j.name}${cycle.year}年度群众提议.csv`, proposalsCsv(rows, wholeAreaLabel(j.kind)));
  })
  .get('/template.csv', allow('proposal.enterPaper'), (c) => csvResponse(c, '群众提议导入模板.csv', [csvTemplateHeader()]))
  .get('/import', allow('proposal.enterPaper'), (c) => importPage(c))
  .post('/import', allow('proposal.enterPaper'), importTooLarge, validForm(importForm, importPage), async (c) => {
    const { file } = c.req.valid('form');
    const { db, jurisdiction: j, cycle } = c.var;
    const r = importProposalFile(db, userActor(c), { cycle, jurisdiction: j }, new Uint8Array(await file.arrayBuffer()), c.var.now());
    if (!r.ok) {
      c.status(r.status ?? 422);
      return importPage(c, undefined, undefined, { issues: r.issues, fileName: file.name });
    }
    return redirectWithFlash(c, `/j/${j.code}/cycles/${cycle.year}/proposals?sort=receipt`,
      `已导入 ${r.value.length} 条提议，回执号 ${r.value[0]} 至 ${r.value.at(-1)}`);
  })
  .get('/new', allow('proposal.submitOnBehalf'), (c) => staffPage(c))
  .post('/new', allow('proposal.submitOnBehalf'), tooLarge, validForm(staffForm, staffPage), async (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    const { entryChannel, ...input } = c.req.valid('form');
    const canPaper = can(c, 'proposal.enterPaper', j.id);
    // Saying "typed from a paper form" is a clerk's word: the channel chosen, not the route, needs the right.
    if (entryChannel === 'paper' && !canPaper) forbidden();
    const me = userActor(c);
    const now = c.var.now();
    const allowed = checkStaffEntry(cycle, chinaDateOf(now), canPaper);
    const r = allowed.ok ? submitProposal(db, me, { cycle, jurisdiction: j }, input, { entryChannel, submittedBy: me.id }, now) : allowed;
    // Put back what was typed ("15万", not 150000).
    if (!r.ok) return refused(c, r, staffPage, await c.req.parseBody());
    return redirectWithFlash(c, `/receipt/${r.value.receipt}`, `已录入，回执号 ${r.value.receipt}`);
  });
