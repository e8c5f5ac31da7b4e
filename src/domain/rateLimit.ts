/**
 * Sliding-window failure counting: after `max` failures inside `windowMs`, the key is refused
 * until the oldest of them leaves the window.
 */
export interface Window { max: number; windowMs: number }

export function recentFailures(failures: readonly number[], now: number, windowMs: number): number[] {
  return failures.filter((t) => t > now - windowMs && t <= now);
}

/** Milliseconds until the key may try again; 0 when it may try now. */
export function retryAfterMs(failures: readonly number[], now: number, w: Window): number {
  const recent = recentFailures(failures, now, w.windowMs);
  if (recent.length < w.max) return 0;
  const oldestThatCounts = recent.sort((a, b) => a - b)[recent.length - w.max]!;
  return oldestThatCounts + w.windowMs - now;
}
