/**
 * A subdistrict seats 30–80 deliberation representatives (seed 004: 议事代表名额一般为30名-80名);
 * the range is a jurisdiction setting. "一般" is practice, not law: outside the range is a warning, never a refusal.
 */
export type RosterWarning =
  | { kind: 'below'; seated: number; min: number; text: string }
  | { kind: 'above'; seated: number; max: number; text: string };

export function rosterWarnings(seated: number, min: number, max: number): RosterWarning[] {
  const out: RosterWarning[] = [];
  if (seated < min) out.push({ kind: 'below', seated, min, text: `在册议事代表 ${seated} 名，少于下限 ${min} 名` });
  if (seated > max) out.push({ kind: 'above', seated, max, text: `在册议事代表 ${seated} 名，超过上限 ${max} 名` });
  return out;
}

/**
 * Seated, but the recorded term ended before today (the last day of a term still counts): the roster is
 * out of date until the clerk records a re-appointment or the representative's leaving.
 */
export function termEnded(termTo: string | null, today: string): boolean {
  return termTo !== null && termTo < today;
}

export function termWarning(seated: readonly { termTo: string | null }[], today: string, rep = '议事代表'): string[] {
  const n = seated.filter((r) => termEnded(r.termTo, today)).length;
  return n === 0 ? [] : [`${n} 名在册${rep}的任期已经届满，请核对名册（续任的请修改任期，离任的请办理离任）`];
}
