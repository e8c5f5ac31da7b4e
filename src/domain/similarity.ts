/**
 * Near-duplicate proposals: character-trigram Jaccard similarity. Chinese has no spaces to split words on, and
 * trigrams of characters catch "青石村老年食堂" in "在青石村建老年食堂" without a dictionary.
 */

/** Suggest a duplicate from this score up; the screening page lets the reviewer lower or raise it. */
export const DUPLICATE_THRESHOLD = 0.25;
export const THRESHOLD_CHOICES = [0.15, 0.25, 0.4, 0.6] as const;

/** Letters, digits and CJK only, lower-cased: punctuation, spaces and emoji do not make two texts differ. */
export function normalize(text: string): string {
  return Array.from(text.normalize('NFKC').toLowerCase()).filter((ch) => /[\p{L}\p{N}]/u.test(ch)).join('');
}

/** The set of character trigrams; a text shorter than three characters is its own single gram. */
export function trigrams(text: string): Set<string> {
  const chars = Array.from(normalize(text));
  if (chars.length === 0) return new Set();
  if (chars.length < 3) return new Set([chars.join('')]);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty texts are not similar (0), not identical. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return common / (a.size + b.size - common);
}

export function textSimilarity(a: string, b: string): number {
  return jaccard(trigrams(a), trigrams(b));
}

export interface Comparable { id: number; title: string; description: string; placeId: number | null }

/** The better of title-to-title and whole-text similarity: short titles alike, or long descriptions alike. */
export function proposalSimilarity(a: Comparable, b: Comparable): number {
  return Math.max(textSimilarity(a.title, b.title), textSimilarity(`${a.title}\n${a.description}`, `${b.title}\n${b.description}`));
}

export interface DuplicateSuggestion<T> { item: T; score: number }

/**
 * Others in the same village/community (null = township-wide matches only null) scoring at least the threshold,
 * most similar first.
 */
export function suggestDuplicates<T extends Comparable>(target: Comparable, others: readonly T[], threshold = DUPLICATE_THRESHOLD): DuplicateSuggestion<T>[] {
  return others
    .filter((o) => o.id !== target.id && o.placeId === target.placeId)
    .map((item) => ({ item, score: proposalSimilarity(target, item) }))
    .filter((s) => s.score >= threshold)
    .sort((x, y) => y.score - x.score || x.item.id - y.item.id);
}
