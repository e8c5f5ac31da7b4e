/**
 * Deliberation meetings (街道议事代表会议, seed 004): 一般每年举行2次（年初1次，年中1次），每次会议会期不少于半天.
 * Both are practice, not law: a missing meeting or a short one is a warning for the clerk, never a refusal.
 */
export type MeetingKind = 'startOfYear' | 'midYear' | 'extraordinary';

export interface PlannedMeeting { kind: MeetingKind; date: string; startTime: string; endTime: string }

/** Half a day: a morning sitting of 09:00–12:00. Three hours, so a 08:30–12:00 meeting is not flagged. */
export const HALF_DAY_MINUTES = 180;

export type MeetingWarning =
  | { kind: 'missingStartOfYear' | 'missingMidYear'; text: string }
  | { kind: 'tooShort' | 'noTimes'; date: string; text: string };

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes from start to end on the same day; null when either time is missing, malformed or the end is not later. */
export function meetingMinutes(startTime: string, endTime: string): number | null {
  const s = TIME_RE.exec(startTime);
  const e = TIME_RE.exec(endTime);
  if (!s || !e) return null;
  const minutes = (Number(e[1]) * 60 + Number(e[2])) - (Number(s[1]) * 60 + Number(s[2]));
  return minutes > 0 ? minutes : null;
}

export function meetingWarnings(year: number, meetings: readonly PlannedMeeting[], minMinutes = HALF_DAY_MINUTES): MeetingWarning[] {
  const mine = meetings.filter((m) => m.date.startsWith(`${year}-`));
  const out: MeetingWarning[] = [];
  if (!mine.some((m) => m.kind === 'startOfYear')) out.push({ kind: 'missingStartOfYear', text: `${year}年还没有年初例会` });
  if (!mine.some((m) => m.kind === 'midYear')) out.push({ kind: 'missingMidYear', text: `${year}年还没有年中例会` });
  for (const m of mine) {
    const minutes = meetingMinutes(m.startTime, m.endTime);
    if (minutes === null) out.push({ kind: 'noTimes', date: m.date, text: `${m.date} 的会议没有有效的起止时间，无法核对会期` });
    else if (minutes < minMinutes) out.push({ kind: 'tooShort', date: m.date, text: `${m.date} 的会议会期不足半天` });
  }
  return out;
}
