import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { ItemDetailPage, type FailedForm } from '../../views/deliberation/ItemDetailPage';
import { ItemListPage, ItemNewPage } from '../../views/deliberation/ItemPages';
import { timelineFromFields, timelineOf } from '../../views/deliberation/timeline';
import { allow, can, forbidden, userActor } from '../auth/authorize';
import { auditFor } from '../data/audit';
import { deliberationScope, repOfUser, rosterOf, type Representative } from '../data/representatives';
import { statYears } from '../data/deliberationStats';
import { itemDetail, listItems, recordItem, triageItem } from '../data/opinionItems';
import { linkedDistrictRep } from '../data/repLinks';
import {
  answerSuggestion, convertItem, districtRepIdsOfUser, districtRepReach, extendSuggestion, isItemsDistrictRep, itemConcerns, rateSuggestion, suggestionDetail,
  suggestionOfItem, unitChoices,
} from '../data/suggestions';
import { readStoredFile, uploadsDir } from '../data/uploads';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentType } from '../domain/attachmentRules';
import { chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { OPINION_CATEGORIES, opinionNumber } from '../domain/opinionLabels';
import { OPINION_STATES } from '../domain/opinionTriage';
import { latestExtension } from '../domain/suggestionDeadline';
import { SATISFACTIONS, suggestionStatus } from '../domain/suggestionStatus';
import type { AppEnv } from '../env';
import { errorResponse } from '../http/errors';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { AttachmentEnv, OpinionItemEnv, SuggestionEnv } from '../http/subjects/deliberation';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { chinaDateField, trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { contentDisposition } from '../http/download';
import { downloadName } from '../domain/downloadName';

const PAGE_SIZE = 30;
const blank = (v: unknown) => (v === '' ? undefined : v);
const date = chinaDateField;

const listQuery = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  state: z.preprocess(blank, z.enum(OPINION_STATES).optional()),
  mine: z.preprocess(blank, z.literal('1').optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
});

/** The file inputs as sent: an empty file input arrives as an empty file (or an empty string) and is no attachment. */
const attachments = z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.union([z.instanceof(File), z.literal('')])))
  .transform((xs) => xs.filter((x): x is File => x instanceof File && x.size > 0));

const itemForm = z.object({
  raisedById: z.preprocess(blank, z.coerce.number({ error: '请选择提出的议事代表' }).int().positive().optional()),
  channel: z.preprocess(blank, z.enum(['meeting', 'office'], { error: '请选择登记方式' }).optional()),
  title: trimmed(60, '请用一句话写明事项'),
  text: trimmed(2000, '请填写群众反映的具体情况'),
  place: trimmed(100),
  affected: z.preprocess(blank, z.coerce.number({ error: '涉及人数须为整数' }).int('涉及人数须为整数')
    .min(0, '涉及人数不能为负数').max(10_000_000, '涉及人数过大').optional()),
  category: z.enum(OPINION_CATEGORIES, { error: '请选择类别' }),
  attachments,
});

const TRIAGE_STEPS = ['answer', 'refer', 'hand', 'rehand'] as const;
const triageForm = z.object({
  step: z.enum(TRIAGE_STEPS, { error: '请选择处理方式：分办只能当场答复、交街道部门或转交区人大代表' }),
  response: trimmed(2000).optional(),
  department: trimmed(60).optional(),
  referNote: trimmed(500).optional(),
  handNote: trimmed(500).optional(),
});

const convertForm = z.object({
  title: trimmed(60, '请填写建议标题'),
  text: trimmed(4000, '请填写建议内容'),
  unitName: trimmed(60, '请填写承办单位'),
  unitUserId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  assignedOn: date('请填写交办日期'),
});
const extendForm = z.object({
  extendedTo: date('请填写延期后的办结日期'),
  approvedOn: date('请填写同意延期的日期'),
  approvedBy: trimmed(60, '请填写同意延期的交办机关'),
  reason: trimmed(500, '请填写延期理由'),
});
const answerForm = z.object({ answer: trimmed(4000, '请填写答复内容'), answeredOn: date('请填写答复日期') });
const rateForm = z.object({ satisfaction: z.enum(SATISFACTIONS, { error: '请选择满意度' }), note: trimmed(500) });

type RecorderEnv = JurisdictionEnv & { Variables: { ownRep: Representative | null } };
type ItemC<E extends OpinionItemEnv = OpinionItemEnv> = Context<E>;

const today = <E extends AppEnv>(c: Context<E>) => chinaDateOf(c.var.now());
const isClerkHere = <E extends JurisdictionEnv>(c: Context<E>) => can(c, 'opinion.triage', c.var.jurisdiction.id);
/** The subdistrict's own people read every item; a district representative only what concerns them (deliberation.linked). */
const readsAll = <E extends JurisdictionEnv>(c: Context<E>) => can(c, 'deliberation.view', c.var.jurisdiction.id);
const itemUrl = <E extends OpinionItemEnv>(c: ItemC<E>) => `/j/${c.var.jurisdiction.code}/deliberation/items/${c.var.opinionItem.id}`;

/**
 * Who records an item: the clerk for any seated representative (ownRep null), a representative for themselves.
 * A login that is neither on the roster nor the clerk cannot raise items (403), before the form is read.
 */
const recorder = createMiddleware<RecorderEnv>(async (c, next) => {
  c.set('ownRep', isClerkHere(c) ? null : repOfUser(c.var.db, deliberationScope(c.var.jurisdiction.id), userActor(c).id) ?? forbidden());
  await next();
});

/** A rule on the row, after allow() and before the body is read: someone else's item is a 403, whatever the form says. */
function onlyWhen<E extends OpinionItemEnv>(rule: (c: Context<E>) => boolean) {
  return createMiddleware<E>(async (c, next) => {
    if (!rule(c)) forbidden();
    await next();
  });
}
/** A district representative opens only the items of their group, those handed to them and their suggestions. */
const readerOnly = onlyWhen<OpinionItemEnv>((c) => readsAll(c) || itemConcerns(c.var.db, districtRepReach(c.var.db, c.var.jurisdiction, userActor(c).id), c.var.opinionItem));
/** Only the district representative the item belongs with converts it into a suggestion. */
const itemsRepOnly = onlyWhen<OpinionItemEnv>((c) => isItemsDistrictRep(c.var.db, c.var.jurisdiction, c.var.opinionItem, userActor(c).id));
/** The chosen unit answers; the clerk may always enter an answer received on paper, on the unit's behalf. */
const answererOnly = onlyWhen<SuggestionEnv>((c) => c.var.suggestion.unitUserId === userActor(c).id || isClerkHere(c));
/** The representative who made the suggestion rates its answer. */
const raterOnly = onlyWhen<SuggestionEnv>((c) =>
  districtRepIdsOfUser(c.var.db, c.var.jurisdiction, userActor(c).id).includes(c.var.suggestion.representativeId));

// ---------------------------------------------------------------- pages

function newPage<E extends RecorderEnv>(c: Context<E>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, ownRep } = c.var;
  if (ownRep) return c.render(<ItemNewPage j={j} self={ownRep} values={values} errors={errors} />, { title: '登记民意事项' });
  const raisers = rosterOf(db, deliberationScope(j.id), { status: 'seated' }).map((r): [string, string] => [String(r.id), `${r.name}${r.community ? `（${r.community}）` : ''}`]);
  return c.render(<ItemNewPage j={j} raisers={raisers} channels={['meeting', 'office']} values={values} errors={errors} />, { title: '登记民意事项' });
}

function itemPage<E extends OpinionItemEnv>(c: ItemC<E>, failed?: FailedForm) {
  const { db, jurisdiction: j, opinionItem: item } = c.var;
  const me = userActor(c).id;
  const names = itemDetail(db, item);
  // A resident's photos stay with the subdistrict: a district representative reads the item without its files.
  const attachments = readsAll(c) ? names.attachments : [];
  const s = suggestionOfItem(db, item.id);
  const day = today(c);
  const clerk = isClerkHere(c);
  const linked = linkedDistrictRep(db, j, item.raisedById);
  const myReps = districtRepIdsOfUser(db, j, me);

  let triage: { linkedRep: string | null; rehandTo?: string } | undefined;
  if (clerk && item.state === 'recorded') triage = { linkedRep: linked?.name ?? null };
  if (clerk && item.state === 'handedToRep' && linked && linked.id !== item.handedToRepId) triage = { linkedRep: linked.name, rehandTo: linked.name };

  const convert = item.state === 'handedToRep' && item.handedToRepId !== null && myReps.includes(item.handedToRepId) && can(c, 'suggestion.convert', j.id)
    ? { units: unitChoices(db, j).map((u): [string, string] => [String(u.id), u.name]) }
    : undefined;

  let suggestion;
  let extendedBy: string | null = null;
  const flags = { extend: false, answer: false, rate: false };
  if (s) {
    const d = suggestionDetail(db, s);
    extendedBy = d.extendedBy;
    suggestion = {
      ...s, representative: d.representative, unitLogin: d.unitLogin, answeredBy: d.answeredBy,
      onBehalf: s.answeredBy !== null && s.answeredBy !== s.unitUserId, status: suggestionStatus(s, day), latestExtension: latestExtension(s.assignedOn),
    };
    const open = s.answeredOn === null;
    flags.extend = open && s.extendedTo === null && can(c, 'suggestion.extend', j.id);
    flags.answer = open && can(c, 'suggestion.answer', j.id) && (s.unitUserId === me || clerk);
    flags.rate = !open && s.satisfaction === null && myReps.includes(s.representativeId) && can(c, 'suggestion.rate', j.id);
  }
  const audit = auditFor(db, 'opinionItem', item.id);
  const timeline = audit.length ? timelineOf(audit) : timelineFromFields({
    ...item, ...names, attachments: names.attachments.length,
    suggestion: s && suggestion && { ...s, representative: suggestion.representative, answeredBy: suggestion.answeredBy, onBehalf: suggestion.onBehalf, extendedBy: extendedBy ?? null },
  });
  return c.render(
    <ItemDetailPage j={j} today={day} failed={failed}
      item={{ ...item, number: opinionNumber(item.year, j.code, item.seq), ...names }}
      attachments={attachments} timeline={timeline}
      triage={triage} convert={convert} suggestion={suggestion} can={flags} />,
    { title: item.title },
  );
}

/** The item page with one of its forms (`key`) filled in again and its errors beside it. */
function itemPageFor(key: string) {
  return <E extends OpinionItemEnv>(c: ItemC<E>, values?: FormValues, errors?: FieldErrors) => itemPage(c, values && errors ? { key, values, errors } : undefined);
}

/** An unknown step (say "convert", which is not the clerk's) shows on the first triage form, as that form's error. */
function triagePage<E extends OpinionItemEnv>(c: ItemC<E>, values: FormValues = {}, errors: FieldErrors = {}) {
  const key = TRIAGE_STEPS.find((s) => s === values.step) ?? 'answer';
  return itemPage(c, { key, values, errors: errors.step ? { _form: errors.step } : errors });
}

// ---------------------------------------------------------------- routes

/** /j/:code/deliberation/items — the subdistrict's public-opinion items: the list and recording a new one. */
export const opinionItems = new Hono<JurisdictionEnv>()
  .get('/', allow('deliberation.view', 'deliberation.linked'), validQuery(listQuery), (c) => {
    const { db, jurisdiction: j } = c.var;
    const me = userActor(c).id;
    const reach = readsAll(c) ? undefined : districtRepReach(db, j, me);
    // a district representative with no group here and nothing handed to them here has no business in this subdistrict
    if (reach && !reach.groupIds.length && listItems(db, j.id, { concerning: reach, page: 1, pageSize: 1 }).total === 0) forbidden();
    const q = c.req.valid('query');
    const self = repOfUser(db, deliberationScope(j.id), me);
    const myReps = districtRepIdsOfUser(db, j, me);
    const mineLabel = self ? '只看我提出的' : myReps.length ? '只看转交给我的' : undefined;
    const { total, rows } = listItems(db, j.id, {
      year: q.year, state: q.state, page: q.page, pageSize: PAGE_SIZE,
      raisedById: q.mine && self ? self.id : undefined,
      handedToRepIds: q.mine && !self && myReps.length ? myReps : undefined, concerning: reach,
    });
    const day = today(c);
    return c.render(
      <ItemListPage j={j} total={total} page={q.page} pageSize={PAGE_SIZE} years={statYears(db, j.id, chinaYearOf(c.var.now()))}
        filter={q} mineLabel={mineLabel} canRecord={can(c, 'opinion.record', j.id)}
        rows={rows.map((r) => ({
          ...r.item, number: opinionNumber(r.item.year, j.code, r.item.seq), raisedBy: r.raisedBy,
          suggestionStatus: r.suggestion ? suggestionStatus(r.suggestion, day) : undefined,
        }))} />,
      { title: `${j.name}民意事项` },
    );
  })
  .get('/new', allow('opinion.record'), recorder, (c) => newPage(c))
  .post('/', allow('opinion.record'), recorder,
    bodyLimit({ maxSize: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024, onError: (c) => errorResponse(c as unknown as Context<AppEnv>, 413) }),
    validForm(itemForm, newPage),
    async (c) => {
      const { db, jurisdiction: j, ownRep } = c.var;
      const f = c.req.valid('form');
      const incoming = await Promise.all(f.attachments.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const r = recordItem(db, uploadsDir(db), userActor(c), j, chinaYearOf(c.var.now()), {
        raisedById: ownRep ? ownRep.id : f.raisedById ?? null, channel: ownRep ? 'self' : f.channel ?? 'meeting',
        title: f.title, text: f.text, place: f.place, affected: f.affected ?? null, category: f.category,
      }, incoming, c.var.now());
      if (!r.ok) return refused(c, r, newPage, { ...f, attachments: undefined });
      return redirectWithFlash(c, `/j/${j.code}/deliberation/items/${r.value.id}`, `已登记，编号 ${opinionNumber(r.value.year, j.code, r.value.seq)}`);
    });

/** /j/:code/deliberation/items/:itemId — one item: its page, the clerk's triage and the representative's conversion. */
export const opinionItem = new Hono<OpinionItemEnv>()
  .get('/', allow('deliberation.view', 'deliberation.linked'), readerOnly, (c) => itemPage(c))
  .post('/triage', allow('opinion.triage'), validForm(triageForm, triagePage), (c) => {
    const f = c.req.valid('form');
    const response = f.step === 'answer' ? f.response ?? '' : f.step === 'refer' ? f.referNote ?? '' : f.handNote ?? '';
    const r = triageItem(c.var.db, userActor(c), c.var.jurisdiction, c.var.opinionItem.id, f.step, { response, department: f.department ?? '' }, c.var.now());
    if (!r.ok) return refused(c, r, triagePage, f);
    return redirectWithFlash(c, itemUrl(c), '已分办');
  })
  .post('/convert', allow('suggestion.convert'), itemsRepOnly, validForm(convertForm, itemPageFor('convert')), (c) => {
    const { db, jurisdiction: j } = c.var;
    const f = c.req.valid('form');
    const r = convertItem(db, userActor(c), j, c.var.opinionItem.id, districtRepIdsOfUser(db, j, userActor(c).id), { ...f, unitUserId: f.unitUserId ?? null }, c.var.now());
    if (!r.ok) return refused(c, r, itemPageFor('convert'), f);
    return redirectWithFlash(c, itemUrl(c), `已转为代表建议，交 ${r.value.unitName} 办理，${r.value.dueOn} 前答复`);
  })
  .route('/attachments/:attachmentId{[0-9]+}', new Hono<AttachmentEnv>()
    .get('/', allow('deliberation.view'), (c) => {
      const a = c.var.attachment;
      const bytes = readStoredFile(uploadsDir(c.var.db), a.storedName) ?? notFound();
      const disposition = a.mimeType === 'application/pdf' ? 'attachment' : 'inline';
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': a.mimeType,
        'Content-Disposition': contentDisposition(disposition, downloadName(a.fileName, ATTACHMENT_TYPES[a.mimeType as AttachmentType] ?? 'bin')),
        'Cache-Control': 'private, no-store',
      });
    }));

/** /j/:code/deliberation/items/:itemId/{extend,answer,rate} — the suggestion the item became. */
export const suggestionSteps = new Hono<SuggestionEnv>()
  .post('/extend', allow('suggestion.extend'), validForm(extendForm, itemPageFor('extend')), (c) => {
    const f = c.req.valid('form');
    const r = extendSuggestion(c.var.db, userActor(c), c.var.suggestion, f, c.var.now());
    if (!r.ok) return refused(c, r, itemPageFor('extend'), f);
    return redirectWithFlash(c, itemUrl(c), `已记录延期，办结期限延至 ${f.extendedTo}`);
  })
  .post('/answer', allow('suggestion.answer'), answererOnly, validForm(answerForm, itemPageFor('reply')), (c) => {
    const f = c.req.valid('form');
    const r = answerSuggestion(c.var.db, userActor(c), c.var.suggestion, f, c.var.now());
    if (!r.ok) return refused(c, r, itemPageFor('reply'), f);
    return redirectWithFlash(c, itemUrl(c), '答复已提交');
  })
  .post('/rate', allow('suggestion.rate'), raterOnly, validForm(rateForm, itemPageFor('rate')), (c) => {
    const f = c.req.valid('form');
    const r = rateSuggestion(c.var.db, userActor(c), c.var.suggestion, f, c.var.now());
    if (!r.ok) return refused(c, r, itemPageFor('rate'), f);
    return redirectWithFlash(c, itemUrl(c), '评价已提交');
  });
