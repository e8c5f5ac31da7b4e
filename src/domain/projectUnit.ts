/**
 * Who files a project's reports and answers its demands: the login the candidate list named as its unit
 * (candidate.unitUserId), or — when it named none — any implementing unit of the jurisdiction, so a project
 * is never left without someone able to report.
 */
export function isProjectUnit(p: { unitUserId: number | null }, userId: number): boolean {
  return p.unitUserId === null || p.unitUserId === userId;
}
