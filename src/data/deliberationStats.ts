import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative, suggestion } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { summarizeYear } from '../domain/deliberationStats';
import { attendanceByRep, summarizeAttendance } from '../domain/meetingAttendance';
import { meetingRows, meetingYears, yearRollLines } from './meetings';

/**
 * The figures for one subdistrict and year: items by the year they were recorded, meetings by their date,
 * attendance from each held meeting's roll (seated = its roster snapshot, present = checked in).
 */
export function yearStats(db: Db, subId: number, year: number, today: ChinaDate) {
  const reps = db.select({ id: representative.id, name: representative.name, community: representative.community, status: representative.status })
    .from(representative).where(and(eq(representative.jurisdictionId, subId), eq(representative.body, 'deliberation')))
    .orderBy(asc(representative.community), asc(representative.id)).all();
  const items = db.select({ id: opinionItem.id, raisedById: opinionItem.raisedById, state: opinionItem.state })
    .from(opinionItem).where(and(eq(opinionItem.jurisdictionId, subId), eq(opinionItem.year, year))).all();
  const suggestions = yearSuggestions(db, subId, year);
  const meetings = meetingRows(db, subId, year).reverse(); // in date order for the report
  const attendance = summarizeAttendance(meetings.map((m) => ({ sessionId: m.s.id, seated: m.seated, present: m.present, held: m.s.state !== 'planned' })));
  const summary = summarizeYear(reps, items, suggestions, today, attendanceByRep(yearRollLines(db, subId, year)));
  return { summary, suggestions, meetings, attendance };
}

/** The year's suggestions in item order, with what the annual report lists beside each. */
export function yearSuggestions(db: Db, subId: number, year: number) {
  return db.select({
    opinionItemId: suggestion.opinionItemId, seq: opinionItem.seq, title: suggestion.title, unitName: suggestion.unitName,
    representative: representative.name, assignedOn: suggestion.assignedOn, dueOn: suggestion.dueOn, extendedTo: suggestion.extendedTo,
    answeredOn: suggestion.answeredOn, satisfaction: suggestion.satisfaction,
  }).from(suggestion)
    .innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
    .innerJoin(representative, eq(representative.id, suggestion.representativeId))
    .where(and(eq(suggestion.jurisdictionId, subId), eq(opinionItem.year, year)))
    .orderBy(asc(opinionItem.seq)).all();
}

/** Years that have items or meetings, newest first; with the current year always offered. */
export function statYears(db: Db, subId: number, current: number): number[] {
  const years = db.selectDistinct({ y: opinionItem.year }).from(opinionItem).where(eq(opinionItem.jurisdictionId, subId))
    .orderBy(desc(opinionItem.year)).all().map((r) => r.y);
  return [...new Set([current, ...years, ...meetingYears(db, subId, current)])].sort((a, b) => b - a);
}
