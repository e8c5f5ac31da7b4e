import type { Db } from '../../db/client';
import type { ChinaDate } from '../domain/chinaDate';
import { maskPhone } from '../domain/privacy';
import { goalsOf, type StationGoal } from './stationGoals';
import { liaisonOf, stationReps } from './stationPeople';
import { upcomingAt } from './receptions';
import type { Station } from './stations';

/** What the public station page shows: never a full phone number (seed 000 §四(八) 信息安防). */
export interface PublicRep { name: string; community: string; phone: string; convener: boolean }
export interface PublicStation {
  station: Station;
  reps: PublicRep[];
  liaison?: { name: string; phone: string };
  upcoming: { date: string; startTime: string; endTime: string; reps: string[] }[];
  year: number;
  goals: StationGoal[];
}

export function publicStation(db: Db, s: Station, today: ChinaDate): PublicStation {
  const year = Number(today.slice(0, 4));
  const liaison = liaisonOf(db, s.id);
  const reps = stationReps(db, s.id)
    .filter((r) => r.status === 'seated')
    .sort((a, b) => Number(b.role === 'convener') - Number(a.role === 'convener') || a.id - b.id);
  return {
    station: s,
    reps: reps.map((r) => ({ name: r.name, community: r.community, phone: maskPhone(r.phone), convener: r.role === 'convener' })),
    liaison: liaison && { name: liaison.name, phone: maskPhone(liaison.phone) },
    upcoming: upcomingAt(db, s.id, today).map((r) => ({ date: r.date, startTime: r.startTime, endTime: r.endTime, reps: r.reps.map((x) => x.name) })),
    year,
    goals: goalsOf(db, s.id, year),
  };
}
