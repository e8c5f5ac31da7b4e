/** A bounded load loop for benchmarks on loopback: a fixed number of calls at a fixed concurrency. */
export interface LoadReport {
  label: string;
  count: number;
  concurrency: number;
  ok: number;
  failed: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  rssMiB: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Calls `call(i)` `count` times, `concurrency` at a time; a call returns true when it succeeded. */
export async function load(label: string, count: number, concurrency: number, call: (i: number) => Promise<boolean>): Promise<LoadReport> {
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      const success = await call(i).catch(() => false);
      latencies.push(performance.now() - t);
      if (success) ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label, count, concurrency, ok, failed: count - ok, seconds,
    rps: count / seconds,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

export function printReport(r: LoadReport): void {
  console.log(
    `${r.label.padEnd(34)} ${String(r.count).padStart(6)} req  c=${String(r.concurrency).padEnd(3)} ` +
    `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ` +
    `failed ${r.failed}  rss ${r.rssMiB.toFixed(0)} MiB`,
  );
}
