import { softTargetsOf } from '../../data/implementationPlan';
import { reportedWholePct } from '../../domain/softTarget';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ReportPage } from '../../../views/delivery/ReportPage';
import { allow, can, userActor } from '../../auth/authorize';
import { readPhotos, uploadsDirFor } from '../../data/photoFiles';
import { fileReport, getReport, previousPct } from '../../data/progress';
import { currentPlan } from '../../data/projects';
import { getSettings } from '../../data/settings';
import { checkPhotoCount, checkPhotoSize, MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES, PHOTOS_NOT_SAVED, photoRefusal } from '../../domain/photos';
import { checkFiling } from '../../domain/progressReport';
import { isProjectUnit } from '../../domain/projectUnit';
import { reportableMilestones, reportDueDate, type PlannedMilestone, type ReportedMilestone } from '../../domain/schedule';
import { MILESTONE_STATES, type MilestoneState } from '../../domain/vocabulary';
import { refused } from '../../http/refused';
import { redirectWithFlash } from '../../http/renderer';
import type { ReportEnv } from '../../http/subjects/delivery';
import { notFound } from '../../http/subjects/jurisdiction';
import { fieldErrors, formValues, trimmed, type FieldErrors, type FormValues } from '../../http/validate';
import { ALWAYS, cycleBase, numberedRows, only, today } from './shared';
import { isChinaDate } from '../../domain/chinaDate';

type C = Context<ReportEnv>;

/** Only the unit the project names files its reports (any unit of the town, when none is named). */
const isUnit = (c: C) => isProjectUnit(c.var.project, userActor(c).id);
const mayFile = (c: C) => can(c, 'progress.report', c.var.jurisdiction.id) && isUnit(c);

function reportPage(c: C, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle, project, month } = c.var;
  const plan = currentPlan(db, project);
  const report = getReport(db, project.id, month);
  const canFile = mayFile(c);
  const monthError = checkFiling(month, plan, cycle, today(c)) ?? undefined;
  if (!report && !canFile && monthError) notFound(); // nothing filed and nothing to file: no such month of this project
  return c.render(
    <ReportPage j={j} cycle={cycle} project={project} month={month} due={reportDueDate(month, getSettings(db, j.id).reportDueDay)}
      milestones={reportableMilestones(plan)} report={report} previousPct={previousPct(db, project.id, month)}
      canFile={canFile} monthError={canFile ? monthError : undefined} values={values} errors={errors}
      target={softTargetsOf(db, [project.id]).get(project.id)}
      photoHref={(id) => `/p/${j.code}/${cycle.year}/projects/photos/${id}`}
      originalHref={(id) => `/j/${j.code}/cycles/${cycle.year}/photos/${id}/original`} />,
    { title: `${month} 月度进展 · ${project.title}` },
  );
}

const pctField = z.string().trim().min(1, '请填写累计完成比例')
  .pipe(z.coerce.number<string>({ error: '累计完成比例须为数字' }).int('累计完成比例须为整数').min(0, '累计完成比例不能小于 0').max(100, '累计完成比例不能超过 100'));
const spentField = z.string().trim().min(1, '请填写累计支出')
  .pipe(z.coerce.number<string>({ error: '累计支出须为数字' }).int('累计支出请填写整数元').min(0, '累计支出不能为负数').max(100_000_000_000, '累计支出过大'));

/** The chosen files of the photo input (a browser sends one empty part when none was chosen). */
const chosenFiles = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.union([z.instanceof(File), z.string()])))
  .transform((xs) => xs.filter((f): f is File => typeof f !== 'string' && !(f.size === 0 && f.name === '')));

/** Count and size before a byte is read; then each file's bytes must be a photo (the domain's magic-byte check). */
function photosField(existing: number) {
  return chosenFiles
    .superRefine((files, ctx) => {
      const error = checkPhotoCount(existing, files.length) ?? files.map((f) => checkPhotoSize(f.name, f.size)).find((e) => e !== null);
      if (error) ctx.addIssue({ code: 'custom', message: photoRefusal(error) });
    })
    .transform(async (files, ctx) => {
      const r = await readPhotos(files);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: photoRefusal(r.error) });
      return z.NEVER;
    });
}

/** The month's form for a plan: figures, one state per milestone (m0_state, m0_expected …), text and photos. */
function reportForm(milestones: readonly PlannedMilestone[], existingPhotos: number) {
  const rows = (v: Record<string, unknown>) => numberedRows(v, 'm', milestones.length, ['state', 'expected'] as const);
  return z.looseObject({
    pct: pctField,
    spent: spentField,
    problems: trimmed(2000).default(''),
    helpNeeded: trimmed(2000).default(''),
    backwardsReason: trimmed(1000).default(''),
    photos: photosField(existingPhotos),
  }).superRefine((v, ctx) => {
    rows(v).forEach((r, i) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [`m${i}_${field}`], message });
      if (!(MILESTONE_STATES as readonly string[]).includes(r.state)) issue('state', '请选择节点状态');
      if (r.state === 'late' && !isChinaDate(r.expected)) issue('expected', '节点滞后时请填写预计完成日期');
      else if (r.expected && !isChinaDate(r.expected)) issue('expected', '请填写有效的日期');
    });
  }, ALWAYS).transform((v) => ({
    pct: v.pct, spent: v.spent, problems: v.problems, helpNeeded: v.helpNeeded, backwardsReason: v.backwardsReason, photos: v.photos,
    milestones: rows(v).map((r, i): ReportedMilestone => {
      const state = r.state as MilestoneState;
      return { title: milestones[i]!.title, dueDate: milestones[i]!.dueDate, state, ...(state === 'late' ? { expectedDate: r.expected } : {}) };
    }),
  }));
}

// Six photos of 5 MB and the text fit; anything far larger is refused before it is read.
const uploadLimit = bodyLimit({
  maxSize: (MAX_PHOTOS_PER_REPORT + 2) * MAX_PHOTO_BYTES,
  onError: () => { throw new HTTPException(413, { message: 'too large' }); },
});

/** /j/:code/cycles/:year/projects/:projectId/reports/:month — the month's progress report (月跟踪). */
export const reports = new Hono<ReportEnv>()
  .get('/:month', allow('delivery.view'), (c) => reportPage(c))
  .post('/:month', allow('progress.report'), only(isUnit), uploadLimit, async (c) => {
    const { db, cycle, project, month } = c.var;
    const plan = currentPlan(db, project);
    const body = await c.req.parseBody({ all: true });
    // 软项目: the unit counts achieved units; the stored % is their whole share of the target.
    const target = softTargetsOf(db, [project.id]).get(project.id);
    const achieved = target ? Number(String(body.achieved ?? '').trim() || 'x') : null;
    if (target) {
      if (achieved === null || !Number.isFinite(achieved) || achieved < 0) {
        c.status(422);
        return reportPage(c, formValues(body), { achieved: `请填写累计完成数量（${target.unit}），不小于 0 的数` });
      }
      body.pct = String(reportedWholePct(achieved, target));
    }
    const parsed = await reportForm(reportableMilestones(plan), getReport(db, project.id, month)?.photos.length ?? 0).safeParseAsync(body);
    if (!parsed.success) {
      c.status(422);
      return reportPage(c, formValues(body), fieldErrors(parsed.error));
    }
    const { photos, ...input } = parsed.data;
    const r = fileReport(db, c.var.uploadsDir ?? uploadsDirFor(db), userActor(c), project, cycle, { ...input, month, achievedUnits: achieved }, photos, c.var.now());
    if (!r.ok) {
      const withPhotoNote = (c: C, v?: FormValues, e?: FieldErrors) => reportPage(c, v, photos.length ? { ...e, photos: PHOTOS_NOT_SAVED } : e);
      return refused(c, r, withPhotoNote, body);
    }
    const n = r.value.photos;
    return redirectWithFlash(c, `${cycleBase(c)}/projects/${project.id}#reports`, `${month} 月度进展已${r.value.amended ? '更正' : '报送'}${n ? `，照片 ${n} 张` : ''}`);
  });
