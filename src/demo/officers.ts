import type { Db } from '../../db/client';
import type { Actor } from '../data/audit';
import { closureCertificate, signClosureCertificate } from '../data/closureCertificates';
import { pollInSession, type Poll } from '../data/pollReads';
import { assignOfficer, officerChoices } from '../data/sessionOfficers';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { sessionsOf } from '../data/sessions';
import { getUserByUsername } from '../data/users';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import type { Session } from '../data/sessions';
import { actorFor, actorOfUser, chinaTime, must } from './steps';

/**
 * The officers a session elects before its first poll (as its 票决办法 names them): a 总监票人 and two 监票人 from
 * the representatives with a login, a representative 计票人 and the town's staff 计票人 account (e.g. qs.teller).
 */
export function nameDemoOfficers(db: Db, clerk: Actor & { id: number }, s: Session, tellerUsername: string, now: Date): void {
  const reps = officerChoices(db, s).reps;
  const staff = getUserByUsername(db, tellerUsername);
  const picks = [
    ['chiefScrutineer', reps[2]?.value], ['scrutineer', reps[7]?.value], ['scrutineer', reps[12]?.value], ['teller', reps[17]?.value],
    ['teller', staff && `user:${staff.id}`],
  ] as const;
  for (const [role, person] of picks) {
    if (!person) continue;
    must(assignOfficer(db, clerk, s, { role, person, reason: '' }, now), '指定监票人和计票人');
  }
}

/** Each 总监票人 and 监票人 confirms the counted poll's 计票结果报告单 with their own login. */
export function signDemoCertificate(db: Db, p: Poll, now: Date): void {
  const cert = closureCertificate(db, pollInSession(db, p.id)!);
  if (!cert) throw new Error('演示数据：表决尚未计票，无法签署计票结果报告单');
  cert.missing.forEach((o, i) => {
    must(signClosureCertificate(db, actorOfUser(db, o.userId!), p.id, cert.digest, new Date(now.getTime() + i * 60_000)), `${o.name}签署计票结果报告单`);
  });
}

/** 石门镇's session today (readyToVote.ts): named the day before, by its clerk, once the town's 计票人 login exists. */
export function nameReadyToVoteOfficers(db: Db, now: Date): void {
  const sm = getJurisdictionByCode(db, 'SM')!;
  const s = sessionsOf(db, sm.id)[0]!;
  nameDemoOfficers(db, actorFor(db, 'sm.clerk'), s, 'sm.teller', chinaTime(addDays(chinaDateOf(now), -1), '16:00'));
}
