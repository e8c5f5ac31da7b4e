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

/**
 * Words residents use for the same thing (a maintained table: add a group when screening misses a pair). The first
 * word of a group is the one the others are read as, before trigrams are taken: 老年食堂 and 老年助餐点 then
 * compare as the same text. Longer words are replaced first, so 助餐服务点 is not half-replaced by 助餐点.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['食堂', '助餐点', '助餐服务点', '助餐中心', '老年餐桌', '长者饭堂', '爱心餐厅'],
  ['路灯', '亮化', '照明灯', '太阳能灯', '夜间照明'],
  ['饮水', '供水', '自来水', '吃水'],
  ['公厕', '公共厕所', '厕所', '卫生间'],
  ['道路硬化', '路面硬化', '水泥路', '道路铺设'],
  ['便民桥', '人行桥', '过河桥'],
  ['污水', '生活污水', '排污'],
  ['文化广场', '活动广场', '休闲广场'],
  ['卫生室', '卫生所', '医务室'],
  ['监控', '天网', '视频监控', '摄像头'],
  ['垃圾', '生活垃圾', '垃圾收集'],
];

const SYNONYMS: readonly [string, string][] = SYNONYM_GROUPS
  .flatMap((g) => g.slice(1).map((w): [string, string] => [normalize(w), normalize(g[0]!)]))
  .sort((a, b) => b[0].length - a[0].length);

/** The text with every synonym read as its group's first word (after normalize). */
export function canonical(text: string): string {
  let t = normalize(text);
  for (const [word, as] of SYNONYMS) t = t.split(word).join(as);
  return t;
}

export interface Comparable { id: number; title: string; description: string; placeId: number | null }

/** The better of title-to-title and whole-text similarity, synonyms read alike: short titles alike, or long descriptions alike. */
export function proposalSimilarity(a: Comparable, b: Comparable): number {
  return Math.max(
    textSimilarity(canonical(a.title), canonical(b.title)),
    textSimilarity(canonical(`${a.title}\n${a.description}`), canonical(`${b.title}\n${b.description}`)),
  );
}

/** Every item scored against the target, most similar first (the merge target is chosen from this order). */
export function rankBySimilarity<T extends Comparable>(target: Comparable, others: readonly T[]): DuplicateSuggestion<T>[] {
  return others.filter((o) => o.id !== target.id)
    .map((item) => ({ item, score: proposalSimilarity(target, item) }))
    .sort((x, y) => y.score - x.score || x.item.id - y.item.id);
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
