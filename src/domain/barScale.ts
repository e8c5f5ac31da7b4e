/**
 * The arithmetic behind every bar chart: where each stacked segment starts and how wide it is, as a percentage of
 * the bar's track. Pure, so the boundaries (nothing to scale by, more than the scale, negative input) are decided
 * once and tested, not left to whatever an SVG does with NaN or a width above 100 %.
 */

export interface Span { x: number; w: number }

/** A value's share of the scale in percent, held to 0–100; a scale of 0 or less draws nothing. */
export function scaled(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(100, (value * 100) / max);
}

/** Stacked segments laid end to end; whatever would run past the end of the track is cut at 100 %. */
export function stackSpans(values: readonly number[], max: number): Span[] {
  let x = 0;
  return values.map((v) => {
    const w = Math.min(scaled(v, max), 100 - x);
    const span = { x, w };
    x += w;
    return span;
  });
}

/**
 * Whole-percent shares that add up to exactly 100 (largest remainder, ties to the earlier item), so the numbers
 * printed inside a stacked bar agree with each other. Nothing counted → null: a share of nothing is not 0 %.
 */
export function shares(counts: readonly number[]): number[] | null {
  const total = counts.reduce((s, c) => s + Math.max(0, c), 0);
  if (total === 0) return null;
  // Integer remainders: 1/6 and 4/6 must tie exactly, which floating-point fractions do not.
  const scaledUp = counts.map((c) => Math.max(0, c) * 100);
  const out = scaledUp.map((v) => Math.floor(v / total));
  const order = scaledUp.map((v, i) => ({ i, r: v % total })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0, left = 100 - out.reduce((s, v) => s + v, 0); left > 0; k++, left--) out[order[k]!.i]!++;
  return out;
}

/**
 * One project's funds on its own scale: the track is the budget (or the spending, when it ran over), so a small
 * project's bar is as readable as a large one's. `pct` is spent ÷ budget in whole percent; null without a budget.
 */
export interface FundsBar { max: number; spent: number; budget: number; pct: number | null; over: boolean }

export function fundsBar(spent: number, budget: number): FundsBar {
  const s = Math.max(0, spent);
  const b = Math.max(0, budget);
  return { max: Math.max(s, b), spent: s, budget: b, pct: b > 0 ? Math.round((s * 100) / b) : null, over: s > b };
}
