import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { progressPhoto, progressReport, project } from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import type { PhotoMime } from '../domain/photos';
import { checkFiling, checkProgressDirection } from '../domain/progressReport';
import { statusAfterReport } from '../domain/projectStatus';
import { ok, refuse, type Result } from '../domain/result';
import type { ReportedMilestone } from '../domain/schedule';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared, preparedSql } from './statements';
import type { Cycle } from './cycles';
import { removePhotoFiles, writePhotoFiles } from './photoFiles';
import type { PhotoDerivatives } from './photoSizes';
import { currentPlan, type Project } from './projects';
import { carriedProgress } from './carriedProgress';

export type ProgressReport = typeof progressReport.$inferSelect;
export type ProgressPhoto = typeof progressPhoto.$inferSelect;

export interface ReportWithPhotos extends ProgressReport { reported: ReportedMilestone[]; photos: ProgressPhoto[]; filedByName: string }

export function reportsOf(db: Db, projectIds: readonly number[]): ReportWithPhotos[] {
  if (projectIds.length === 0) return [];
  const ids = idList(projectIds);
  const rows = reportRows(db, ids);
  const photos = rows.length
    ? prepared(db, 'photosOfReports', (db) => db.select().from(progressPhoto)
      .where(inArray(progressPhoto.reportId, db.select({ id: progressReport.id }).from(progressReport).where(inArray(progressReport.projectId, idsIn('ids')))))
      .orderBy(asc(progressPhoto.id)).prepare()).all({ ids })
    : [];
  const photosBy = new Map<number, typeof photos>();
  for (const p of photos) {
    const list = photosBy.get(p.reportId);
    if (list) list.push(p);
    else photosBy.set(p.reportId, [p]);
  }
  return rows.map((r) => {
    // A dashboard reads only the latest report's milestones: each report's JSON is parsed when first asked for.
    let reported: ReportedMilestone[] | undefined;
    const milestones = r[5] as string;
    return {
      id: r[0] as number, projectId: r[1] as number, month: r[2] as string, pct: r[3] as number, spent: r[4] as number, milestones,
      problems: r[6] as string, helpNeeded: r[7] as string, backwardsReason: r[8] as string, achievedUnits: r[9] as number | null,
      filedBy: r[10] as number, filedAt: new Date(r[11] as number), updatedAt: new Date(r[12] as number), filedByName: r[13] as string,
      get reported() { return (reported ??= JSON.parse(milestones) as ReportedMilestone[]); },
      photos: photosBy.get(r[0] as number) ?? [],
    };
  });
}

// Every column of the report and its filer's name, as arrays: thousands of rows on a district's dashboard, so
// no object per row is built twice. The columns are the table's, in its order (ProgressReport).
const REPORT_ROWS = `select r.id, r.project_id, r.month, r.pct, r.spent, r.milestones, r.problems, r.help_needed, r.backwards_reason,
  r.achieved_units, r.filed_by, r.filed_at, r.updated_at, u.display_name
  from progress_report r join user u on u.id = r.filed_by
  where r.project_id in (select value from json_each(?)) order by r.month, r.id`;

function reportRows(db: Db, ids: string): unknown[][] {
  const statement = preparedSql(db, REPORT_ROWS);
  if (statement) return statement.raw(true).all(ids) as unknown[][];
  return db.all<unknown[]>(sql`${sql.raw(REPORT_ROWS.split('?')[0]!)}${ids}${sql.raw(REPORT_ROWS.split('?')[1]!)}`)
    .map((o) => Object.values(o as object));
}

export function getReport(db: Db, projectId: number, month: string): ReportWithPhotos | undefined {
  return reportsOf(db, [projectId]).find((r) => r.month === month);
}

/**
 * The figure a new report must not fall below without a reason: the latest report before this month, or — for a
 * carried-over project's first report — the figure it was carried over with.
 */
export function previousPct(db: Db, projectId: number, month: string): number | null {
  return db.select({ pct: progressReport.pct }).from(progressReport)
    .where(and(eq(progressReport.projectId, projectId), lt(progressReport.month, month)))
    .orderBy(desc(progressReport.month)).limit(1).get()?.pct ?? carriedProgress(db, [projectId]).get(projectId)?.pct ?? null;
}

export interface ReportInput {
  month: string; pct: number; spent: number; milestones: ReportedMilestone[];
  problems: string; helpNeeded: string; backwardsReason: string;
  /** 软项目: cumulative units achieved (pct is then their whole share of the target). */
  achievedUnits?: number | null;
}

export interface NewPhoto { fileName: string; originalName: string; mime: string; size: number }

export interface SavedReport { report: ProgressReport; amended: boolean; photos: number }

/**
 * Files (or amends) the month's report with its new photos, moves the project's status, and audits — one
 * transaction. The first filing time is kept: amending later does not make a late report on time.
 */
export function saveReport(db: Db, actor: Actor & { id: number }, p: Project, cy: Cycle, input: ReportInput, photos: readonly NewPhoto[], now: Date):
  Result<SavedReport> {
  return db.transaction((tx) => {
    const filing = checkFiling(input.month, currentPlan(tx, p), cy, chinaDateOf(now));
    if (filing) return refuse(filing);
    const backwards = checkProgressDirection(input.pct, previousPct(tx, p.id, input.month), input.backwardsReason);
    if (backwards) return refuse(backwards, 'backwardsReason');
    const existing = tx.select().from(progressReport).where(and(eq(progressReport.projectId, p.id), eq(progressReport.month, input.month))).get();
    const values = {
      pct: input.pct, spent: input.spent, milestones: JSON.stringify(input.milestones), problems: input.problems,
      helpNeeded: input.helpNeeded, backwardsReason: input.backwardsReason, updatedAt: now, achievedUnits: input.achievedUnits ?? null,
    };
    const report = existing
      ? tx.update(progressReport).set({ ...values, filedBy: actor.id }).where(eq(progressReport.id, existing.id)).returning().get()
      : tx.insert(progressReport).values({ ...values, projectId: p.id, month: input.month, filedBy: actor.id, filedAt: now }).returning().get();
    for (const ph of photos) tx.insert(progressPhoto).values({ ...ph, reportId: report.id, uploadedAt: now }).run();
    const latest = tx.select({ pct: progressReport.pct }).from(progressReport).where(eq(progressReport.projectId, p.id))
      .orderBy(desc(progressReport.month)).limit(1).get()!;
    const fresh = tx.select({ status: project.status }).from(project).where(eq(project.id, p.id)).get()!;
    const status = statusAfterReport(fresh.status, latest.pct);
    if (status !== fresh.status) tx.update(project).set({ status }).where(eq(project.id, p.id)).run();
    recordAudit(tx, actor, {
      action: existing ? 'progress.amend' : 'progress.file', targetType: 'project', targetId: p.id, jurisdictionId: cy.jurisdictionId,
      before: existing ? { month: existing.month, pct: existing.pct, spent: existing.spent } : undefined,
      after: { month: input.month, pct: input.pct, spent: input.spent, photos: photos.length, status },
    }, now);
    return ok({ report, amended: !!existing, photos: photos.length });
  });
}

export interface PhotoUpload { bytes: Uint8Array; mime: PhotoMime; originalName: string; sizes: PhotoDerivatives }

/**
 * The unit's filing with its photos (already checked by their bytes): the files are written under `dir` first and
 * removed again if the report is refused or its transaction fails, so no photo is left without its report.
 */
export function fileReport(db: Db, dir: string, actor: Actor & { id: number }, p: Project, cy: Cycle, input: ReportInput,
  photos: readonly PhotoUpload[], now: Date): Result<SavedReport> {
  const stored = writePhotoFiles(dir, p.id, photos);
  const names = stored.map((s) => s.fileName);
  try {
    const r = saveReport(db, actor, p, cy, input, stored, now);
    if (!r.ok) removePhotoFiles(dir, names);
    return r;
  } catch (e) {
    removePhotoFiles(dir, names);
    throw e;
  }
}

export function photoCount(db: Db, reportId: number): number {
  return db.select({ id: progressPhoto.id }).from(progressPhoto).where(eq(progressPhoto.reportId, reportId)).all().length;
}

/** A photo of one of the cycle's projects, for serving it (another cycle's photo id is not found). */
export function getPhotoIn(db: Db, cycleId: number, photoId: number): ProgressPhoto | undefined {
  return db.select({ ph: progressPhoto }).from(progressPhoto)
    .innerJoin(progressReport, eq(progressReport.id, progressPhoto.reportId))
    .innerJoin(project, eq(project.id, progressReport.projectId))
    .where(and(eq(progressPhoto.id, photoId), eq(project.cycleId, cycleId))).get()?.ph;
}
