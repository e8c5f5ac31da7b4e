// `npm run bench:tally`: the count of a 100,000-ballot poll, measured beside ceilings run in the same process
// (a plain loop over pre-parsed marks; a raw read of the same rows). Prints medians in ms; asserts nothing.
import { randomBytes } from 'node:crypto';
import { openDb } from '../../db/client';
import { ballotsOf } from '../../src/data/ballots';
import { countMarks, tallySelection, type TallyOption } from '../../src/domain/tally';
import type { Marks } from '../../src/domain/ballot';

const BALLOTS = 100_000;
const OPTIONS = 12;
const ROUNDS = 7;
const POLL = 1;
const MARKS = ['for', 'against', 'abstain'] as const;

const db = openDb(':memory:');
// Ballots alone, without the session and poll they belong to: the count reads nothing else.
db.$client.pragma('foreign_keys = OFF');
const options: TallyOption[] = Array.from({ length: OPTIONS }, (_, i) => ({ optionId: 100 + i, label: `项目${i + 1}`, candidateId: i + 1 }));
let seed = 42;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const insert = db.$client.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, ?, ?)');
db.$client.transaction(() => {
  for (let i = 0; i < BALLOTS; i++) {
    const marks: Marks = {};
    for (const o of options) { const r = rnd(); if (r < 0.9) marks[o.optionId] = MARKS[Math.floor(r * 3.33) % 3]!; }
    const valid = rnd() > 0.01;
    insert.run(randomBytes(16).toString('hex'), POLL, JSON.stringify(marks), valid ? 1 : 0, valid ? '' : '赞成票超过应选数');
  }
})();

const parsed = ballotsOf(db, POLL, 'secret');
// The ceiling's input: each ballot's marks already as small integers in option order (0 unmarked).
const codes = { for: 1, against: 2, abstain: 3 } as Record<string, number>;
const compact = parsed.map((b) => ({ valid: b.valid, marks: Uint8Array.from(options, (o) => codes[b.marks[o.optionId] ?? ''] ?? 0) }));
const raw = db.$client.prepare('select marks, valid, invalid_reason from ballot where poll_id = ?').raw();

const cases: Record<string, () => unknown> = {
  'ceiling: loop over pre-parsed marks': () => {
    const sums = new Int32Array(OPTIONS * 4);
    for (const b of compact) {
      if (!b.valid) continue;
      for (let i = 0; i < OPTIONS; i++) sums[i * 4 + b.marks[i]!]!++;
    }
    return sums;
  },
  'ceiling: raw read of the rows': () => raw.all(POLL).length,
  'ceiling: raw read + JSON.parse': () => raw.all(POLL).map((r) => JSON.parse((r as unknown[])[0] as string)),
  'countMarks (pre-parsed ballots)': () => countMarks('selection', options, parsed),
  'tallySelection (pre-parsed ballots)': () => tallySelection({ options, ballots: parsed, seatsToFill: 6, seated: 200, present: 190, majorityBase: 'seated', quorum: { num: 2, den: 3 } }),
  'ballotsOf (read + parse)': () => ballotsOf(db, POLL, 'secret').length,
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
const ceiling = median(samples.get('ceiling: loop over pre-parsed marks')!);
console.log(`${BALLOTS.toLocaleString('en')} ballots × ${OPTIONS} options, median of ${ROUNDS} interleaved rounds`);
for (const [name, xs] of samples) {
  const ms = median(xs);
  console.log(`${name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / ceiling).toFixed(1).padStart(6)} × loop ceiling`);
}
const total = median(samples.get('ballotsOf (read + parse)')!) + median(samples.get('tallySelection (pre-parsed ballots)')!);
console.log(`${'read + tally of the poll'.padEnd(40)} ${total.toFixed(1).padStart(8)} ms  (goal < 50 ms)`);
