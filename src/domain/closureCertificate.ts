import type { Marks } from './ballot';
import { countPacked, type BallotPack } from './ballotPack';
import { choiceSetOf, type PollKind } from './choices';
import { MARK_CODES, NOT_MENTIONED } from './compactMarks';
import { scrutinyShortfalls } from './sessionOfficers';
import type { BallotForm, SessionOfficerRole } from './vocabulary';

/**
 * 计票结果报告单: per poll, the ballots issued and returned, valid, invalid and blank, every option's counts and the
 * officers' names, signed by the 总监票人 and the 监票人 before the session's result may be published.
 */

export interface CertificateFigures { issued: number; returned: number; valid: number; invalid: number; blank: number }

/** 空白票: a valid ballot that marks no option at all (every line left unmarked). A line marked twice is a mark. */
export function isBlankBallot(kind: PollKind, marks: Marks, form: BallotForm = 'perItem'): boolean {
  const unmarked = choiceSetOf(kind, form).unmarked;
  return Object.values(marks).every((m) => m === unmarked);
}

/** How many of the valid ballots are 空白票: counted once with the result, when the ballots are at hand. */
export function blankBallots(kind: PollKind, ballots: readonly { marks: Marks; valid: boolean }[] | BallotPack, form: BallotForm = 'perItem'): number {
  if (!Array.isArray(ballots)) return countPacked(ballots as BallotPack, [MARK_CODES[choiceSetOf(kind, form).unmarked], NOT_MENTIONED].map((c) => c.charCodeAt(0)));
  let n = 0;
  for (const b of ballots as readonly { marks: Marks; valid: boolean }[]) if (b.valid && isBlankBallot(kind, b.marks, form)) n++;
  return n;
}

export function certificateFigures(
  kind: PollKind,
  counted: { issued: number; returned: number; valid: number; invalid: number },
  ballots: readonly { marks: Marks; valid: boolean }[] | BallotPack,
  form: BallotForm = 'perItem',
): CertificateFigures {
  return { ...counted, blank: blankBallots(kind, ballots, form) };
}

/**
 * Lines marked twice, per option: an option's invalid count beyond the wholly invalid ballots (each of which is
 * invalid for every option). Only options with at least one such line.
 */
export function spoiledLines(rows: readonly { label: string; invalid: number }[], invalidBallots: number): { label: string; count: number }[] {
  return rows.map((r) => ({ label: r.label, count: r.invalid - invalidBallots })).filter((r) => r.count > 0);
}

export interface CertificateOfficer { id: number; role: SessionOfficerRole; name: string }

export interface SignatureState<O extends CertificateOfficer = CertificateOfficer> {
  /** Scrutineers (总监票人 and 监票人) who have not yet signed these figures. */
  missing: O[];
  /** Why the certificate cannot be complete whoever signs (no 总监票人, too few 监票人). */
  shortfalls: string[];
  complete: boolean;
}

/**
 * Who still has to sign: every 总监票人 and 监票人 named for the session, each with their own login. A signature
 * over other figures (digest) does not count. Complete only when nobody is missing and the officers suffice.
 */
export function signatureState<O extends CertificateOfficer>(officers: readonly O[], signatures: readonly { officerId: number; digest: string }[], digest: string): SignatureState<O> {
  const signed = new Set(signatures.filter((s) => s.digest === digest).map((s) => s.officerId));
  const missing = officers.filter((o) => (o.role === 'chiefScrutineer' || o.role === 'scrutineer') && !signed.has(o.id));
  const shortfalls = scrutinyShortfalls(officers);
  return { missing, shortfalls, complete: missing.length === 0 && shortfalls.length === 0 };
}
