/**
 * At most `slots` pieces of work at once; the rest wait their turn, first come first served. Counts what it lets
 * through, so the bound can be checked: `peak` is the most that ever ran at the same time.
 */
export interface Turns {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly slots: number;
  readonly running: number;
  readonly waiting: number;
  readonly peak: number;
  resetPeak(): void;
}

export function turns(slots: number): Turns {
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError('slots must be a whole number of at least 1');
  let running = 0;
  let peak = 0;
  const queue: (() => void)[] = [];
  return {
    slots,
    get running() { return running; },
    get waiting() { return queue.length; },
    get peak() { return peak; },
    resetPeak() { peak = running; },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= slots) await new Promise<void>((r) => queue.push(r));
      else running++;
      peak = Math.max(peak, running);
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next(); // the slot passes straight to the next in line
        else running--;
      }
    },
  };
}
