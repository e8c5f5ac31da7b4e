/**
 * Attendance at deliberation meetings, from each session's roll: seated = the roster snapshot, present = checked in.
 * A meeting still being planned has no attendance yet and is left out of every rate.
 */
export interface HeldMeeting { sessionId: number; seated: number; present: number; held: boolean }

export function attendanceRate(present: number, seated: number): number | null {
  return seated > 0 ? present / seated : null;
}

export interface AttendanceSummary { meetings: number; seated: number; present: number; rate: number | null }

/** Over the year: everyone expected at every held meeting, so a 40-seat and a 60-seat meeting weigh by their seats. */
export function summarizeAttendance(meetings: readonly HeldMeeting[]): AttendanceSummary {
  const held = meetings.filter((m) => m.held);
  const seated = held.reduce((n, m) => n + m.seated, 0);
  const present = held.reduce((n, m) => n + m.present, 0);
  return { meetings: held.length, seated, present, rate: attendanceRate(present, seated) };
}

export interface RepAttendance { expected: number; attended: number }

/** Per representative: of the held meetings whose roster includes them, how many they attended. */
export function attendanceByRep(rows: readonly { representativeId: number; present: boolean }[]): Map<number, RepAttendance> {
  const out = new Map<number, RepAttendance>();
  for (const r of rows) {
    const a = out.get(r.representativeId) ?? { expected: 0, attended: 0 };
    a.expected++;
    if (r.present) a.attended++;
    out.set(r.representativeId, a);
  }
  return out;
}
