import { chinaDateOf, daysBetween } from './domain/chinaDate';

const DAY_MS = 86_400_000;

/**
 * 演练模式 (rehearsal): a clock that reads `asOf` (a China date) now, at the real time of day, and then runs
 * like a real clock — it never goes backwards, so login sessions, rate limits and filing times keep their order,
 * and the date turns at China midnight as it would on a real day.
 */
export function rehearsalClock(asOf: string, realNow: () => Date = () => new Date()): () => Date {
  const offset = daysBetween(chinaDateOf(realNow()), asOf) * DAY_MS;
  return () => new Date(realNow().getTime() + offset);
}
