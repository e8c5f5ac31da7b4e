import { sameBallot, type Marks } from './ballot';
import { ok, refuse, type Result } from './result';

/** Serial numbers are printed 001, 002 …; a teller may type 7, 07 or 007. */
export function serialWidth(printed: number): number {
  return Math.max(3, String(printed).length);
}

/** The serial as printed (001 …), or why the typed one is none of this poll's. */
export function readSerial(input: string, printed: number): Result<string, 'serial'> {
  const t = input.trim();
  if (!/^\d{1,6}$/.test(t)) return refuse('请填写选票上印的编号（数字）', 'serial');
  const n = Number(t);
  if (n < 1 || n > printed) return refuse(`编号 ${t} 不在本轮印制的选票范围内（001–${formatSerial(printed, printed)}）`, 'serial');
  return ok(formatSerial(n, printed));
}

export function formatSerial(n: number, printed: number): string {
  return String(n).padStart(serialWidth(printed), '0');
}

export interface PaperEntryView {
  serial: string;
  pass: 'first' | 'second';
  tellerId: number;
  marks: Marks;
  invalid: boolean;
  invalidReason: string;
}

export interface Reconciliation {
  /** Both passes agree: this is a returned ballot, ready to count. */
  agreed: { serial: string; marks: Marks; invalid: boolean; invalidReason: string }[];
  /** Both passes entered, and they differ: listed for the tellers to look at the ballot again. */
  mismatched: { serial: string; first: PaperEntryView; second: PaperEntryView }[];
  /** Only one pass so far. */
  pending: PaperEntryView[];
}

/** Double entry by two tellers: a ballot counts only when both entries of its serial agree. */
export function reconcile(entries: readonly PaperEntryView[]): Reconciliation {
  const bySerial = new Map<string, { first?: PaperEntryView; second?: PaperEntryView }>();
  for (const e of entries) {
    const slot = bySerial.get(e.serial) ?? {};
    slot[e.pass] = e;
    bySerial.set(e.serial, slot);
  }
  const out: Reconciliation = { agreed: [], mismatched: [], pending: [] };
  for (const serial of [...bySerial.keys()].sort()) {
    const { first, second } = bySerial.get(serial)!;
    if (first && second) {
      if (sameBallot(first, second)) {
        out.agreed.push({ serial, marks: first.marks, invalid: first.invalid, invalidReason: first.invalidReason || second.invalidReason });
      } else {
        out.mismatched.push({ serial, first, second });
      }
    } else {
      out.pending.push((first ?? second)!);
    }
  }
  return out;
}

/**
 * Where two passes of one ballot differ, so the tellers look at those boxes on the paper instead of comparing
 * every line by eye: 'validity' when one pass says invalid and the other does not, else the option ids whose
 * marks differ (in the order given).
 */
export function differences(a: { marks: Marks; invalid: boolean }, b: { marks: Marks; invalid: boolean }, optionIds: readonly string[]): 'validity' | string[] {
  if (a.invalid !== b.invalid) return 'validity';
  if (a.invalid) return [];
  return optionIds.filter((id) => a.marks[id] !== b.marks[id]);
}

/** The first teller's entry is the first pass; a different teller's is the second; a third is refused. */
export function nextPass(existing: readonly { pass: 'first' | 'second'; tellerId: number }[], tellerId: number): Result<'first' | 'second'> {
  const first = existing.find((e) => e.pass === 'first');
  const second = existing.find((e) => e.pass === 'second');
  if (!first) return ok('first');
  if (second) return refuse('该编号的选票已由两位计票人各录入一遍');
  if (first.tellerId === tellerId) return refuse('您已录入过该编号的选票，第二遍须由另一位计票人录入');
  return ok('second');
}

/** 收回的选票多于发出的选票，表决无效 — the poll is void, whatever the ballots say. */
export function moreReturnedThanIssued(issued: number, returned: number): boolean {
  return returned > issued;
}
