/**
 * Preloaded into the server by `npm run bench:load` (node --import): samples the event loop's delay and, on
 * SIGTERM, writes its percentiles and the process's CPU time to the file named by BENCH_LOOP_FILE. The server's
 * own code is untouched; this says whether a stall was the server's loop being blocked or the client waiting.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
const file = process.env.BENCH_LOOP_FILE;
process.prependListener('SIGTERM', () => {
  h.disable();
  const ms = (ns: number) => ns / 1e6;
  const cpu = process.cpuUsage();
  if (file) {
    writeFileSync(file, JSON.stringify({
      p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), cpuSeconds: (cpu.user + cpu.system) / 1e6,
      threadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    }));
  }
});
