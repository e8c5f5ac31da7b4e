// `npm run bench:tally`: the count of a 100,000-ballot poll, measured beside ceilings run in the same process
// (a plain loop over marks already in memory as small integers; a raw read of the same rows). Other polls' ballots
// share the table, as in a province's file. Prints medians in ms; asserts nothing.
import { randomBytes } from 'node:crypto';
import { openDb } from '../../db/client';
import { ballotsOf } from '../../src/data/ballots';
import { packCoded, type CodedBallot } from '../../src/domain/ballotPack';
import { blankBallots } from '../../src/domain/closureCertificate';
import { decodeMarks, encodeMarks } from '../../src/domain/compactMarks';
import { countMarks, tallySelection, type TallyBallot, type TallyOption } from '../../src/domain/tally';
import type { Marks } from '../../src/domain/ballot';

const BALLOTS = 100_000;
const OTHER_BALLOTS = 100_000; // of each of two other polls, one on either side of this one in the table's key
const OPTIONS = 12;
const ROUNDS = 7;
const POLL = 2;
const MARKS = ['for', 'against', 'abstain'] as const;

const db = openDb(':memory:');
// Ballots and options alone, without the session and poll they belong to: the count reads nothing else.
db.$client.pragma('foreign_keys = OFF');
const insertOption = db.$client.prepare('insert into poll_option (id, poll_id, label, position) values (?, ?, ?, ?)');
const options: TallyOption[] = Array.from({ length: OPTIONS }, (_, i) => ({ optionId: 100 + i, label: `项目${i + 1}`, candidateId: null }));
const optionIds = options.map((o) => o.optionId);
let seed = 42;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const insert = db.$client.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, ?, ?)');
db.$client.transaction(() => {
  options.forEach((o, i) => insertOption.run(o.optionId, POLL, o.label, OPTIONS - i)); // positions need not follow ids
  for (const [poll, count] of [[POLL - 1, OTHER_BALLOTS], [POLL, BALLOTS], [POLL + 1, OTHER_BALLOTS]] as const) {
    for (let i = 0; i < count; i++) {
      const marks: Marks = {};
      for (const o of options) { const r = rnd(); marks[o.optionId] = r < 0.9 ? MARKS[Math.floor(r * 3.33) % 3]! : 'abstain'; }
      const valid = rnd() > 0.01;
      insert.run(randomBytes(16).toString('hex'), poll, encodeMarks(optionIds, marks), valid ? 1 : 0, valid ? '' : '赞成票超过应选数');
    }
  }
})();
const inPositionOrder = [...options].reverse();
const positionIds = inPositionOrder.map((o) => o.optionId);

// The same ballots in the forms the other paths hold them: as objects (a named poll's, a test's), and as the
// opening holds them after decrypting (one compact string each), and as the ceiling's small integers.
const rows = db.$client.prepare('select marks, valid, invalid_reason from ballot where poll_id = ?').raw().all(POLL) as [string, number, string][];
const coded: CodedBallot[] = rows.map(([code, valid, invalidReason]) => ({ code, valid: valid === 1, invalidReason }));
const objects: TallyBallot[] = coded.map((b) => ({ marks: decodeMarks(positionIds, b.code), valid: b.valid }));
const codes = { F: 1, A: 2, Q: 3 } as Record<string, number>;
const compact = coded.map((b) => ({ valid: b.valid, marks: Uint8Array.from(b.code, (c) => codes[c] ?? 0) }));
const raw = db.$client.prepare('select marks, valid, invalid_reason from ballot where poll_id = ?').raw();
const tally = (ballots: Parameters<typeof tallySelection>[0]['ballots']) => tallySelection({
  options: inPositionOrder, ballots, seatsToFill: 6, seated: 200, present: 190, majorityBase: 'seated', quorum: { num: 2, den: 3 },
});
const packed = ballotsOf(db, POLL, 'secret');

const cases: Record<string, () => unknown> = {
  'ceiling: loop over marks in memory': () => {
    const sums = new Int32Array(OPTIONS * 4);
    for (const b of compact) {
      if (!b.valid) continue;
      for (let i = 0; i < OPTIONS; i++) sums[i * 4 + b.marks[i]!]!++;
    }
    return sums;
  },
  'ceiling: raw read of the rows': () => raw.all(POLL).length,
  'ballotsOf (read, packed)': () => ballotsOf(db, POLL, 'secret').valid,
  'countMarks (packed)': () => countMarks('selection', inPositionOrder, packed),
  'tallySelection (packed)': () => tally(packed),
  'tallySelection (ballots as objects)': () => tally(objects),
  'count at 开箱 (opened ballots packed + tally)': () => tally(packCoded(OPTIONS, coded)),
  'read + tally of the poll': () => {
    const ballots = ballotsOf(db, POLL, 'secret');
    return [tally(ballots), blankBallots('selection', ballots)];
  },
};

const samples = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(cases)) { // interleaved, so drift on a shared machine hits every case alike
    const t0 = performance.now();
    fn();
    samples.get(name)!.push(performance.now() - t0);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ceiling = median(samples.get('ceiling: loop over marks in memory')!);
console.log(`${BALLOTS.toLocaleString('en')} ballots × ${OPTIONS} options (and ${(2 * OTHER_BALLOTS).toLocaleString('en')} of other polls), median of ${ROUNDS} interleaved rounds`);
for (const [name, xs] of samples) {
  const ms = median(xs);
  const goal = name === 'read + tally of the poll' ? '  (goal < 50 ms)' : '';
  console.log(`${name.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / ceiling).toFixed(1).padStart(6)} × loop ceiling${goal}`);
}
