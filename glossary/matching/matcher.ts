import { compareStatus } from '../concept/concept.ts';
import type { Concept, Term } from '../concept/types.ts';
import { isHanUnit } from '../text/chars.ts';
import { CJK_CLASS, fold, foldTables, MARK_CLASS, WHITE_CLASS } from '../text/fold.ts';
import { IGNORABLE_RUN, isIgnorableUnit } from '../text/invisible.ts';

/**
 * The multi-pattern matcher behind highlighting, QA and extraction (PRODUCT.md, "Matching
 * semantics"; design note in docs/matcher.md).
 *
 * All folded terms go into one double-array trie over a dense alphabet (only the units that
 * occur in some folded term get a code; every other unit maps to 0 and ends a walk at once).
 * A document is folded into a reused Uint16Array of alphabet codes in one pass, keeping the
 * original offset of every folded unit; then, at each position, the trie is walked as far as
 * the text allows and the longest term that ends on a word boundary wins (leftmost-longest,
 * non-overlapping). With names as patterns a walk rarely goes past two or three units, so the
 * cost is a few typed-array reads per character.
 */

export interface MatchCandidate {
  conceptId: number;
  term: Term;
}

export interface TermMatch {
  /** UTF-16 offsets in the ORIGINAL text, as slice() takes them */
  start: number;
  end: number;
  conceptId: number;
  term: Term;
  /**
   * Other concepts/terms whose folded form is the same text (e.g. a zh-CN and a zh-TW term
   * that fold alike, or two concepts sharing a name). Absent when the match is unambiguous.
   */
  alternatives?: readonly MatchCandidate[];
}

export interface Matcher {
  match(text: string): TermMatch[];
  readonly termCount: number;
}

/** Units that make up Latin-like words: a term edge on one of these needs a word boundary. */
let wordTable: Uint8Array | undefined;
function wordUnits(): Uint8Array {
  if (wordTable) return wordTable;
  const { fold: FOLD_TABLE, cls: CLASS_TABLE } = foldTables();
  const table = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{N}\p{M}]/u;
  for (let u = 0; u < 0x10000; u++) {
    if (u >= 0xd800 && u <= 0xdfff) continue;
    const f = FOLD_TABLE[u]!;
    if (CLASS_TABLE[f] === CJK_CLASS || CLASS_TABLE[u] === CJK_CLASS) continue;
    if (
      letter.test(String.fromCharCode(f)) &&
      !isHanUnit(f) &&
      !/\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(String.fromCharCode(f))
    )
      table[u] = 1;
  }
  wordTable = table;
  return table;
}

/** Is the raw unit a word unit (after folding)? For callers that check boundaries themselves. */
export function isWordUnit(code: number): boolean {
  return wordUnits()[code] === 1;
}

const STATUS_BY_PRIORITY = (a: MatchCandidate, b: MatchCandidate): number =>
  compareStatus(a.term.status, b.term.status) || a.conceptId - b.conceptId || a.term.id - b.term.id;

/** the form as written, for telling apart terms that fold alike: white space and invisible characters do not count */
const stripWhite = (s: string): string => s.replace(/\s+/g, '').replace(IGNORABLE_RUN, '');

class DoubleArrayMatcher implements Matcher {
  readonly termCount: number;
  /** the fold module's class table (WHITE_CLASS, CJK_CLASS, MARK_CLASS or 0 per unit) */
  private readonly cls: Readonly<Uint8Array>;
  /** raw UTF-16 unit → alphabet code of its folded form (0: in no term) */
  private readonly code: Uint16Array;
  private readonly spaceCode: number;
  /** per alphabet code: 1 when the unit is a word unit (a term starting with it needs a boundary before) */
  private readonly wordCode: Uint8Array;
  private readonly word: Uint8Array;
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  /** per trie node: key index + 1 when a folded term ends here, else 0 */
  private readonly out: Int32Array;
  /** per key: 1 when its last unit is a word unit (needs a boundary after) */
  private readonly endBoundary: Uint8Array;
  /** per key: candidates in priority order */
  private readonly entries: MatchCandidate[][];
  /**
   * The unambiguous case, flat: most keys have one candidate, and reading it from two dense
   * arrays instead of nested lists halves the cache misses per match (resolve dominated the
   * time of a whole pass before).
   */
  private readonly soleConcept: Int32Array;
  /** scratch for match(): start, end, key per match (reused; grows as needed) */
  private spans = new Int32Array(3 * 1024);
  private readonly soleTerm: (Term | undefined)[];
  /** per key, per candidate: its text without white space, to recognise the form written */
  private readonly written: string[][];
  /**
   * per shared key, per chosen candidate: the other candidates, built on first use and kept
   * (never per match; not up front either, as a name shared by k concepts would cost k² at build)
   */
  private readonly others = new Map<number, (readonly MatchCandidate[] | undefined)[]>();

  constructor(concepts: readonly Concept[]) {
    const word = wordUnits();
    this.word = word;
    // 1. Fold every term; group terms with the same folded text under one key.
    const keyIndex = new Map<string, number>();
    const keys: string[] = [];
    const entries: MatchCandidate[][] = [];
    let termCount = 0;
    for (const concept of concepts) {
      for (const term of concept.terms) {
        const key = fold(term.text);
        if (!key) continue;
        termCount++;
        let k = keyIndex.get(key);
        if (k === undefined) {
          k = keys.length;
          keyIndex.set(key, k);
          keys.push(key);
          entries.push([]);
        }
        entries[k]!.push({ conceptId: concept.id, term });
      }
    }
    for (const list of entries) if (list.length > 1) list.sort(STATUS_BY_PRIORITY);
    this.entries = entries;
    // Candidates written the same (科索沃 in zh-CN and zh-HK) need no comparison at match time.
    this.written = entries.map((list) => {
      if (list.length < 2) return [];
      const forms = list.map((e) => stripWhite(e.term.text));
      return forms.every((f) => f === forms[0]) ? [] : forms;
    });
    this.soleConcept = new Int32Array(entries.length);
    this.soleTerm = entries.map((list, k) => {
      if (list.length !== 1) return undefined;
      this.soleConcept[k] = list[0]!.conceptId;
      return list[0]!.term;
    });
    this.termCount = termCount;

    // 2. Dense alphabet, most frequent units first so that the double array packs tightly.
    const freq = new Int32Array(0x10000);
    let totalUnits = 0;
    for (const key of keys) {
      for (let i = 0; i < key.length; i++) freq[key.charCodeAt(i)]!++;
      totalUnits += key.length;
    }
    const alphabet: number[] = [];
    for (let u = 0; u < 0x10000; u++) if (freq[u]! > 0) alphabet.push(u);
    alphabet.sort((a, b) => freq[b]! - freq[a]! || a - b);
    const alpha = new Uint16Array(0x10000);
    alphabet.forEach((u, i) => {
      alpha[u] = i + 1;
    });
    const code = new Uint16Array(0x10000);
    const { fold: foldTable, cls } = foldTables();
    this.cls = cls;
    for (let u = 0; u < 0x10000; u++) code[u] = alpha[foldTable[u]!]!;
    this.code = code;
    this.spaceCode = alpha[0x20]!;
    const wordCode = new Uint8Array(alphabet.length + 1);
    alphabet.forEach((u, i) => {
      wordCode[i + 1] = word[u]!;
    });
    this.wordCode = wordCode;
    this.endBoundary = new Uint8Array(keys.length);
    keys.forEach((key, i) => {
      this.endBoundary[i] = word[key.charCodeAt(key.length - 1)]!;
    });

    // 3. Double array, built from the keys in sorted order. Plain string order (the native
    // sort, no comparator) groups keys by prefix just as code order would, which is all the
    // construction needs; the codes go into one flat array rather than a typed array per key.
    const sorted = keys.slice().sort();
    const order = new Int32Array(keys.length);
    const start = new Int32Array(keys.length + 1);
    const codes = new Uint16Array(totalUnits);
    let at = 0;
    for (let r = 0; r < sorted.length; r++) {
      const key = sorted[r]!;
      order[r] = keyIndex.get(key)!;
      start[r] = at;
      for (let i = 0; i < key.length; i++) codes[at++] = alpha[key.charCodeAt(i)]!;
    }
    start[sorted.length] = at;
    const built = buildDoubleArray({ codes, start, ids: order }, alphabet.length);
    this.base = built.base;
    this.check = built.check;
    this.out = built.out;
  }

  match(text: string): TermMatch[] {
    const found = this.scan(text, 0, undefined, Number.MAX_SAFE_INTEGER);
    const spans = this.spans;
    const result: TermMatch[] = new Array(found);
    for (let f = 0; f < found; f++) result[f] = this.resolve(spans[f * 3 + 2]!, text, spans[f * 3]!, spans[f * 3 + 1]!);
    return result;
  }

  /** the match next() found last: text[nextStart, nextEnd) is key nextKey */
  get nextStart(): number {
    return this.spans[0]!;
  }
  get nextEnd(): number {
    return this.spans[1]!;
  }
  get nextKey(): number {
    return this.spans[2]!;
  }

  /**
   * The leftmost-longest match starting at `from` or later (read it from nextStart, nextEnd,
   * nextKey), or false. Keys marked 0 in `alive` are not terms (see overlayMatcher).
   */
  next(text: string, from: number, alive: Uint8Array | undefined): boolean {
    return this.scan(text, from, alive, 1) === 1;
  }

  /**
   * Leftmost-longest, non-overlapping matches from `from` on, at most `max`, recorded as
   * (start, end, key) triples in this.spans; returns how many. The walk only records spans
   * in a typed buffer; match objects are built in a second tight loop (match()). Keeping
   * allocation out of the walk keeps it fast and lets the garbage collector see one burst of
   * short-lived objects instead of a trickle across the pass.
   */
  private scan(text: string, from: number, alive: Uint8Array | undefined, max: number): number {
    // Folding happens inside the walk (table reads per unit) rather than in a first pass:
    // that pass would write a code and an offset for every unit of the document, which
    // costs more than the walks themselves. Offsets are then simply the original indices.
    const { code, base, check, out, wordCode, word, endBoundary } = this;
    const cls = this.cls;
    // Module-local constants: imported bindings cost a check on every read in the loop.
    const WHITE = WHITE_CLASS;
    const CJK = CJK_CLASS;
    const MARK = MARK_CLASS;
    const space = this.spaceCode;
    const rootBase = base[0]!;
    const n = text.length;
    let spans = this.spans;
    let found = 0;
    let i = from;
    while (i < n) {
      const c0 = code[text.charCodeAt(i)]!;
      // c0 === 0: the unit starts no term; white space never does either (terms are trimmed).
      if (c0 === 0) {
        i++;
        continue;
      }
      let s = rootBase + c0;
      if (check[s] !== 0) {
        i++;
        continue;
      }
      // A term that starts with a word unit needs a word boundary before it (judged on the
      // unit before any combining marks, which fold away).
      if (wordCode[c0] === 1 && i > 0) {
        let p = i - 1;
        while (p >= 0 && cls[text.charCodeAt(p)] === MARK) p--;
        if (p >= 0 && word[text.charCodeAt(p)] === 1) {
          i++;
          continue;
        }
      }
      let best = 0;
      let bestEnd = 0;
      let j = i + 1;
      // Combining diacritics fold away (decomposed Thac\u0327i = Thaçi); a match ending on a
      // letter takes its marks along.
      while (j < n && cls[text.charCodeAt(j)] === MARK) j++;
      let k = out[s]!;
      if (k !== 0 && (alive === undefined || alive[k - 1] === 1) && (endBoundary[k - 1] === 0 || word[text.charCodeAt(j)] !== 1)) {
        best = k;
        bestEnd = j;
      }
      while (j < n) {
        const u = text.charCodeAt(j);
        if (cls[u] === WHITE) {
          // Same rule as foldWithOffsets: a white-space run between two CJK units is dropped,
          // any other run is one space (which no term starts or ends with).
          let r = j + 1;
          while (r < n && cls[text.charCodeAt(r)] === WHITE) r++;
          if (!(r < n && cls[text.charCodeAt(j - 1)] === CJK && cls[text.charCodeAt(r)] === CJK)) {
            const t = base[s]! + space;
            if (space === 0 || check[t] !== s) break;
            s = t;
          }
          j = r;
          continue;
        }
        if (cls[u] === MARK) {
          j++;
          continue;
        }
        const t = base[s]! + code[u]!;
        if (check[t] !== s) break;
        s = t;
        j++;
        while (j < n && cls[text.charCodeAt(j)] === MARK) j++;
        k = out[s]!;
        if (k !== 0 && (alive === undefined || alive[k - 1] === 1) && (endBoundary[k - 1] === 0 || word[text.charCodeAt(j)] !== 1)) {
          best = k;
          bestEnd = j;
        }
      }
      if (best === 0) {
        i++;
        continue;
      }
      if (found * 3 + 3 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
        this.spans = grown;
      }
      spans[found * 3] = i;
      spans[found * 3 + 1] = bestEnd;
      spans[found * 3 + 2] = best - 1;
      found++;
      if (found >= max) break;
      i = bestEnd;
    }
    return found;
  }

  /** The match of key `key` at text[start, end), resolved as match() resolves it. */
  matchOf(key: number, text: string, start: number, end: number): TermMatch {
    return this.resolve(key, text, start, end);
  }

  /** The key of a folded term, or -1 (a walk down the trie). */
  keyOf(folded: string): number {
    const { code, base, check, out } = this;
    let s = 0;
    for (let i = 0; i < folded.length; i++) {
      const c = code[folded.charCodeAt(i)]!;
      // The alphabet maps folded units to themselves' codes (fold is idempotent on folded text).
      if (c === 0) return -1;
      const t = base[s]! + c;
      if (t < 0 || t >= check.length || check[t] !== s) return -1;
      s = t;
    }
    return s === 0 ? -1 : out[s]! - 1;
  }

  /** number of distinct folded keys */
  get keyCount(): number {
    return this.entries.length;
  }

  /** the candidates of key k, in priority order */
  candidates(k: number): readonly MatchCandidate[] {
    return this.entries[k]!;
  }

  /**
   * Pick among terms with the same folded form: the one written exactly so, else by status,
   * concept, term. Many keys are shared (a zh-CN and a zh-TW form often fold alike), so this
   * runs for a large share of matches: it compares in place and allocates nothing but the result.
   */
  private resolve(key: number, text: string, start: number, end: number): TermMatch {
    const sole = this.soleTerm[key];
    // Same object shape in both branches (alternatives present, maybe undefined): one hidden
    // class keeps the consumers' property reads monomorphic.
    if (sole !== undefined) return { start, end, conceptId: this.soleConcept[key]!, term: sole, alternatives: undefined };
    const list = this.entries[key]!;
    const written = this.written[key]!;
    let chosen = 0;
    for (let x = 0; x < written.length; x++) {
      if (spanEquals(text, start, end, written[x]!)) {
        chosen = x;
        break;
      }
    }
    const e = list[chosen]!;
    return { start, end, conceptId: e.conceptId, term: e.term, alternatives: this.othersOf(key, chosen) };
  }

  private othersOf(key: number, chosen: number): readonly MatchCandidate[] {
    let perChoice = this.others.get(key);
    if (!perChoice) {
      perChoice = [];
      this.others.set(key, perChoice);
    }
    let list = perChoice[chosen];
    if (!list) {
      const all = this.entries[key]!;
      list = all.filter((_, y) => y !== chosen);
      perChoice[chosen] = list;
    }
    return list;
  }
}

/** text[start, end) with white space and invisible characters left out equals `written` (which has none). */
function spanEquals(text: string, start: number, end: number, written: string): boolean {
  const cls = foldTables().cls;
  let w = 0;
  for (let i = start; i < end; i++) {
    const u = text.charCodeAt(i);
    if (cls[u] === WHITE_CLASS || isIgnorableUnit(u)) continue;
    if (w >= written.length || written.charCodeAt(w) !== u) return false;
    w++;
  }
  return w === written.length;
}

/** Keys in sorted order as alphabet codes: key r is codes[start[r] .. start[r+1]), with key id ids[r]. */
interface SortedKeys {
  codes: Uint16Array;
  start: Int32Array;
  ids: Int32Array;
}

/** Candidate cells tried for one node before it goes to the free area at the end. */
const MAX_TRIES = 32;
/** A free cell rejected this often as a first child's cell stops being offered as one. */
const MAX_FAILS = 8;

/**
 * Darts-style construction: for each node, the children's codes are placed at base + code
 * where all those cells are free; `check` records the parent. Keys are sorted and distinct,
 * so the children of a node are contiguous runs of keys (in any order of codes: the lowest and
 * highest child code bound the search). An explicit stack of typed cells keeps long terms
 * from overflowing the call stack and a million tries from allocating a tuple per node.
 *
 * Linear on any input: the search for a base walks a linked list of free cells (never the
 * occupied ones), tries at most MAX_TRIES of them, and drops cells that keep failing from
 * the list (cedar's rejection count). Scanning the array from a "next check position" as
 * darts does is quadratic when holes that fit no node pile up — 800,000 catalogue codes
 * (`SN0`, `SN1`, … fanning out into ten digits) took minutes.
 */
function buildDoubleArray(keys: SortedKeys, alphabetSize: number) {
  const { codes, start, ids } = keys;
  const nKeys = ids.length;
  let size = Math.max(1024, nKeys * 4 + alphabetSize + 2);
  let base = new Int32Array(size);
  let check = new Int32Array(size).fill(-1);
  let out = new Int32Array(size);
  // Free cells below `frontier`, in a doubly linked list with cell 0 (the root, never free)
  // as its sentinel; every cell from `frontier` on is free and not listed yet.
  let next = new Int32Array(size);
  let prev = new Int32Array(size);
  let listed = new Uint8Array(size);
  let fails = new Uint8Array(size);
  check[0] = -2; // the root's cell is never free
  const grow = (need: number) => {
    if (need < size) return;
    let n = size;
    while (n <= need) n *= 2;
    base = resized(base, n, 0);
    check = resized(check, n, -1);
    out = resized(out, n, 0);
    next = resized(next, n, 0);
    prev = resized(prev, n, 0);
    listed = resized(listed, n, 0);
    fails = resized(fails, n, 0);
    size = n;
  };
  const unlink = (x: number) => {
    next[prev[x]!] = next[x]!;
    prev[next[x]!] = prev[x]!;
    listed[x] = 0;
  };
  let frontier = 1;
  let maxUsed = 0;
  // Pending nodes, four cells each: node, first key, end key, depth.
  let stack = new Int32Array(4 * 1024);
  let top = 0;
  const push = (node: number, lo: number, hi: number, depth: number) => {
    if (top + 4 > stack.length) stack = resized(stack, stack.length * 2, 0);
    stack[top] = node;
    stack[top + 1] = lo;
    stack[top + 2] = hi;
    stack[top + 3] = depth;
    top += 4;
  };
  push(0, 0, nKeys, 0);
  const childCodes: number[] = [];
  const childLo: number[] = [];
  while (top > 0) {
    top -= 4;
    const node = stack[top]!;
    let lo = stack[top + 1]!;
    const hi = stack[top + 2]!;
    const depth = stack[top + 3]!;
    if (lo < hi && start[lo + 1]! - start[lo]! === depth) {
      out[node] = ids[lo]! + 1;
      lo++;
    }
    if (lo >= hi) continue;
    childCodes.length = 0;
    childLo.length = 0;
    let first = 0x10000;
    let last = 0;
    for (let i = lo; i < hi; i++) {
      const c = codes[start[i]! + depth]!;
      if (childCodes.length === 0 || childCodes[childCodes.length - 1] !== c) {
        childCodes.push(c);
        childLo.push(i);
        if (c < first) first = c;
        if (c > last) last = c;
      }
    }
    // A base may be zero or negative (a free cell below the lowest code): walks then read
    // check[] outside the array or at the root, which never names this node as parent.
    let b = frontier - first;
    let tries = 0;
    for (let p = next[0]!; p !== 0 && tries < MAX_TRIES; tries++) {
      const following = next[p]!;
      const candidate = p - first;
      grow(candidate + last + 1);
      let ok = true;
      for (let i = 0; i < childCodes.length; i++) {
        const c = childCodes[i]!;
        if (c !== first && check[candidate + c] !== -1) {
          ok = false;
          break;
        }
      }
      if (ok) {
        b = candidate;
        break;
      }
      if (++fails[p]! >= MAX_FAILS) unlink(p);
      p = following;
    }
    grow(b + last + 1);
    base[node] = b;
    for (const c of childCodes) {
      const x = b + c;
      if (x >= frontier) {
        // Newly reached cells between the old frontier and this one join the free list.
        for (let y = frontier; y < x; y++) {
          const tail = prev[0]!;
          next[tail] = y;
          prev[y] = tail;
          next[y] = 0;
          prev[0] = y;
          listed[y] = 1;
        }
        frontier = x + 1;
      } else if (listed[x] === 1) unlink(x);
      check[x] = node;
    }
    maxUsed = Math.max(maxUsed, b + last);
    for (let i = childCodes.length - 1; i >= 0; i--) {
      const clo = childLo[i]!;
      const chi = i + 1 < childLo.length ? childLo[i + 1]! : hi;
      push(b + childCodes[i]!, clo, chi, depth + 1);
    }
  }
  // Trim, leaving room for base + any code so that walks never read past the end.
  const length = maxUsed + alphabetSize + 2;
  const finalCheck = new Int32Array(length).fill(-1);
  finalCheck.set(check.subarray(0, Math.min(length, size)));
  finalCheck[0] = -2;
  return {
    base: padded(base, length),
    check: finalCheck,
    out: padded(out, length),
  };
}

function resized<T extends Int32Array | Uint8Array>(a: T, length: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  if (fill !== 0) b.fill(fill);
  b.set(a);
  return b;
}

function padded(a: Int32Array, length: number): Int32Array {
  const p = new Int32Array(length);
  p.set(a.subarray(0, Math.min(a.length, length)));
  return p;
}

export function buildMatcher(concepts: readonly Concept[]): Matcher {
  return new DoubleArrayMatcher(concepts);
}

/**
 * A matcher built at an older revision brought up to date without rebuilding it (db/snapshot.ts):
 * the concepts in `changed` (edited, deleted or new since) are taken out of `base` — keys that
 * only they held stop being terms, shared keys drop them from their candidates — and matched
 * by `delta`, a matcher over their current versions only (milliseconds to build). The two are
 * merged leftmost-longest: at each step the earlier start wins, then the longer match, and a
 * side whose next match was overtaken looks again from where the chosen one ends, so the
 * result is the one a single matcher over both would give. `oldConcepts` are the changed
 * concepts as `base` saw them (to find their keys).
 */
export function overlayMatcher(base: Matcher, oldConcepts: readonly Concept[], changed: ReadonlySet<number>, delta: Matcher): Matcher {
  if (!(base instanceof DoubleArrayMatcher) || !(delta instanceof DoubleArrayMatcher)) {
    throw new Error('overlayMatcher takes matchers of this module');
  }
  const alive = new Uint8Array(base.keyCount).fill(1);
  for (const c of oldConcepts) {
    for (const t of c.terms) {
      const k = base.keyOf(fold(t.text));
      // A key stays a term while some concept that did not change still holds it.
      if (k >= 0 && base.candidates(k).every((e) => changed.has(e.conceptId))) alive[k] = 0;
    }
  }
  const fromBase = (text: string): TermMatch => {
    const m = base.matchOf(base.nextKey, text, base.nextStart, base.nextEnd);
    if (!changed.has(m.conceptId) && !m.alternatives?.some((a) => changed.has(a.conceptId))) return m;
    const kept = [{ conceptId: m.conceptId, term: m.term }, ...(m.alternatives ?? [])].filter((e) => !changed.has(e.conceptId));
    return {
      start: m.start,
      end: m.end,
      conceptId: kept[0]!.conceptId,
      term: kept[0]!.term,
      alternatives: kept.length > 1 ? kept.slice(1) : undefined,
    };
  };
  const fromDelta = (text: string): TermMatch => delta.matchOf(delta.nextKey, text, delta.nextStart, delta.nextEnd);
  // The base's terms less the changed concepts' old ones (counted as the build counts them), plus the delta's.
  let termCount = base.termCount + delta.termCount;
  for (const c of oldConcepts) for (const t of c.terms) if (fold(t.text)) termCount--;
  return {
    termCount,
    match(text) {
      const result: TermMatch[] = [];
      let pos = 0;
      let a = base.next(text, 0, alive);
      let aStart = base.nextStart;
      let aEnd = base.nextEnd;
      let d = delta.next(text, 0, undefined);
      let dStart = delta.nextStart;
      let dEnd = delta.nextEnd;
      while (a || d) {
        const takeBase = a && (!d || aStart < dStart || (aStart === dStart && aEnd >= dEnd));
        const both = a && d && aStart === dStart && aEnd === dEnd;
        let m: TermMatch;
        if (both) {
          // The same span in both: one match, its candidates from both, in priority order.
          const x = fromBase(text);
          const y = fromDelta(text);
          const all = [x, ...(x.alternatives ?? []), y, ...(y.alternatives ?? [])].map((e) => ({ conceptId: e.conceptId, term: e.term }));
          all.sort(STATUS_BY_PRIORITY);
          m = { start: x.start, end: x.end, conceptId: all[0]!.conceptId, term: all[0]!.term, alternatives: all.slice(1) };
        } else m = takeBase ? fromBase(text) : fromDelta(text);
        result.push(m);
        pos = m.end;
        if (a && aStart < pos) {
          a = base.next(text, pos, alive);
          aStart = base.nextStart;
          aEnd = base.nextEnd;
        }
        if (d && dStart < pos) {
          d = delta.next(text, pos, undefined);
          dStart = delta.nextStart;
          dEnd = delta.nextEnd;
        }
      }
      return result;
    },
  };
}
