import Fuse, { type IFuseOptions } from 'fuse.js';
import { statusRank } from '../concept/concept.ts';
import type { Concept } from '../concept/types.ts';
import { isCloseMatch } from './closeness.ts';
import { substringMatcher } from './distance.ts';
import { hasHanUnit } from '../text/chars.ts';
import { compactKey, containsFromWordStart, queryForms } from './normalise.ts';
import { spellsSyllablesOf } from './pinyin.ts';
import { FUSE_OPTIONS, type RecordKind, visitSearchableKeys } from './records.ts';
import { type LookupResult, lookupResult, type MatchKind } from './result.ts';

export { compactKey, queryForms } from './normalise.ts';
export { FUSE_OPTIONS, type LookupRecord, searchableRecords } from './records.ts';
export type { LookupResult } from './result.ts';

/**
 * Search-as-you-type over the whole glossary (design note: docs/lookup.md).
 *
 * Candidates come from cheap exact structures first — a key map, a sorted key array for
 * prefixes, an n-gram posting table for infixes — and the ranking tiers are strict
 * (exact > prefix > infix > fuzzy), so once the better tiers fill the page the rest is never
 * looked at. Only when they do not does fuse.js score a few dozen keys, gathered by shared
 * n-grams and narrowed by edit distance. fuse.js never sees the whole glossary.
 */

export interface LookupIndex {
  /** number of concepts indexed */
  readonly size: number;
  search(query: string, limit?: number): LookupResult[];
}

/**
 * The concepts an index was built over, by position. A built index reads the array itself; an
 * index loaded from a worker or a cache file reads them from a packed copy, parsing only the
 * concepts a query shows (glossary/lookup/packed-concepts.ts).
 */
export interface ConceptSource {
  readonly length: number;
  at(index: number): Concept;
}

/**
 * The lookup index as flat data: typed arrays (transferable to another thread, writable to a
 * file as they are) and the sorted keys as one string with their offsets. Built once in a
 * worker thread, it is adopted without rebuilding anything (db/snapshot.ts).
 */
export interface PackedLookupIndex {
  size: number;
  bits: number;
  recConcept: Int32Array;
  recTerm: Int32Array;
  recKind: Uint8Array;
  recStatus: Uint8Array;
  /** the sorted keys concatenated; key k is keyText.slice(keyStart[k], keyStart[k + 1]) */
  keyText: string;
  keyStart: Int32Array;
  kindMask: Uint8Array;
  keyRecordStart: Int32Array;
  keyRecords: Int32Array;
  gramStart: Int32Array;
  gramKeys: Int32Array;
  keyRank: Uint16Array;
}

/** the typed-array fields of PackedLookupIndex, in one fixed order (for files and transfer lists) */
export const PACKED_ARRAYS = [
  'recConcept',
  'recTerm',
  'recKind',
  'recStatus',
  'keyStart',
  'kindMask',
  'keyRecordStart',
  'keyRecords',
  'gramStart',
  'gramKeys',
  'keyRank',
] as const;

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

const EXACT = 0;
const PREFIX = 1;
const INFIX = 2;
const FUZZY = 3;
const TIER_SCORE = [1, 0.9, 0.8];
const TIER_KIND: readonly MatchKind[] = ['exact', 'prefix', 'infix', 'fuzzy'];

/** record kinds as numbers: their rank in ties (the term's own text first) and their bit in a key's mask */
const KIND_RANK: Record<RecordKind, number> = { term: 0, pinyin: 1, initials: 2 };
const KIND_BIT = { term: 1, pinyin: 2, initials: 4 } as const;
const KIND_OF_RANK: readonly RecordKind[] = ['term', 'pinyin', 'initials'];
/** Initials are too short and too ambiguous for infix and fuzzy matching: exact and prefix only. */
const GRAM_KINDS = KIND_BIT.term | KIND_BIT.pinyin;

/** Work bounds per query: they keep the slowest query near the typical one on a large glossary. */
export interface LookupTuning {
  /** keys scanned for one prefix (one- and two-letter queries match a large share of the glossary) */
  prefixScan: number;
  /** postings scanned for infixes of one query */
  infixScan: number;
  /** postings counted for one fuzzy query, rarest grams first */
  fuzzyPostings: number;
  /** keys measured by edit distance for one query */
  fuzzyPool: number;
  /** keys handed to fuse.js for one query */
  fuzzyCandidates: number;
}

const DEFAULT_TUNING: Readonly<LookupTuning> = Object.freeze({
  prefixScan: 4000,
  infixScan: 30000,
  fuzzyPostings: 40000,
  fuzzyPool: 1000,
  fuzzyCandidates: 60,
});

/** A result with the rank it was sorted by, for merging the pages of two indexes. */
interface Ranked {
  hit: Hit;
  result: LookupResult;
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit) || DEFAULT_LIMIT));
}

interface Hit {
  tier: number;
  fuse: number;
  status: number;
  kind: number;
  length: number;
  record: number;
}

/** Lengths beyond this rank alike when choosing which of many same-tier matches to rank in full. */
const MAX_RANKED_LENGTH = 63;
/** (4 statuses × 3 kinds) × lengths 0…63 */
const RANKS = 4 * 3 * (MAX_RANKED_LENGTH + 1);
/** Same-tier matches offered for ranking, per result asked for: several keys may belong to one concept. */
const OFFER_PER_RESULT = 8;
/** fuse.js always scores at least this many fuzzy candidates (when there are as many) */
const FUZZY_MIN_CANDIDATES = 24;

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function compareHits(a: Hit, b: Hit): number {
  return a.tier - b.tier || a.fuse - b.fuse || a.status - b.status || a.kind - b.kind || a.length - b.length || a.record - b.record;
}

// ---- n-gram hashing ------------------------------------------------------------------
// Grams are hashed into a fixed table rather than kept in a Map of strings: building is two
// passes over the keys with no allocation, and a collision only adds a candidate that the
// verification (includes / fuse.js) then rejects.

function hashGram(key: string, at: number, n: number, bits: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ key.charCodeAt(at + i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> (32 - bits);
}

/**
 * Grams of an indexed key: every trigram, and for keys with Han characters also every
 * character and bigram (Chinese names are two to five characters long, and a translator's
 * fragment 什蒂 is two). Duplicates are removed with a stamp per bucket (`seen[g]` holds the
 * last key that wrote g, plus one): linear in the key's length, no sort and no Set, whatever
 * the shape of the key. Returns how many were written to `out`.
 */
function keyGrams(key: string, id: number, bits: number, seen: Int32Array, out: Int32Array): number {
  const stamp = id + 1;
  let k = addGrams(key, 3, bits, seen, stamp, out, 0);
  if (hasHanUnit(key)) {
    k = addGrams(key, 1, bits, seen, stamp, out, k);
    k = addGrams(key, 2, bits, seen, stamp, out, k);
  }
  return k;
}

/** The n-grams of key not stamped yet, appended to out from k on; returns the new count. */
function addGrams(key: string, n: number, bits: number, seen: Int32Array, stamp: number, out: Int32Array, k: number): number {
  for (let i = 0; i + n <= key.length; i++) {
    const g = hashGram(key, i, n, bits);
    if (seen[g] !== stamp) {
      seen[g] = stamp;
      out[k++] = g;
    }
  }
  return k;
}

/** The grams a query is looked up by: bigrams for Chinese (a single character alone), trigrams otherwise. */
function queryGrams(q: string, bits: number): number[] {
  const grams = new Set<number>();
  if (hasHanUnit(q)) {
    if (q.length === 1) grams.add(hashGram(q, 0, 1, bits));
    for (let i = 0; i + 2 <= q.length; i++) grams.add(hashGram(q, i, 2, bits));
    return [...grams];
  }
  for (let i = 0; i + 3 <= q.length; i++) grams.add(hashGram(q, i, 3, bits));
  return [...grams];
}

class Index implements LookupIndex {
  readonly size: number;
  private readonly concepts: ConceptSource;
  /** per record: its concept (index into concepts), term (index into concept.terms), kind rank and status rank */
  private readonly recConcept: Int32Array;
  private readonly recTerm: Int32Array;
  private readonly recKind: Uint8Array;
  private readonly recStatus: Uint8Array;
  /** distinct keys in sorted order; a key id is an index into this (an exact match is found by binary search) */
  private readonly keys: string[];
  private readonly kindMask: Uint8Array;
  /** records of key k: keyRecords[keyRecordStart[k] .. keyRecordStart[k+1]) */
  private readonly keyRecordStart: Int32Array;
  private readonly keyRecords: Int32Array;
  private readonly bits: number;
  /** keys holding gram g: gramKeys[gramStart[g] .. gramStart[g+1]) */
  private readonly gramStart: Int32Array;
  private readonly gramKeys: Int32Array;
  /** scratch for counting shared grams, reset after each query */
  private readonly counts: Uint8Array;
  private readonly touched: Int32Array;
  private readonly distances: Uint8Array;
  /** per key, the best (status, kind, length) rank of its records, for choosing among many matches */
  private readonly keyRank: Uint16Array;
  private readonly rankHistogram = new Int32Array(RANKS + 1);

  private readonly tuning: LookupTuning;
  /** during ranked(): concept positions to leave out (changed since this index was built) */
  private excluded: Uint8Array | undefined;

  constructor(concepts: ConceptSource, tuning: LookupTuning, packed: PackedLookupIndex) {
    this.concepts = concepts;
    this.tuning = tuning;
    this.size = packed.size;
    this.bits = packed.bits;
    this.recConcept = packed.recConcept;
    this.recTerm = packed.recTerm;
    this.recKind = packed.recKind;
    this.recStatus = packed.recStatus;
    this.kindMask = packed.kindMask;
    this.keyRecordStart = packed.keyRecordStart;
    this.keyRecords = packed.keyRecords;
    this.gramStart = packed.gramStart;
    this.gramKeys = packed.gramKeys;
    this.keyRank = packed.keyRank;
    const nKeys = packed.keyStart.length - 1;
    const keys: string[] = new Array(nKeys);
    const { keyText, keyStart } = packed;
    for (let k = 0; k < nKeys; k++) keys[k] = keyText.slice(keyStart[k], keyStart[k + 1]);
    this.keys = keys;
    this.counts = new Uint8Array(nKeys);
    this.touched = new Int32Array(nKeys);
    this.distances = new Uint8Array(nKeys);
  }

  search(query: string, limit = DEFAULT_LIMIT): LookupResult[] {
    return this.ranked(query, limit).map((r) => r.result);
  }

  /** The page for query with each result's rank, leaving out the concepts at positions marked in `excluded`. */
  ranked(query: string, limit: number, excluded?: Uint8Array): Ranked[] {
    const max = clampLimit(limit);
    const best = new Map<number, Hit>();
    this.excluded = excluded;
    try {
      for (const q of queryForms(query)) this.collect(q, max, best);
    } finally {
      this.excluded = undefined;
    }
    return [...best.values()]
      .sort(compareHits)
      .slice(0, max)
      .map((hit) => ({ hit, result: this.result(hit) }));
  }

  private offer(key: number, tier: number, fuse: number, best: Map<number, Hit>, accept?: (record: number) => boolean): void {
    const length = this.keys[key]!.length;
    for (let j = this.keyRecordStart[key]!; j < this.keyRecordStart[key + 1]!; j++) {
      // In place, without a Hit per record: prefix scans of short queries offer thousands,
      // and allocation here turns into garbage-collection pauses in the p99.
      const record = this.keyRecords[j]!;
      const concept = this.recConcept[record]!;
      if (this.excluded !== undefined && this.excluded[concept] === 1) continue;
      if (accept && !accept(record)) continue;
      const status = this.recStatus[record]!;
      const kind = this.recKind[record]!;
      const old = best.get(concept);
      if (!old) best.set(concept, { tier, fuse, status, kind, length, record });
      else if (
        (tier - old.tier || fuse - old.fuse || status - old.status || kind - old.kind || length - old.length || record - old.record) < 0
      ) {
        old.tier = tier;
        old.fuse = fuse;
        old.status = status;
        old.kind = kind;
        old.length = length;
        old.record = record;
      }
    }
  }

  /**
   * Offer the first `found` keys of this.touched at one tier — only the best-ranked of them
   * when there are many (a two-letter prefix matches thousands of keys; ranking them all in
   * full is garbage for the collector and cannot change the first page).
   */
  private offerBest(found: number, tier: number, limit: number, best: Map<number, Hit>, accept?: (record: number) => boolean): void {
    const wanted = limit * OFFER_PER_RESULT;
    let cutoff = RANKS;
    if (found > wanted) {
      const histogram = this.rankHistogram;
      histogram.fill(0);
      for (let i = 0; i < found; i++) histogram[this.keyRank[this.touched[i]!]!]!++;
      let taken = 0;
      for (cutoff = 0; cutoff < RANKS && taken < wanted; cutoff++) taken += histogram[cutoff]!;
    }
    for (let i = 0; i < found; i++) {
      const k = this.touched[i]!;
      if (this.keyRank[k]! < cutoff) this.offer(k, tier, 0, best, accept);
    }
  }

  /** Fill `best` tier by tier, stopping as soon as the page is full: later tiers only rank lower. */
  private collect(q: string, limit: number, best: Map<number, Hit>): void {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    // The first key not below q: q itself when it is a key (keys are distinct and sorted).
    const exact = keys[lo] === q ? lo : undefined;
    if (exact !== undefined) this.offer(exact, EXACT, 0, best);
    let found = 0;
    for (let k = lo; k < keys.length && k - lo < this.tuning.prefixScan; k++) {
      const key = keys[k]!;
      if (!key.startsWith(q)) break;
      if (key.length > q.length) this.touched[found++] = k;
    }
    this.offerBest(found, PREFIX, limit, best);
    if (best.size >= limit) return;

    const grams = queryGrams(q, this.bits);
    if (!grams.length) return;

    // Infix: every key holding q holds each of its grams, so the rarest gram's keys suffice.
    let rarest = grams[0]!;
    for (const g of grams) if (this.postings(g) < this.postings(rarest)) rarest = g;
    const end = Math.min(this.gramStart[rarest + 1]!, this.gramStart[rarest]! + this.tuning.infixScan);
    found = 0;
    for (let j = this.gramStart[rarest]!; j < end; j++) {
      const k = this.gramKeys[j]!;
      const key = keys[k]!;
      if (key.length > q.length && !key.startsWith(q) && this.kindMask[k]! & GRAM_KINDS && key.includes(q)) this.touched[found++] = k;
    }
    // An infix is the term's own text from a word on (Specialist Chambers, 什蒂), or whole
    // pinyin syllables from a syllable on (shidina): letters run across syllables or words
    // make junk (OTAN in luotang, KFOR in frameworkfor), which issue 17 asked lookup to stop offering.
    this.offerBest(found, INFIX, limit, best, (record) => {
      const kind = this.recKind[record];
      if (kind === KIND_RANK.initials) return false;
      const text = this.concepts.at(this.recConcept[record]!).terms[this.recTerm[record]!]!.text;
      return kind === KIND_RANK.term ? containsFromWordStart(text, q) : spellsSyllablesOf(compactKey(text), q);
    });
    if (best.size >= limit) return;

    // With an exact match the fuzzy tier only fills the page with look-alikes: a quarter of
    // the effort will do.
    this.fuzzy(q, grams, limit, best, exact === undefined ? 1 : 0.25);
  }

  private postings(g: number): number {
    return this.gramStart[g + 1]! - this.gramStart[g]!;
  }

  /**
   * Fuzzy candidates in three narrowing steps: keys sharing grams with q (counted over the
   * posting lists; the best-sharing tuning.fuzzyPool of them), then the closest of those by edit
   * distance of q to any stretch of the key (what fuse.js's score measures, computed
   * bit-parallel), then fuse.js scores the tuning.fuzzyCandidates closest. Shared-gram counts alone
   * are a poor proxy on short names (a transposition in `Gwiuhi` leaves one trigram in
   * common), so they only decide who gets measured.
   */
  private fuzzy(q: string, grams: number[], limit: number, best: Map<number, Hit>, effort: number): void {
    const poolSize = Math.ceil(this.tuning.fuzzyPool * effort);
    const counts = this.counts;
    const touched = this.touched;
    let nTouched = 0;
    let top = 0;
    // Rarest grams first, and only as many postings as tuning.fuzzyPostings allows (at least two
    // grams): common grams (a pinyin syllable shared by a fifth of the glossary) cost the
    // most and tell the least.
    const order = [...grams].sort((a, b) => this.postings(a) - this.postings(b));
    let budget = this.tuning.fuzzyPostings * effort;
    for (let i = 0; i < order.length; i++) {
      const g = order[i]!;
      const size = this.postings(g);
      if (i >= 2 && size > budget) break;
      budget -= size;
      for (let j = this.gramStart[g]!; j < this.gramStart[g + 1]!; j++) {
        const k = this.gramKeys[j]!;
        const c = counts[k]!;
        if (c === 0) touched[nTouched++] = k;
        counts[k] = c + 1;
        if (c + 1 > top) top = c + 1;
      }
    }
    // Lowest count that keeps the pool within tuning.fuzzyPool (the top count always gets in).
    const histogram = new Int32Array(top + 2);
    for (let i = 0; i < nTouched; i++) histogram[counts[touched[i]!]!]!++;
    let cutoff = top;
    let taken = histogram[top]!;
    while (cutoff > 1 && taken + histogram[cutoff - 1]! <= poolSize) {
      cutoff--;
      taken += histogram[cutoff]!;
    }
    const matcher = substringMatcher(q);
    // fuse.js rejects more than threshold × length errors; keep a margin of one.
    const allowed = Math.ceil(matcher.length * (FUSE_OPTIONS.threshold ?? 0.6)) + 1;
    const shortest = matcher.length - allowed;
    // Pooled keys within reach, bucketed by distance (counting sort in scratch arrays).
    const pooledKeys = this.touched;
    const pooledDistance = this.distances;
    let nPooled = 0;
    let scanned = 0;
    const perDistance = new Int32Array(allowed + 2);
    for (let i = 0; i < nTouched; i++) {
      const k = touched[i]!;
      if (counts[k]! >= cutoff && scanned < poolSize) {
        scanned++;
        const key = this.keys[k]!;
        // A key shorter than the query by more than `allowed` is that many edits away already.
        if (key.length >= shortest) {
          const d = matcher.distance(key);
          // Only close matches may become answers: the rest would pad the page with junk.
          if (d <= allowed && isCloseMatch(q, key)) {
            // touched[] is read ahead of this write (nPooled ≤ i), so it can hold the pool.
            pooledKeys[nPooled] = k;
            pooledDistance[nPooled++] = d;
            perDistance[d + 1]!++;
          }
        }
      }
      counts[k] = 0;
    }
    // fuse.js only needs enough to fill the page; closest first, and within the last
    // distance taken, the best-ranked keys (preferred, own text, shorter).
    const room = Math.min(this.tuning.fuzzyCandidates, Math.max(FUZZY_MIN_CANDIDATES, (limit - best.size) * 4));
    const candidates: { key: string; id: number }[] = [];
    for (let d = 0; d <= allowed && candidates.length < room; d++) {
      if (!perDistance[d + 1]) continue;
      const bucket: number[] = [];
      for (let i = 0; i < nPooled; i++) if (pooledDistance[i] === d) bucket.push(pooledKeys[i]!);
      if (candidates.length + bucket.length > room) bucket.sort((a, b) => this.keyRank[a]! - this.keyRank[b]!);
      for (const k of bucket) {
        if (candidates.length >= room) break;
        candidates.push({ key: this.keys[k]!, id: k });
      }
    }
    if (!candidates.length) return;
    const fuse = new Fuse(candidates, FUSE_OPTIONS as IFuseOptions<{ key: string; id: number }>);
    for (const r of fuse.search(q)) this.offer(r.item.id, FUZZY, r.score ?? 1, best);
  }

  private result(hit: Hit): LookupResult {
    const concept = this.concepts.at(this.recConcept[hit.record]!);
    const score = hit.tier === FUZZY ? Math.round(700 * (1 - hit.fuse)) / 1000 : TIER_SCORE[hit.tier]!;
    return lookupResult(concept, this.recTerm[hit.record]!, TIER_KIND[hit.tier]!, KIND_OF_RANK[hit.kind]!, score);
  }
}

/**
 * Build the index's data over `concepts` (linear in the total length of their keys, whatever
 * their shape): records, sorted keys, the record lists of each key and the n-gram postings.
 */
export function packLookupIndex(concepts: readonly Concept[]): PackedLookupIndex {
  // Growable typed arrays rather than number[]: their storage is outside the JS heap, so
  // a million records do not make the collector re-mark the glossary while building.
  let capacity = 1 << 16;
  let recConcept = new Int32Array(capacity);
  let recTerm = new Int32Array(capacity);
  let recKind = new Uint8Array(capacity);
  let recStatus = new Uint8Array(capacity);
  let recordKey = new Int32Array(capacity);
  let perKey = new Int32Array(capacity);
  let masks = new Uint8Array(capacity);
  let nRecords = 0;
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  visitSearchableKeys(concepts, (c, t, kind, key) => {
    if (nRecords === capacity) {
      capacity *= 2;
      recConcept = grow(recConcept, capacity);
      recTerm = grow(recTerm, capacity);
      recKind = grow(recKind, capacity);
      recStatus = grow(recStatus, capacity);
      recordKey = grow(recordKey, capacity);
      perKey = grow(perKey, capacity);
      masks = grow(masks, capacity);
    }
    let k = keyIds.get(key);
    if (k === undefined) {
      k = keys.length;
      keyIds.set(key, k);
      keys.push(key);
    }
    recConcept[nRecords] = c;
    recTerm[nRecords] = t;
    recKind[nRecords] = KIND_RANK[kind];
    recStatus[nRecords] = statusRank(concepts[c]!.terms[t]!.status);
    recordKey[nRecords] = k;
    nRecords++;
    perKey[k]!++;
    masks[k]! |= KIND_BIT[kind];
  });
  const nKeys = keys.length;

  // Key ids are positions in sorted key order, so that a prefix is a range of ids. The
  // default string sort (no comparator) is several times faster than sorting ids by key.
  const firstSeen = keys.slice();
  keys.sort();
  for (let k = 0; k < nKeys; k++) keyIds.set(keys[k]!, k);
  const renumber = new Int32Array(nKeys);
  for (let old = 0; old < nKeys; old++) renumber[old] = keyIds.get(firstSeen[old]!)!;
  const kindMask = new Uint8Array(nKeys);
  const countByNew = new Int32Array(nKeys);
  for (let old = 0; old < nKeys; old++) {
    kindMask[renumber[old]!] = masks[old]!;
    countByNew[renumber[old]!] = perKey[old]!;
  }
  for (let i = 0; i < nRecords; i++) recordKey[i] = renumber[recordKey[i]!]!;
  const keyRecordStart = new Int32Array(nKeys + 1);
  for (let k = 0; k < nKeys; k++) keyRecordStart[k + 1] = keyRecordStart[k]! + countByNew[k]!;
  const keyRecords = new Int32Array(nRecords);
  const fill = keyRecordStart.slice(0, nKeys);
  for (let i = 0; i < nRecords; i++) keyRecords[fill[recordKey[i]!]!++] = i;
  const keyRank = new Uint16Array(nKeys);
  for (let k = 0; k < nKeys; k++) {
    let rank = RANKS - 1;
    const length = Math.min(keys[k]!.length, MAX_RANKED_LENGTH);
    for (let j = keyRecordStart[k]!; j < keyRecordStart[k + 1]!; j++) {
      const r = keyRecords[j]!;
      rank = Math.min(rank, (recStatus[r]! * 3 + recKind[r]!) * (MAX_RANKED_LENGTH + 1) + length);
    }
    keyRank[k] = rank;
  }
  // Gram table sized to about four buckets per key, so that collisions stay rare.
  const bits = Math.min(22, Math.max(10, Math.ceil(Math.log2(nKeys * 4 + 1))));
  const buckets = 1 << bits;
  let longest = 0;
  for (const key of keys) longest = Math.max(longest, key.length);
  const scratch = new Int32Array(longest * 3 + 3);
  const seen = new Int32Array(buckets);
  // One pass computes every key's grams into a flat buffer; the second files them.
  const gramStart = new Int32Array(buckets + 1);
  const gramsOfKey = new Int32Array(nKeys + 1);
  let all = new Int32Array(Math.max(1024, nKeys * 8));
  let used = 0;
  for (let k = 0; k < nKeys; k++) {
    gramsOfKey[k] = used;
    if (!(kindMask[k]! & GRAM_KINDS)) continue;
    const m = keyGrams(keys[k]!, k, bits, seen, scratch);
    if (used + m > all.length) {
      const grown = new Int32Array(Math.max(all.length * 2, used + m));
      grown.set(all.subarray(0, used));
      all = grown;
    }
    for (let j = 0; j < m; j++) {
      all[used++] = scratch[j]!;
      gramStart[scratch[j]! + 1]!++;
    }
  }
  gramsOfKey[nKeys] = used;
  for (let g = 0; g < buckets; g++) gramStart[g + 1]! += gramStart[g]!;
  const gramKeys = new Int32Array(used);
  const at = gramStart.slice(0, buckets);
  for (let k = 0; k < nKeys; k++) {
    for (let j = gramsOfKey[k]!; j < gramsOfKey[k + 1]!; j++) gramKeys[at[all[j]!]!++] = k;
  }
  const keyStart = new Int32Array(nKeys + 1);
  for (let k = 0; k < nKeys; k++) keyStart[k + 1] = keyStart[k]! + keys[k]!.length;
  return {
    size: concepts.length,
    bits,
    recConcept: recConcept.slice(0, nRecords),
    recTerm: recTerm.slice(0, nRecords),
    recKind: recKind.slice(0, nRecords),
    recStatus: recStatus.slice(0, nRecords),
    keyText: keys.join(''),
    keyStart,
    kindMask,
    keyRecordStart,
    keyRecords,
    gramStart,
    gramKeys,
    keyRank,
  };
}

function arraySource(concepts: readonly Concept[]): ConceptSource {
  return { length: concepts.length, at: (i) => concepts[i]! };
}

/** The index over packed data (from packLookupIndex, in this thread or another, or from a file). */
export function lookupIndexFrom(packed: PackedLookupIndex, concepts: ConceptSource, tuning: Partial<LookupTuning> = {}): LookupIndex {
  return new Index(concepts, { ...DEFAULT_TUNING, ...tuning }, packed);
}

/** The lookup index over all concepts; built once per glossary revision (db/snapshot.ts). */
export function buildLookupIndex(concepts: readonly Concept[], tuning: Partial<LookupTuning> = {}): LookupIndex {
  return new Index(arraySource(concepts), { ...DEFAULT_TUNING, ...tuning }, packLookupIndex(concepts));
}

/**
 * An index built at an older revision brought up to date without rebuilding it: the concepts
 * changed since (edited, deleted, new) are left out of `base` (positions marked in `excluded`)
 * and searched in `delta`, an index over their current versions only, which costs
 * milliseconds to build. Both pages are ranked by the same rules and merged, so the answer
 * is the one a full rebuild gives (ties too: both order records by concept, ids ascending).
 */
export function overlayLookupIndex(base: LookupIndex, excluded: Uint8Array, delta: LookupIndex): LookupIndex {
  if (!(base instanceof Index) || !(delta instanceof Index)) throw new Error('overlayLookupIndex takes indexes of this module');
  let removed = 0;
  for (const e of excluded) removed += e;
  return {
    size: base.size - removed + delta.size,
    search(query, limit = DEFAULT_LIMIT) {
      const max = clampLimit(limit);
      const merged = [...base.ranked(query, max, excluded), ...delta.ranked(query, max)];
      // Records are numbered in concept order, ids ascending: on a full tie the lower id first, as in one index.
      merged.sort((a, b) => compareHits({ ...a.hit, record: a.result.id }, { ...b.hit, record: b.result.id }));
      return merged.slice(0, max).map((r) => r.result);
    },
  };
}
