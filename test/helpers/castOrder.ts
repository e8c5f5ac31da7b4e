/**
 * Of all pairs of items, the share that `seen` lists in the order they were cast (Kendall's concordance):
 * about half means the order is gone; near 1 (or 0) means it can be read back.
 */
export function inCastOrder(castOrder: readonly string[], seen: readonly string[]): number {
  const at = new Map(seen.map((s, i) => [s, i]));
  let kept = 0;
  let pairs = 0;
  for (let i = 0; i < castOrder.length; i++) {
    for (let j = i + 1; j < castOrder.length; j++) {
      pairs++;
      if (at.get(castOrder[i]!)! < at.get(castOrder[j]!)!) kept++;
    }
  }
  return kept / pairs;
}
