import type { Concept } from '../concept/types.ts';
import type { Matcher } from '../matching/matcher.ts';
import { type FoldedText, fold, isCjkUnit } from '../text/fold.ts';

/**
 * What the glossary already knows, in folded form: a form → concept map, and the spans of
 * a folded document that known terms cover (leftmost-longest, as the matcher defines it).
 * Extraction uses it to leave known names alone and to turn "one form known, one new" into
 * a merge proposal. It is a plain fold-based scan, fast enough for one document at a time.
 */
export interface KnownIndex {
  /** the concept whose term folds to this form, if any */
  conceptOf(folded: string): number | undefined;
  /**
   * [start, end, conceptId] of known terms in `folded` (the folding of `source`), in folded
   * offsets, leftmost-longest and non-overlapping.
   */
  spans(source: string, folded: FoldedText): [number, number, number][];
}

export type KnownConcept = Pick<Concept, 'id' | 'terms'>;

const MAX_CJK_TERM = 40;

/**
 * With the glossary's matcher (glossary/matching/matcher.ts) the spans are exactly what highlighting
 * shows; without one (a unit test with a handful of concepts) a plain scan over folded
 * terms gives the same answer for CJK names.
 */
export function buildKnownIndex(concepts: readonly KnownConcept[], matcher?: Matcher): KnownIndex {
  const byForm = new Map<string, number>();
  const cjkLengths = new Set<number>();
  for (const c of concepts) {
    for (const t of c.terms) {
      const f = fold(t.text);
      if (!f || byForm.has(f)) continue;
      byForm.set(f, c.id);
      if (f.length >= 2 && f.length <= MAX_CJK_TERM && isCjkUnit(f.charCodeAt(0))) cjkLengths.add(f.length);
    }
  }
  const lengths = [...cjkLengths].sort((a, b) => b - a);
  return {
    conceptOf: (folded) => byForm.get(folded),
    spans(source, folded) {
      if (matcher) return matcher.match(source).map((m) => [toFolded(folded, m.start), toFolded(folded, m.end), m.conceptId]);
      const text = folded.text;
      const out: [number, number, number][] = [];
      let i = 0;
      while (i < text.length) {
        if (!isCjkUnit(text.charCodeAt(i))) {
          i++;
          continue;
        }
        let hit = 0;
        let id = 0;
        for (const n of lengths) {
          if (i + n > text.length) continue;
          const c = byForm.get(text.slice(i, i + n));
          if (c !== undefined) {
            hit = n;
            id = c;
            break;
          }
        }
        if (hit) {
          out.push([i, i + hit, id]);
          i += hit;
        } else i++;
      }
      return out;
    },
  };
}

/** Index of the first folded unit at or after an original offset. */
function toFolded(folded: FoldedText, original: number): number {
  const o = folded.offsets;
  let lo = 0;
  let hi = folded.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o[mid]! < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
