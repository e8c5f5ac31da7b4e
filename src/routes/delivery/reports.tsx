import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ReportPage } from '../../../views/delivery/ReportPage';
import { actorOf, authorize, can, notFound } from '../../auth/authorize';
import { removePhotoFiles, uploadsDirFor, writePhotoFiles } from '../../data/photoFiles';
import { getReport, previousPct, saveReport, type ReportInput } from '../../data/progress';
import { currentPlan, type Project } from '../../data/projects';
import { getSettings } from '../../data/settings';
import { checkPhoto, checkPhotoCount, checkPhotoSize, MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES, type PhotoMime } from '../../domain/photos';
import { checkReportMonth } from '../../domain/progressReport';
import { isProjectUnit } from '../../domain/projectUnit';
import { isDate, isMonth, reportableMilestones, reportDueDate, reportMonths, type ReportedMilestone } from '../../domain/schedule';
import type { AppEnv } from '../../env';
import { flash } from '../../http/renderer';
import { fieldErrors, trimmed, type FieldErrors, type FormValues } from '../../http/validate';
import { cycleBase, cycleParam, projectParam, today, type C } from './context';

const R = '/j/:code/cycles/:year{[0-9]{4}}/projects/:id{[0-9]+}/reports/:month';

const reportForm = z.object({
  pct: z.string().trim().min(1, '请填写累计完成比例')
    .pipe(z.coerce.number<string>({ error: '累计完成比例须为数字' }).int('累计完成比例须为整数').min(0, '累计完成比例不能小于 0').max(100, '累计完成比例不能超过 100')),
  spent: z.string().trim().min(1, '请填写累计支出')
    .pipe(z.coerce.number<string>({ error: '累计支出须为数字' }).int('累计支出请填写整数元').min(0, '累计支出不能为负数').max(100_000_000_000, '累计支出过大')),
  problems: trimmed(2000),
  helpNeeded: trimmed(2000),
  backwardsReason: trimmed(1000),
});

const MILESTONE_STATES = ['done', 'onTrack', 'late'] as const;

interface Ctx { j: ReturnType<typeof cycleParam>['j']; cycle: ReturnType<typeof cycleParam>['cycle']; project: Project; month: string; mayFile: boolean; monthError?: string }

function context(c: C): Ctx {
  const { j, cycle } = cycleParam(c);
  const me = authorize(c, 'delivery.view', j.id);
  const project = projectParam(c, cycle);
  const month = c.req.param('month') ?? '';
  if (!isMonth(month)) notFound();
  const plan = currentPlan(c.get('db'), project);
  const monthError = checkReportMonth(month, reportMonths(plan.startDate, plan.endDate, cycle.year), today(c).slice(0, 7))
    ?? (cycle.phase === 'closed' ? '本年度工作已结束，不能再报送' : undefined);
  const mayFile = can(c, 'progress.report', j.id) && isProjectUnit(project, me.id);
  return { j, cycle, project, month, mayFile, monthError: monthError ?? undefined };
}

function page(c: C, x: Ctx, values?: FormValues, errors?: FieldErrors) {
  const db = c.get('db');
  const plan = currentPlan(db, x.project);
  const report = getReport(db, x.project.id, x.month);
  if (!report && !x.mayFile && x.monthError) notFound();
  return c.render(
    <ReportPage j={x.j} cycle={x.cycle} project={x.project} month={x.month} due={reportDueDate(x.month, getSettings(db, x.j.id).reportDueDay)}
      milestones={reportableMilestones(plan)} report={report} previousPct={previousPct(db, x.project.id, x.month)}
      canFile={x.mayFile} monthError={x.mayFile ? x.monthError : undefined} values={values} errors={errors}
      photoHref={(id) => `/p/${x.j.code}/${x.cycle.year}/projects/photos/${id}`} />,
    { title: `${x.month} 月度进展 · ${x.project.title}` },
  );
}

/** Text fields and milestone rows: errors beside each field, values kept. */
function parseReport(form: FormData, milestoneTitles: { title: string; dueDate: string }[]):
  { values: FormValues; errors: FieldErrors; input?: Omit<ReportInput, 'month'> } {
  const values: FormValues = {};
  form.forEach((v, k) => { if (typeof v === 'string') values[k] = v; });
  const parsed = reportForm.safeParse({ problems: '', helpNeeded: '', backwardsReason: '', ...values }); // absent text fields are empty
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const milestones: ReportedMilestone[] = milestoneTitles.map((m, i) => {
    const state = (MILESTONE_STATES as readonly string[]).includes(values[`m${i}_state`] ?? '') ? values[`m${i}_state`] as ReportedMilestone['state'] : undefined;
    const expected = (values[`m${i}_expected`] ?? '').trim();
    if (!state) errors[`m${i}_state`] = '请选择节点状态';
    if (state === 'late' && !isDate(expected)) errors[`m${i}_expected`] = '节点滞后时请填写预计完成日期';
    else if (expected && !isDate(expected)) errors[`m${i}_expected`] = '请填写有效的日期';
    return { title: m.title, dueDate: m.dueDate, state: state ?? 'onTrack', ...(state === 'late' ? { expectedDate: expected } : {}) };
  });
  if (!parsed.success || Object.keys(errors).length > 0) return { values, errors };
  return { values, errors, input: { ...parsed.data, milestones } };
}

/** Files from the form, checked by their bytes; the first refusal is the message (nothing is stored then). */
async function readPhotos(form: FormData, existing: number): Promise<{ ok: true; files: { bytes: Uint8Array; mime: PhotoMime; originalName: string }[] } | { ok: false; error: string }> {
  const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && !(f.size === 0 && f.name === ''));
  const count = checkPhotoCount(existing, files.length);
  if (count) return { ok: false, error: count };
  const out = [];
  for (const f of files) {
    const sizeError = checkPhotoSize(f.name, f.size);
    if (sizeError) return { ok: false, error: sizeError };
    const bytes = new Uint8Array(await f.arrayBuffer());
    const check = checkPhoto({ name: f.name, size: bytes.byteLength, head: bytes.subarray(0, 16) });
    if (!check.ok) return check;
    out.push({ bytes, mime: check.mime, originalName: f.name });
  }
  return { ok: true, files: out };
}

// Six photos of 5 MB and the text fit; anything far larger is refused before it is read.
const uploadLimit = bodyLimit({
  maxSize: (MAX_PHOTOS_PER_REPORT + 2) * MAX_PHOTO_BYTES,
  onError: () => { throw new HTTPException(413, { message: 'too large' }); },
});

export const reportRoutes = new Hono<AppEnv>()
  .get(R, (c) => page(c, context(c)))
  .post(R, uploadLimit, async (c) => {
    const x = context(c);
    if (!x.mayFile) throw new HTTPException(403, { message: 'forbidden' });
    const db = c.get('db');
    const form = await c.req.formData();
    const plan = currentPlan(db, x.project);
    const { values, errors, input } = parseReport(form, reportableMilestones(plan));
    if (x.monthError) errors._form = x.monthError;
    const existing = getReport(db, x.project.id, x.month)?.photos.length ?? 0;
    const photos = await readPhotos(form, existing);
    if (!photos.ok) errors.photos = `${photos.error}。照片未保存，其他填写的内容已保留，请重新选择照片后提交。`;
    if (!input || Object.keys(errors).length > 0) {
      c.status(422);
      return page(c, x, values, errors);
    }
    const dir = c.get('uploadsDir') ?? uploadsDirFor(db);
    const stored = photos.ok ? writePhotoFiles(dir, x.project.id, photos.files) : [];
    const me = c.get('user')!;
    const result = (() => {
      try {
        return saveReport(db, { ...actorOf(c), id: me.id }, x.project, x.j.id, { ...input, month: x.month }, stored, c.get('now')());
      } catch (e) {
        removePhotoFiles(dir, stored.map((s) => s.fileName));
        throw e;
      }
    })();
    if (!result.ok) {
      removePhotoFiles(dir, stored.map((s) => s.fileName));
      c.status(422);
      return page(c, x, values, { [result.field]: result.error, ...(stored.length ? { photos: '照片未保存，请改正上面的问题后重新选择照片提交。' } : {}) });
    }
    flash(c, `${x.month} 月度进展已${result.amended ? '更正' : '报送'}${stored.length ? `，照片 ${stored.length} 张` : ''}`);
    return c.redirect(`${cycleBase(x.j, x.cycle)}/projects/${x.project.id}#reports`, 303);
  });
