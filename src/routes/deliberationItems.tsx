import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ItemDetailPage, type FailedForm } from '../../views/deliberation/ItemDetailPage';
import { ItemListPage, ItemNewPage } from '../../views/deliberation/ItemPages';
import { timelineFromFields, timelineOf } from '../../views/deliberation/timeline';
import { authorize, can, notFound } from '../auth/authorize';
import { auditFor } from '../data/audit';
import { deliberationRepOfUser, rosterOf } from '../data/deliberationReps';
import { statYears } from '../data/deliberationStats';
import type { Jurisdiction } from '../data/jurisdictions';
import { getAttachment, getItem, itemDetail, listItems, recordItem, triageItem, type OpinionItem } from '../data/opinionItems';
import { linkedDistrictRep } from '../data/repLinks';
import {
  answerSuggestion, convertItem, districtRepIdsOfUser, extendSuggestion, rateSuggestion, suggestionDetail, suggestionOfItem, unitChoices,
  type Suggestion,
} from '../data/suggestions';
import { readStoredFile, removeFiles, storeFiles, uploadsDir } from '../data/uploads';
import { checkAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../domain/attachmentRules';
import { OPINION_CATEGORIES, opinionNumber } from '../domain/opinionLabels';
import { OPINION_STATES } from '../domain/opinionTriage';
import { latestExtension } from '../domain/suggestionDeadline';
import { SATISFACTIONS, suggestionStatus } from '../domain/suggestionStatus';
import type { AppEnv, CurrentUser } from '../env';
import { errorResponse } from '../http/errors';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { actorWithId, idParam, subdistrictParam, todayIn } from './deliberationCommon';

const PAGE_SIZE = 30;
const blank = (v: unknown) => (v === '' ? undefined : v);

const listQuery = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  state: z.preprocess(blank, z.enum(OPINION_STATES).optional()),
  mine: z.preprocess(blank, z.literal('1').optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
});

const itemForm = z.object({
  raisedById: z.preprocess(blank, z.coerce.number({ error: '请选择提出的议事代表' }).int().positive().optional()),
  channel: z.preprocess(blank, z.enum(['meeting', 'office'], { error: '请选择登记方式' }).optional()),
  title: trimmed(60, '请用一句话写明事项'),
  text: trimmed(2000, '请填写群众反映的具体情况'),
  place: trimmed(100),
  affected: z.preprocess(blank, z.coerce.number({ error: '涉及人数须为整数' }).int('涉及人数须为整数')
    .min(0, '涉及人数不能为负数').max(10_000_000, '涉及人数过大').optional()),
  category: z.enum(OPINION_CATEGORIES, { error: '请选择类别' }),
  attachments: z.unknown().optional(),
});

const triageForm = z.object({
  step: z.enum(['answer', 'refer', 'hand', 'rehand'], { error: '请选择处理方式' }),
  response: trimmed(2000).optional(),
  department: trimmed(60).optional(),
  referNote: trimmed(500).optional(),
  handNote: trimmed(500).optional(),
});

const dateText = z.string().trim();
const convertForm = z.object({
  title: trimmed(60, '请填写建议标题'),
  text: trimmed(4000, '请填写建议内容'),
  unitName: trimmed(60, '请填写承办单位'),
  unitUserId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  assignedOn: dateText,
});
const extendForm = z.object({
  extendedTo: dateText, approvedOn: dateText,
  approvedBy: trimmed(60, '请填写同意延期的交办机关'),
  reason: trimmed(500, '请填写延期理由'),
});
const answerForm = z.object({ answer: trimmed(4000, '请填写答复内容'), answeredOn: dateText });
const rateForm = z.object({ satisfaction: z.enum(SATISFACTIONS, { error: '请选择满意度' }), note: trimmed(500) });

const forbidden = (): never => { throw new HTTPException(403, { message: 'forbidden' }); };

function itemOr404(c: Context<AppEnv>, j: Jurisdiction): OpinionItem {
  return getItem(c.get('db'), j.id, idParam(c, 'id')) ?? notFound();
}

/**
 * The district representative an item belongs with: the one it was handed to, or, before handover, the one its
 * raiser is linked to now. Only that representative's login may convert it (others get 403).
 */
function isItemsRep(c: Context<AppEnv>, j: Jurisdiction, item: OpinionItem, me: CurrentUser): boolean {
  const db = c.get('db');
  const target = item.handedToRepId ?? linkedDistrictRep(db, j, item.raisedById)?.id;
  return target !== undefined && districtRepIdsOfUser(db, j, me.id).includes(target);
}

function isClerkHere(c: Context<AppEnv>, j: Jurisdiction): boolean {
  return can(c, 'opinion.triage', j.id);
}

// ---------------------------------------------------------------- pages

function newPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = subdistrictParam(c);
  const me = authorize(c, 'opinion.record', j.id);
  const db = c.get('db');
  if (isClerkHere(c, j)) {
    const raisers = rosterOf(db, j.id, 'seated').map((r): [string, string] => [String(r.id), `${r.name}${r.community ? `（${r.community}）` : ''}`]);
    return c.render(<ItemNewPage j={j} raisers={raisers} channels={['meeting', 'office']} values={values} errors={errors} />, { title: '登记民意事项' });
  }
  const self = deliberationRepOfUser(db, j.id, me.id) ?? forbidden(); // a login not on the roster cannot raise items
  return c.render(<ItemNewPage j={j} self={self} values={values} errors={errors} />, { title: '登记民意事项' });
}

function itemPage(c: Context<AppEnv>, failed?: FailedForm) {
  const j = subdistrictParam(c);
  const me = authorize(c, 'deliberation.view', j.id);
  const db = c.get('db');
  const item = itemOr404(c, j);
  const names = itemDetail(db, item);
  const s = suggestionOfItem(db, item.id);
  const today = todayIn(c);
  const clerk = isClerkHere(c, j);
  const linked = linkedDistrictRep(db, j, item.raisedById);
  const myReps = districtRepIdsOfUser(db, j, me.id);

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
      onBehalf: s.answeredBy !== null && s.answeredBy !== s.unitUserId, status: suggestionStatus(s, today), latestExtension: latestExtension(s.assignedOn),
    };
    const open = s.answeredOn === null;
    flags.extend = open && s.extendedTo === null && can(c, 'suggestion.extend', j.id);
    flags.answer = open && can(c, 'suggestion.answer', j.id) && (s.unitUserId === me.id || clerk);
    flags.rate = !open && s.satisfaction === null && myReps.includes(s.representativeId) && can(c, 'suggestion.rate', j.id);
  }
  const audit = auditFor(db, 'opinionItem', item.id);
  const timeline = audit.length ? timelineOf(audit) : timelineFromFields({
    ...item, ...names, attachments: names.attachments.length,
    suggestion: s && suggestion && { ...s, representative: suggestion.representative, answeredBy: suggestion.answeredBy, onBehalf: suggestion.onBehalf, extendedBy: extendedBy ?? null },
  });
  if (failed) c.status(422);
  return c.render(
    <ItemDetailPage j={j} today={today} failed={failed}
      item={{ ...item, number: opinionNumber(item.year, j.code, item.seq), ...names }}
      attachments={names.attachments} timeline={timeline}
      triage={triage} convert={convert} suggestion={suggestion} can={flags} />,
    { title: item.title },
  );
}

function suggestionOr404(c: Context<AppEnv>, item: OpinionItem): Suggestion {
  return suggestionOfItem(c.get('db'), item.id) ?? notFound();
}

// ---------------------------------------------------------------- routes

export const deliberationItems = new Hono<AppEnv>()
  .get('/j/:code/deliberation/items', validQuery(listQuery), (c) => {
    const j = subdistrictParam(c);
    const me = authorize(c, 'deliberation.view', j.id);
    const db = c.get('db');
    const q = c.req.valid('query');
    const self = deliberationRepOfUser(db, j.id, me.id);
    const myReps = districtRepIdsOfUser(db, j, me.id);
    const mineLabel = self ? '只看我提出的' : myReps.length ? '只看转交给我的' : undefined;
    const { total, rows } = listItems(db, j.id, {
      year: q.year, state: q.state, page: q.page, pageSize: PAGE_SIZE,
      raisedById: q.mine && self ? self.id : undefined,
      handedToRepIds: q.mine && !self && myReps.length ? myReps : undefined,
    });
    const today = todayIn(c);
    return c.render(
      <ItemListPage j={j} total={total} page={q.page} pageSize={PAGE_SIZE} years={statYears(db, j.id, Number(today.slice(0, 4)))}
        filter={q} mineLabel={mineLabel} canRecord={can(c, 'opinion.record', j.id)}
        rows={rows.map((r) => ({
          ...r.item, number: opinionNumber(r.item.year, j.code, r.item.seq), raisedBy: r.raisedBy,
          suggestionStatus: r.suggestion ? suggestionStatus(r.suggestion, today) : undefined,
        }))} />,
      { title: `${j.name}民意事项` },
    );
  })
  .get('/j/:code/deliberation/items/new', (c) => newPage(c))
  .post('/j/:code/deliberation/items',
    bodyLimit({ maxSize: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024, onError: (c) => errorResponse(c as unknown as Context<AppEnv>, 413) }),
    validForm(itemForm, (c, values, errors) => newPage(c, values, errors)),
    async (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'opinion.record', j.id);
      const db = c.get('db');
      const f = c.req.valid('form');
      const values: FormValues = { ...f, raisedById: f.raisedById ? String(f.raisedById) : '', affected: f.affected === undefined ? '' : String(f.affected), attachments: undefined };
      const fail = (errors: FieldErrors) => { c.status(422); return newPage(c, values, errors); };

      let raisedById: number;
      let channel: 'self' | 'meeting' | 'office';
      if (isClerkHere(c, j)) {
        if (!f.raisedById) return fail({ raisedById: '请选择提出的议事代表' });
        raisedById = f.raisedById;
        channel = f.channel ?? 'meeting';
      } else {
        raisedById = (deliberationRepOfUser(db, j.id, me.id) ?? forbidden()).id;
        channel = 'self';
      }

      const files = ([] as unknown[]).concat(f.attachments ?? []).filter((x): x is File => x instanceof File && x.size > 0);
      const incoming = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const check = checkAttachments(incoming.map((x) => ({ name: x.name, size: x.bytes.byteLength, head: x.bytes.subarray(0, 16) })));
      if (!check.ok) return fail({ attachments: check.error });
      const dir = uploadsDir(db);
      const stored = storeFiles(dir, incoming.map((x, i) => ({ ...x, type: check.types[i]! })));

      const year = Number(todayIn(c).slice(0, 4));
      let result;
      try {
        result = recordItem(db, actorWithId(c, me), j, year, {
          raisedById, channel, title: f.title, text: f.text, place: f.place, affected: f.affected ?? null, category: f.category,
        }, stored, c.get('now')());
      } catch (e) {
        removeFiles(dir, stored);
        throw e;
      }
      if (!result.ok) {
        removeFiles(dir, stored);
        return fail({ [result.field]: result.error });
      }
      flash(c, `已登记，编号 ${opinionNumber(result.value.year, j.code, result.value.seq)}`);
      return c.redirect(`/j/${j.code}/deliberation/items/${result.value.id}`, 303);
    })
  .get('/j/:code/deliberation/items/:id{[0-9]+}', (c) => itemPage(c))
  .get('/j/:code/deliberation/items/:id{[0-9]+}/attachments/:aid{[0-9]+}', (c) => {
    const j = subdistrictParam(c);
    authorize(c, 'deliberation.view', j.id);
    const item = itemOr404(c, j);
    const a = getAttachment(c.get('db'), item.id, idParam(c, 'aid')) ?? notFound();
    const bytes = readStoredFile(uploadsDir(c.get('db')), a.storedName) ?? notFound();
    const disposition = a.mimeType === 'application/pdf' ? 'attachment' : 'inline';
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': a.mimeType,
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
      'Cache-Control': 'private, no-store',
    });
  })
  .post('/j/:code/deliberation/items/:id{[0-9]+}/triage',
    validForm(triageForm, (c, values, errors) => {
      authorize(c, 'opinion.triage', subdistrictParam(c).id);
      // An unknown step (say "convert", which is not the clerk's) shows on the first triage form.
      const key = ['answer', 'refer', 'hand', 'rehand'].includes(values.step ?? '') ? values.step! : 'answer';
      return itemPage(c, { key, values, errors: errors.step ? { _form: `${errors.step}：分办只能当场答复、交街道部门或转交区人大代表` } : errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'opinion.triage', j.id);
      const f = c.req.valid('form');
      const response = f.step === 'answer' ? f.response ?? '' : f.step === 'refer' ? f.referNote ?? '' : f.handNote ?? '';
      const item = itemOr404(c, j);
      const result = triageItem(c.get('db'), actorWithId(c, me), j, item.id, f.step, { response, department: f.department ?? '' }, c.get('now')());
      if (!result.ok) return itemPage(c, { key: f.step, values: f as FormValues, errors: { [result.field]: result.error } });
      flash(c, '已分办');
      return c.redirect(`/j/${j.code}/deliberation/items/${item.id}`, 303);
    })
  .post('/j/:code/deliberation/items/:id{[0-9]+}/convert',
    validForm(convertForm, (c, values, errors) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.convert', j.id);
      if (!isItemsRep(c, j, itemOr404(c, j), me)) forbidden();
      return itemPage(c, { key: 'convert', values, errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.convert', j.id);
      const item = itemOr404(c, j);
      if (!isItemsRep(c, j, item, me)) forbidden();
      const f = c.req.valid('form');
      const db = c.get('db');
      const result = convertItem(db, actorWithId(c, me), j, item.id, districtRepIdsOfUser(db, j, me.id), { ...f, unitUserId: f.unitUserId ?? null }, c.get('now')());
      if (!result.ok) {
        return itemPage(c, { key: 'convert', values: { ...f, unitUserId: f.unitUserId ? String(f.unitUserId) : '' }, errors: { [result.field]: result.error } });
      }
      flash(c, `已转为代表建议，交 ${result.value.unitName} 办理，${result.value.dueOn} 前答复`);
      return c.redirect(`/j/${j.code}/deliberation/items/${item.id}`, 303);
    })
  .post('/j/:code/deliberation/items/:id{[0-9]+}/extend',
    validForm(extendForm, (c, values, errors) => {
      const j = subdistrictParam(c);
      authorize(c, 'suggestion.extend', j.id);
      suggestionOr404(c, itemOr404(c, j));
      return itemPage(c, { key: 'extend', values, errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.extend', j.id);
      const item = itemOr404(c, j);
      const s = suggestionOr404(c, item);
      const f = c.req.valid('form');
      const result = extendSuggestion(c.get('db'), actorWithId(c, me), s, f, c.get('now')());
      if (!result.ok) return itemPage(c, { key: 'extend', values: f, errors: { [result.field]: result.error } });
      flash(c, `已记录延期，办结期限延至 ${f.extendedTo}`);
      return c.redirect(`/j/${j.code}/deliberation/items/${item.id}`, 303);
    })
  .post('/j/:code/deliberation/items/:id{[0-9]+}/answer',
    validForm(answerForm, (c, values, errors) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.answer', j.id);
      const s = suggestionOr404(c, itemOr404(c, j));
      if (s.unitUserId !== me.id && !isClerkHere(c, j)) forbidden();
      return itemPage(c, { key: 'reply', values, errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.answer', j.id);
      const item = itemOr404(c, j);
      const s = suggestionOr404(c, item);
      // The chosen unit answers; the clerk may always enter an answer received on paper, on the unit's behalf.
      if (s.unitUserId !== me.id && !isClerkHere(c, j)) forbidden();
      const f = c.req.valid('form');
      const result = answerSuggestion(c.get('db'), actorWithId(c, me), s, f, c.get('now')());
      if (!result.ok) return itemPage(c, { key: 'reply', values: f, errors: { [result.field]: result.error } });
      flash(c, '答复已提交');
      return c.redirect(`/j/${j.code}/deliberation/items/${item.id}`, 303);
    })
  .post('/j/:code/deliberation/items/:id{[0-9]+}/rate',
    validForm(rateForm, (c, values, errors) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.rate', j.id);
      const s = suggestionOr404(c, itemOr404(c, j));
      if (!districtRepIdsOfUser(c.get('db'), j, me.id).includes(s.representativeId)) forbidden();
      return itemPage(c, { key: 'rate', values, errors });
    }),
    (c) => {
      const j = subdistrictParam(c);
      const me = authorize(c, 'suggestion.rate', j.id);
      const item = itemOr404(c, j);
      const s = suggestionOr404(c, item);
      if (!districtRepIdsOfUser(c.get('db'), j, me.id).includes(s.representativeId)) forbidden();
      const f = c.req.valid('form');
      const result = rateSuggestion(c.get('db'), actorWithId(c, me), s, f, c.get('now')());
      if (!result.ok) return itemPage(c, { key: 'rate', values: f, errors: { [result.field]: result.error } });
      flash(c, '评价已提交');
      return c.redirect(`/j/${j.code}/deliberation/items/${item.id}`, 303);
    });
