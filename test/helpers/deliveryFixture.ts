import type { DbConnection } from '../../db/client';
import { candidate, cycle, milestone, phaseTransition, project, progressReport } from '../../db/schema';
import { type PROJECT_STATUSES } from '../../src/domain/vocabulary';
import type { PlannedMilestone } from '../../src/domain/schedule';
import { seedBasics } from './app';

/**
 * Session voting turns adopted candidates into project rows; until it exists here, tests insert the
 * candidate, its milestones and the project directly — exactly the rows the vote will produce.
 */
export interface ProjectSpec {
  title: string; budget: number; startDate: string; endDate: string; milestones: PlannedMilestone[];
  unitName?: string; unitUserId?: number | null; crossYear?: boolean; status?: (typeof PROJECT_STATUSES)[number];
}

export function addCycle(db: DbConnection, jurisdictionId: number, year: number, createdBy: number, phase: 'delivery' | 'evaluation' | 'closed' | 'collection' = 'delivery') {
  const at = new Date(`${year}-01-05T01:00:00Z`);
  const row = db.insert(cycle).values({ jurisdictionId, year, phase, createdBy, createdAt: at }).returning().get();
  db.insert(phaseTransition).values({ cycleId: row.id, fromPhase: null, toPhase: phase, by: createdBy, at, note: '测试数据' }).run();
  return row;
}

export function addProject(db: DbConnection, cycleId: number, spec: ProjectSpec, position: number): number {
  const c = db.insert(candidate).values({
    cycleId, title: spec.title, description: `${spec.title}的说明`, budget: spec.budget, unitName: spec.unitName ?? '青石镇农业服务中心',
    unitUserId: spec.unitUserId ?? null, leadOfficial: '副镇长 刘伟', startDate: spec.startDate, endDate: spec.endDate,
    crossYear: spec.crossYear ?? false, position,
  }).returning().get();
  spec.milestones.forEach((m, i) => db.insert(milestone).values({ candidateId: c.id, ...m, position: i + 1 }).run());
  return db.insert(project).values({ cycleId, candidateId: c.id, status: spec.status ?? 'planned' }).returning().get().id;
}

/** A report as if filed by the unit at `filedAt` (a UTC instant), bypassing the form. */
export function addReport(db: DbConnection, projectId: number, month: string, pct: number, spent: number, filedBy: number, filedAt: string, extra: Partial<typeof progressReport.$inferInsert> = {}) {
  const at = new Date(filedAt);
  return db.insert(progressReport).values({ projectId, month, pct, spent, filedBy, filedAt: at, updatedAt: at, ...extra }).returning().get();
}

/** China 10:00 on a date, as the app's clock. */
export function chinaMorning(date: string): Date {
  return new Date(`${date}T02:00:00Z`);
}

/**
 * seedBasics plus the 2026 cycle of 青石镇 (QS) in delivery with two projects:
 * 1. 青石村道路硬化 (Mar–Oct, unit = qs.unit), 2. 杨柳村饮水管网 (cross-year, no unit named).
 */
export async function deliveryFixture(db: DbConnection) {
  const base = await seedBasics(db);
  const cy = addCycle(db, base.qs.id, 2026, base.users.qsClerk.id);
  const road = addProject(db, cy.id, {
    title: '青石村道路硬化', budget: 1_200_000, startDate: '2026-03-01', endDate: '2026-10-31', unitUserId: base.users.qsUnit.id,
    milestones: [
      { title: '完成设计和招标', dueDate: '2026-04-30', plannedPct: 20, plannedSpend: 100_000 },
      { title: '路基完工', dueDate: '2026-07-31', plannedPct: 60, plannedSpend: 600_000 },
      { title: '路面完工并验收', dueDate: '2026-10-31', plannedPct: 100, plannedSpend: 1_200_000 },
    ],
  }, 1);
  const water = addProject(db, cy.id, {
    title: '杨柳村饮水管网改造', budget: 2_400_000, startDate: '2026-07-01', endDate: '2027-06-30', crossYear: true, unitName: '青石镇规划建设管理环保办',
    milestones: [
      { title: '管网铺设', dueDate: '2026-10-31', plannedPct: 30, plannedSpend: 600_000 },
      { title: '泵站建成', dueDate: '2027-03-31', plannedPct: 70, plannedSpend: 1_800_000 },
      { title: '通水验收', dueDate: '2027-06-30', plannedPct: 100, plannedSpend: 2_400_000 },
    ],
  }, 2);
  return { ...base, cycle: cy, road, water };
}

/** The smallest valid PNG (1×1 pixel): a real photo as far as the magic bytes go. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 12, 0x49, 0x44, 0x41, 0x54, 8, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 3, 1, 1, 0, 0x18, 0xdd, 0x8d, 0xb0, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
