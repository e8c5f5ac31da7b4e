import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative, suggestion } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { summarizeYear } from '../domain/deliberationStats';
import { oversizedGroups } from '../domain/linkGroups';
import { attendanceByRep, summarizeAttendance } from '../domain/meetingAttendance';
import { opinionNumber } from '../domain/opinionLabels';
import { rosterWarnings } from '../domain/rosterRange';
import { effectiveDue, isOverdue } from '../domain/suggestionDeadline';
import { deliberationScope, repOfUser, seatedCount } from './representatives';
import type { Jurisdiction } from './jurisdictions';
import { meetingRows, meetingsOf, meetingWarningsFor, meetingYears, yearRollLines } from './meetings';
import { stateCounts } from './opinionItems';
import { linkOverview } from './repLinks';
import { getSettings } from './settings';
import { openSuggestions } from './suggestions';

/**
 * The figures for one subdistrict and year: items by the year they were recorded, meetings by their date,
 * attendance from each held meeting's roll (seated = its roster snapshot, present = checked in).
 */
export function yearStats(db: Db, subId: number, year: number, today: ChinaDate) {
  const reps = db.select({ id: representative.id, name: representative.name, community: representative.community, status: representative.status })
    .from(representative).where(and(eq(representative.jurisdictionId, subId), eq(representative.body, 'deliberation')))
    .orderBy(asc(representative.community), asc(representative.id)).all();
  const items = db.select({ id: opinionItem.id, raisedById: opinionItem.raisedById, state: opinionItem.state })
    .from(opinionItem).where(and(eq(opinionItem.jurisdictionId, subId), eq(opinionItem.year, year))).all()
    .flatMap((i) => (i.raisedById === null ? [] : [{ ...i, raisedById: i.raisedById }])); // a subdistrict's items always have one
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

/**
 * The street deliberation overview for one login: the year's figures, what needs doing (the roster's size, groups
 * over their size, missing meetings), overdue suggestions, and whether the login is on the roster itself.
 */
export function deliberationOverview(db: Db, sub: Jurisdiction, userId: number, today: ChinaDate) {
  const year = Number(today.slice(0, 4));
  const settings = getSettings(db, sub.id);
  const seated = seatedCount(db, deliberationScope(sub.id));
  const links = linkOverview(db, sub);
  const counts = stateCounts(db, sub.id);
  const { summary } = yearStats(db, sub.id, year, today);
  const warnings = [
    ...rosterWarnings(seated, settings.deliberationRosterMin, settings.deliberationRosterMax).map((w) => w.text),
    ...oversizedGroups(links.groups, settings.linkGroupSize),
    ...meetingWarningsFor(db, sub.id, year).map((w) => w.text),
  ];
  const overdue = openSuggestions(db, sub.id).filter((s) => isOverdue(s, today))
    .map((s) => ({ itemId: s.itemId, number: opinionNumber(s.year, sub.code, s.seq), title: s.title, due: effectiveDue(s), unitName: s.unitName }));
  return {
    warnings, overdue, onRoster: repOfUser(db, deliberationScope(sub.id), userId) !== undefined,
    n: {
      seated, unlinked: links.unlinked.length + links.orphaned.length, recorded: counts.recorded, handedToRep: counts.handedToRep,
      overdue: overdue.length, year, items: summary.items, suggestions: summary.suggestions, meetings: meetingsOf(db, sub.id, year).length,
    },
  };
}
