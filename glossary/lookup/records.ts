import type { IFuseOptions } from 'fuse.js';
import { type Concept, conceptRef, STATUSES, type Status, type Term } from '../concept/types.ts';
import { hasHanUnit } from '../text/chars.ts';
import { compactKey } from './normalise.ts';
import { pinyinKeys } from './pinyin.ts';

const STATUS_ORDER: readonly Status[] = STATUSES;

/** What a lookup key was made from: the term's own text, a pinyin spelling, or pinyin initials. */
export type RecordKind = 'term' | 'pinyin' | 'initials';

/**
 * One searchable string of the glossary. The lookup index and the plain-fuse.js baseline of
 * the benchmark search the same list, so that "faster than fuse.js over the whole list" and
 * "at least the hits fuse.js finds" compare like with like.
 */
export interface LookupRecord {
  /** index of the concept in the array the records were built from */
  concept: number;
  /** index of the term in concept.terms */
  term: number;
  conceptId: string;
  text: string;
  lang: string;
  status: Status;
  kind: RecordKind;
  /** the compact folded form that is searched (see normalise.ts) */
  key: string;
}

/**
 * fuse.js scores the fuzzy tier with these options, both over the lookup index's candidates
 * and, in the benchmark, over the whole list from searchableRecords().
 * ignoreLocation: a typo inside a long name (`Prishtna` in `Belgrade-Pristina Dialogue`)
 * scores as well as at its start; threshold 0.4 lets two edits through on names of six or
 * more letters without flooding short queries with noise.
 */
export const FUSE_OPTIONS: IFuseOptions<{ key: string }> = Object.freeze({
  keys: ['key'],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  isCaseSensitive: false,
  shouldSort: true,
  minMatchCharLength: 1,
});

/**
 * Visit every searchable key of the glossary: each term's own compact form, and for Chinese
 * terms their pinyin spellings and initials. The index stores what it needs from each visit
 * in typed arrays (a million small objects would cost seconds of garbage collection).
 */
export function visitSearchableKeys(
  concepts: readonly Concept[],
  visit: (concept: number, term: number, kind: RecordKind, key: string) => void,
): void {
  const keys: string[] = [];
  for (let c = 0; c < concepts.length; c++) {
    const terms = concepts[c]!.terms;
    keys.length = 0;
    for (let t = 0; t < terms.length; t++) keys.push(compactKey(terms[t]!.text));
    for (let t = 0; t < terms.length; t++) {
      const key = keys[t]!;
      if (!key) continue;
      // The same key from two terms of one concept (科索沃 in zh-CN and zh-HK) is kept for
      // each term: their statuses differ, and ranking takes the better one.
      visit(c, t, 'term', key);
      if (!hasHanUnit(key) || !spellsFor(terms, keys, t)) continue;
      const py = pinyinKeys(key);
      for (const k of py.full) visit(c, t, 'pinyin', k);
      for (const k of py.initials) visit(c, t, 'initials', k);
    }
  }
}

/**
 * Whether term t carries the pinyin of its key for its concept: among the concept's terms
 * with the same key, the one with the best status (the first on a tie). A pinyin match then
 * ranks by that status, and the spellings are not stored once per region.
 */
function spellsFor(terms: readonly Term[], keys: readonly string[], t: number): boolean {
  const rank = STATUS_ORDER.indexOf(terms[t]!.status);
  for (let u = 0; u < terms.length; u++) {
    if (u === t || keys[u] !== keys[t]) continue;
    const other = STATUS_ORDER.indexOf(terms[u]!.status);
    if (other < rank || (other === rank && u < t)) return false;
  }
  return true;
}

/** Every searchable record of the glossary as plain objects, in concept and term order. */
export function searchableRecords(concepts: readonly Concept[]): LookupRecord[] {
  const out: LookupRecord[] = [];
  visitSearchableKeys(concepts, (c, t, kind, key) => {
    const concept = concepts[c]!;
    const term = concept.terms[t]!;
    out.push({ concept: c, term: t, conceptId: conceptRef(concept), text: term.text, lang: term.lang, status: term.status, kind, key });
  });
  return out;
}
