import type { Db } from '../../db/client';
import type { Cycle } from './cycles';
import { assessCycle } from './delivery';
import { publishedSessions, sessionOutcome } from './results';
import { getSettings } from './settings';
import type { ProjectStatus } from '../domain/projectStatus';

export interface PortalAdopted {
  title: string; budget: number; unitName: string; for: number;
  projectId: number | null; status: ProjectStatus | null; pct: number | null;
}
export interface PortalResults { sessions: { title: string; date: string; seatsToFill: number; adopted: PortalAdopted[] }[] }

/** What the portal home shows once a session's resolution is published: the adopted projects and how far each has got. */
export function portalResults(db: Db, jurisdictionId: number, cycle: Cycle, today: string): PortalResults | null {
  const published = publishedSessions(db, jurisdictionId, cycle.year);
  if (!published || published.sessions.length === 0) return null;
  const progress = new Map(assessCycle(db, cycle, today, getSettings(db, jurisdictionId)).map((a) => [a.project.candidateId, a]));
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
            pct: p ? (p.latest?.pct ?? p.carried?.pct ?? 0) : null,
          };
        }),
      };
    }),
  };
}
