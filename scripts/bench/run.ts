// The frame of a bench that starts server processes: a scratch folder, a deadline, and one way out (the
// children stopped and the folder removed whether the bench passed, failed or threw).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchRun {
  /** The bench's scratch folder (databases, side files), removed at the end. */
  dir: string;
  /** A server process to stop at the end. */
  track: (child: ChildProcess) => ChildProcess;
  /** Runs main and exits: 0 when it returned true, 1 when it returned false, threw, or outlived the deadline. */
  finish: (main: () => Promise<boolean>) => void;
}

export function benchRun(name: string, deadlineMs: number): BenchRun {
  const dir = mkdtempSync(join(tmpdir(), `minsheng-${name}-`));
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = setTimeout(() => {
    console.error(`bench:${name}: gave up after ${deadlineMs / 1000} s`);
    cleanup();
    process.exit(1);
  }, deadlineMs);
  const end = (code: number) => {
    clearTimeout(deadline);
    cleanup();
    process.exit(code);
  };
  return {
    dir,
    track: (child) => { children.push(child); return child; },
    finish: (main) => { main().then((ok) => end(ok ? 0 : 1), (err) => { console.error(err); end(1); }); },
  };
}
