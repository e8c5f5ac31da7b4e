import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { progressReport } from '../../db/schema';
import { carriedProgress } from './carriedProgress';
import type { Cycle } from './cycles';
import { projectsOfCycles } from './projects';
import { publishedSessions, sessionOutcome } from './results';
import type { ProjectStatus } from '../domain/projectStatus';

export interface PortalAdopted {
  title: string; budget: number; unitName: string; for: number;
  projectId: number | null; status: ProjectStatus | null; pct: number | null;
}
export interface PortalResults { sessions: { title: string; date: string; seatsToFill: number; adopted: PortalAdopted[] }[] }

/** Each project's latest reported share (by month), without the rest of its reports. */
function latestPcts(db: Db, projectIds: number[]): Map<number, number> {
  const out = new Map<number, number>();
  if (projectIds.length === 0) return out;
  const rows = db.select({ projectId: progressReport.projectId, pct: progressReport.pct }).from(progressReport)
    .where(inArray(progressReport.projectId, projectIds)).orderBy(asc(progressReport.month)).all();
  for (const r of rows) out.set(r.projectId, r.pct);
  return out;
}

/**
 * What the portal home shows once a session's resolution is published: the adopted projects and how far each has
 * got — its latest report's share, else what it was carried over with. Only those figures are read: the portal
 * shows no schedule verdict, so the projects are not assessed.
 */
export function portalResults(db: Db, jurisdictionId: number, cycle: Cycle): PortalResults | null {
  const published = publishedSessions(db, jurisdictionId, cycle.year);
  if (!published || published.sessions.length === 0) return null;
  const projects = projectsOfCycles(db, [cycle.id]);
  const ids = projects.map((p) => p.id);
  const latest = latestPcts(db, ids);
  const carried = carriedProgress(db, ids);
  const progress = new Map(projects.map((p) => [p.candidateId, { project: p, pct: latest.get(p.id) ?? carried.get(p.id)?.pct ?? 0 }]));
  return {
    sessions: published.sessions.map(({ session: s }) => {
      const outcome = sessionOutcome(db, s.id);
      return {
        title: s.title, date: s.date, seatsToFill: outcome?.seatsToFill ?? 0,
        adopted: (outcome?.adopted ?? []).map((a) => {
          const p = progress.get(a.candidateId);
          return {
            title: a.title, budget: a.budget, unitName: a.unitName, for: a.for,
            projectId: p?.project.id ?? null, status: p?.project.status ?? null,
            pct: p ? p.pct : null,
          };
        }),
      };
    }),
  };
}
