/**
 * The lexical side of a bead's cost: each sentence is a set of keys (interned ids) that a
 * translation can share — numbers, symbols, glossary concepts, English stems, and for a
 * Chinese sentence the stems its dictionary words and names translate to. A pair's evidence
 * is the weight of the keys both hold; a key's weight is its inverse document frequency on
 * the side that is counted (the English side, or the target between two Latin-script
 * texts), so "the" weighs little and "Pristina" much.
 *
 * A bead's similarity is a Dice coefficient, 2·shared / (mass of its source sentences + mass
 * of its target sentences). A sentence's mass is the weight of its keys, except on a
 * Chinese side translated through the dictionary, whose keys are all the glosses of its
 * words: there the mass is the English mass its length predicts (κ·characters).
 */

export interface LexicalIndex {
  src: Int32Array[];
  tgt: Int32Array[];
  /** weight of each key id */
  weight: Float64Array;
  srcMass: Float64Array;
  tgtMass: Float64Array;
}

/**
 * Keys interned once per document pair: each distinct string gets a small integer, so every
 * later step (indexes, learning, a second index with learned keys) works on typed arrays.
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  }
  get size(): number {
    return this.names.length;
  }
}

export interface LexicalSide {
  /** distinct key ids (of one KeyTable) per sentence */
  keys: readonly Int32Array[];
  /** characters per sentence, for a side whose mass comes from its length */
  lengths?: readonly number[];
}

/**
 * Index both sides' keys (ids below `keyCount`); keys one side lacks are dropped (they can
 * never be shared) but still count in that side's mass when they are strong anchors
 * (`strong[id]`): an unmatched number is evidence against a pair.
 */
export function buildLexicalIndex(
  src: LexicalSide,
  tgt: LexicalSide,
  countOnTarget: boolean,
  strong: Uint8Array,
  keyCount: number,
): LexicalIndex {
  const mark = (side: LexicalSide) => {
    const on = new Uint8Array(keyCount);
    for (const ks of side.keys) for (let x = 0; x < ks.length; x++) on[ks[x]!] = 1;
    return on;
  };
  const onSrc = mark(src);
  const onTgt = mark(tgt);
  // Compact ids for the keys both sides hold.
  const compact = new Int32Array(keyCount).fill(-1);
  let size = 0;
  for (let k = 0; k < keyCount; k++) if (onSrc[k] && onTgt[k]) compact[k] = size++;
  const build = (side: LexicalSide) =>
    side.keys.map((keys) => {
      let count = 0;
      for (let x = 0; x < keys.length; x++) if (compact[keys[x]!]! >= 0) count++;
      const out = new Int32Array(count);
      count = 0;
      for (let x = 0; x < keys.length; x++) if (compact[keys[x]!]! >= 0) out[count++] = compact[keys[x]!]!;
      return out.sort();
    });
  const s = build(src);
  const t = build(tgt);
  const counted = countOnTarget ? t : s;
  const df = new Float64Array(size);
  for (const ks of counted) for (let x = 0; x < ks.length; x++) df[ks[x]!]!++;
  const weight = new Float64Array(size);
  const n = Math.max(1, counted.length);
  for (let k = 0; k < size; k++) weight[k] = df[k]! > 0 ? Math.log(n / df[k]!) + 0.1 : 0;
  // Unshared strong keys weigh as a key seen once.
  const lonely = Math.log(n) + 0.1;
  const mass = (side: LexicalSide, interned: Int32Array[]) =>
    Float64Array.from(interned, (ks, i) => {
      let m = 0;
      const all = side.keys[i]!;
      for (let x = 0; x < all.length; x++) if (compact[all[x]!]! < 0 && strong[all[x]!]) m += lonely;
      for (let x = 0; x < ks.length; x++) m += weight[ks[x]!]!;
      return m;
    });
  let srcMass = mass(src, s);
  let tgtMass = mass(tgt, t);
  const byLength = (lengths: readonly number[], reference: Float64Array) => {
    const total = reference.reduce((a, b) => a + b, 0);
    const chars = lengths.reduce((a, b) => a + b, 0);
    const kappa = chars > 0 ? total / chars : 0;
    return Float64Array.from(lengths, (l) => kappa * l);
  };
  if (src.lengths) srcMass = byLength(src.lengths, tgtMass);
  else if (tgt.lengths) tgtMass = byLength(tgt.lengths, srcMass);
  return { src: s, tgt: t, weight, srcMass, tgtMass };
}

/**
 * Shared weight of source sentence `s` with each target sentence in [from, to): the source's
 * keys are stamped once, then each target's keys are looked up (linear in their sizes).
 */
export class PairScorer {
  private readonly mark: Float64Array;
  private readonly stamp: Int32Array;
  private current = 0;
  constructor(private readonly index: LexicalIndex) {
    this.mark = new Float64Array(index.weight.length);
    this.stamp = new Int32Array(index.weight.length);
  }

  row(s: number, from: number, to: number, out: Float64Array): void {
    const stamp = ++this.current;
    const keys = this.index.src[s]!;
    for (let x = 0; x < keys.length; x++) {
      this.stamp[keys[x]!] = stamp;
      this.mark[keys[x]!] = this.index.weight[keys[x]!]!;
    }
    for (let t = from; t < to; t++) {
      const ks = this.index.tgt[t]!;
      let sum = 0;
      for (let x = 0; x < ks.length; x++) if (this.stamp[ks[x]!] === stamp) sum += this.mark[ks[x]!]!;
      out[t - from] = sum;
    }
  }
}

/**
 * Confident anchors over the whole document, before any search: pairs of sentences that
 * share rare keys (at most `rare` sentences on either side hold them), each sentence's best
 * partner kept when the partner's best is that sentence too, then the heaviest chain of
 * such pairs increasing on both sides (a weighted longest increasing subsequence, n·log n).
 * The chain is where the search's band is centred: it cannot drift off a diagonal it never
 * had to guess.
 *
 * Over a whole book few keys are rare (a name recurs in hundreds of verses), so the chain is
 * then refined as Bertalign refines its first pass: between two consecutive anchors the same
 * search runs again on that stretch alone, where "rare" means rare within the stretch, and so
 * on until no stretch gains an anchor. A chance pair can no longer come from far away, and
 * the band follows the text's own pace between anchors instead of a straight line.
 */
export function anchorChain(index: LexicalIndex, rare = 4): [number, number][] {
  const n = index.src.length;
  const m = index.tgt.length;
  const finder = new SegmentAnchors(index, rare);
  let chain = dropOutliers(finder.find(0, n, 0, m, 2), n, m);
  for (let level = 0; level < 8; level++) {
    const refined: [number, number][] = [];
    let added = 0;
    const ends: [number, number][] = [[-1, -1], ...chain, [n, m]];
    for (let k = 0; k + 1 < ends.length; k++) {
      const [s0, t0] = ends[k]!;
      const [s1, t1] = ends[k + 1]!;
      if (k > 0) refined.push([s0, t0]);
      // A stretch of a few sentences is left to the search.
      if (s1 - s0 <= MIN_STRETCH || t1 - t0 <= MIN_STRETCH) continue;
      const inner = finder.find(s0 + 1, s1, t0 + 1, t1);
      const kept = inner.length ? dropOutliers(inner, s1 - s0 - 1, t1 - t0 - 1, s0 + 1, t0 + 1) : inner;
      refined.push(...kept);
      added += kept.length;
    }
    chain = refined;
    if (added === 0) break;
  }
  return chain;
}

/** Stretches between anchors at most this long (on either side) are not searched for more. */
const MIN_STRETCH = 6;

/** The anchor search of `anchorChain` over one rectangle of the document, with its scratch arrays. */
class SegmentAnchors {
  private readonly cs: Int32Array;
  private readonly ct: Int32Array;
  private readonly start: Int32Array;
  private readonly fill: Int32Array;
  private readonly acc: Float64Array;
  private readonly shared: Int32Array;
  private postings = new Int32Array(0);
  constructor(
    private readonly index: LexicalIndex,
    private readonly rare: number,
  ) {
    const keys = index.weight.length;
    this.cs = new Int32Array(keys);
    this.ct = new Int32Array(keys);
    this.start = new Int32Array(keys);
    this.fill = new Int32Array(keys);
    this.acc = new Float64Array(index.tgt.length);
    this.shared = new Int32Array(index.tgt.length);
  }

  /** The heaviest chain of mutual best pairs on keys rare within source [s0, s1) × target [t0, t1). */
  find(s0: number, s1: number, t0: number, t1: number, minShared = 1): [number, number][] {
    const { src, tgt, weight } = this.index;
    const { cs, ct, start, fill, acc, rare } = this;
    for (let s = s0; s < s1; s++) for (const k of src[s]!) cs[k]!++;
    for (let t = t0; t < t1; t++) for (const k of tgt[t]!) ct[k]!++;
    // A Chinese side's keys are projected through a dictionary and so more frequent: its limit is looser.
    const isRare = (k: number) => ct[k]! <= 3 * rare && cs[k]! <= 3 * rare && Math.min(ct[k]!, cs[k]!) <= rare && cs[k]! > 0;
    // Postings of the rare keys over the stretch's target sentences, packed (offsets per key).
    let total = 0;
    for (let t = t0; t < t1; t++)
      for (const k of tgt[t]!)
        if (fill[k] === 0 && isRare(k)) {
          start[k] = total;
          total += ct[k]!;
          fill[k] = -1;
        }
    if (this.postings.length < total) this.postings = new Int32Array(Math.max(total, 2 * this.postings.length));
    const postings = this.postings;
    for (let t = t0; t < t1; t++)
      for (const k of tgt[t]!)
        if (fill[k]! < 0 || fill[k]! > 0) {
          if (fill[k]! < 0) fill[k] = 0;
          postings[start[k]! + fill[k]!] = t;
          fill[k]!++;
        }
    const w = t1 - t0;
    const bestSrc = new Int32Array(s1 - s0).fill(-1);
    const bestSrcScore = new Float64Array(s1 - s0);
    const bestTgt = new Int32Array(w).fill(-1);
    const bestTgtScore = new Float64Array(w);
    const touched: number[] = [];
    const shared = this.shared;
    for (let s = s0; s < s1; s++) {
      for (const k of src[s]!) {
        const f = fill[k]!;
        if (f <= 0) continue;
        const from = start[k]!;
        for (let x = from; x < from + f; x++) {
          const t = postings[x]!;
          if (acc[t] === 0) touched.push(t);
          acc[t]! += weight[k]!;
          shared[t]!++;
        }
      }
      for (const t of touched) {
        const v = acc[t]!;
        acc[t] = 0;
        const enough = shared[t]! >= minShared;
        shared[t] = 0;
        if (!enough) continue;
        if (v > bestSrcScore[s - s0]!) {
          bestSrcScore[s - s0] = v;
          bestSrc[s - s0] = t;
        }
        if (v > bestTgtScore[t - t0]!) {
          bestTgtScore[t - t0] = v;
          bestTgt[t - t0] = s;
        }
      }
      touched.length = 0;
    }
    // The scratch counts are cleared over the keys the stretch touched.
    for (let s = s0; s < s1; s++) for (const k of src[s]!) cs[k] = 0;
    for (let t = t0; t < t1; t++)
      for (const k of tgt[t]!) {
        ct[k] = 0;
        fill[k] = 0;
      }
    const points: [number, number, number][] = [];
    for (let s = s0; s < s1; s++) {
      const t = bestSrc[s - s0]!;
      // A pair that is each other's best partner on a rare key; the chain below drops the chance ones.
      if (t >= 0 && bestTgt[t - t0] === s) points.push([s, t, bestSrcScore[s - s0]!]);
    }
    return heaviestChain(points, t0, t1);
  }
}

/**
 * A chance pair can still fit the chain's order while lying far from its neighbours' line
 * (row 203 paired with 169 between 117 and 281): each point is compared with the median
 * offset from the diagonal of the three points on each side, and dropped when it is further
 * from it than a tenth of the stretch those neighbours span (at least 10 sentences).
 */
function dropOutliers(chain: [number, number][], n: number, m: number, s0 = 0, t0 = 0): [number, number][] {
  const slope = n > 0 ? m / n : 1;
  let points = chain;
  for (let round = 0; round < 3; round++) {
    const offset = points.map(([s, t]) => t - t0 - (s - s0) * slope);
    const kept = points.filter((_p, k) => {
      const around: number[] = [];
      for (let x = Math.max(0, k - 3); x <= Math.min(points.length - 1, k + 3); x++) if (x !== k) around.push(offset[x]!);
      if (around.length < 2) return true;
      around.sort((a, b) => a - b);
      const median = around[around.length >> 1]!;
      const span = points[Math.min(points.length - 1, k + 3)]![0] - points[Math.max(0, k - 3)]![0];
      return Math.abs(offset[k]! - median) <= Math.max(10, 0.1 * span * Math.max(1, slope));
    });
    if (kept.length === points.length) break;
    points = kept;
  }
  return points;
}

/** The heaviest chain strictly increasing in both coordinates (points sorted by the first; the second in [t0, t1)). */
function heaviestChain(points: [number, number, number][], t0: number, t1: number): [number, number][] {
  const m = t1 - t0;
  // Fenwick tree over the second coordinate holding (best total, its point).
  const tree = new Float64Array(m + 1);
  const arg = new Int32Array(m + 1).fill(-1);
  const prev = new Int32Array(points.length).fill(-1);
  const total = new Float64Array(points.length);
  const query = (j: number): [number, number] => {
    let best = 0;
    let at = -1;
    for (let x = j; x > 0; x -= x & -x) {
      if (tree[x]! > best) {
        best = tree[x]!;
        at = arg[x]!;
      }
    }
    return [best, at];
  };
  const update = (j: number, v: number, p: number) => {
    for (let x = j; x <= m; x += x & -x) {
      if (v > tree[x]!) {
        tree[x] = v;
        arg[x] = p;
      }
    }
  };
  // Points of one source sentence must not chain with each other: query all before updating.
  let k = 0;
  while (k < points.length) {
    let e = k;
    while (e < points.length && points[e]![0] === points[k]![0]) e++;
    for (let p = k; p < e; p++) {
      const [best, at] = query(points[p]![1] - t0);
      total[p] = best + points[p]![2];
      prev[p] = at;
    }
    for (let p = k; p < e; p++) update(points[p]![1] - t0 + 1, total[p]!, p);
    k = e;
  }
  let end = -1;
  for (let p = 0; p < points.length; p++) if (end < 0 || total[p]! > total[end]!) end = p;
  const chain: [number, number][] = [];
  for (let p = end; p >= 0; p = prev[p]!) chain.push([points[p]![0], points[p]![1]]);
  return chain.reverse();
}

/**
 * Band centres for the search's rows (0..n), from a chain of anchor sentences: the
 * piecewise-linear path through (0, 0), each anchor (s + ½, t + ½) and (n, m).
 */
export function bandCentres(chain: readonly [number, number][], n: number, m: number): Float64Array {
  const xs = [0, ...chain.map(([s]) => s + 0.5), n];
  const ys = [0, ...chain.map(([, t]) => t + 0.5), m];
  const centres = new Float64Array(n + 1);
  let seg = 0;
  for (let i = 0; i <= n; i++) {
    while (seg < xs.length - 2 && xs[seg + 1]! < i) seg++;
    const x0 = xs[seg]!;
    const x1 = xs[seg + 1]!;
    const y0 = ys[seg]!;
    const y1 = ys[seg + 1]!;
    centres[i] = x1 > x0 ? y0 + ((i - x0) * (y1 - y0)) / (x1 - x0) : y1;
  }
  return centres;
}

/**
 * Associations learned from the document pair itself, as Hunalign bootstraps its dictionary:
 * over the beads of a first alignment, count how often a source unit (a Chinese character
 * or character pair, a word of a Latin-script text) and a target key occur in one bead, and
 * keep the pairs with a Dice coefficient of at least `minDice` seen at least twice — at most
 * three targets per unit. Beads are sampled evenly, at most `maxBeads` of them.
 */
export function learnAssociations(
  beads: readonly { src: readonly number[]; tgt: readonly number[] }[],
  units: readonly (readonly number[])[],
  unitCount: number,
  targetKeys: readonly Int32Array[],
  keyCount: number,
  options: { minDice?: number; maxBeads?: number; keyWeight?: Float64Array; minWeight?: number } = {},
): Map<number, number[]> {
  const minDice = options.minDice ?? 0.3;
  const maxBeads = options.maxBeads ?? 6000;
  const used = beads.filter((b) => b.src.length > 0 && b.tgt.length > 0);
  const step = Math.max(1, used.length / maxBeads);
  const minWeight = options.minWeight ?? 0;
  // Per sampled bead its distinct units and keys; then per unit the beads it is in.
  const beadKeys: Int32Array[] = [];
  const unitBeads: number[][] = Array.from({ length: unitCount }, () => []);
  const keyFreq = new Int32Array(keyCount);
  const seenU = new Int32Array(unitCount).fill(-1);
  const seenK = new Int32Array(keyCount).fill(-1);
  for (let at = 0; at < used.length; at += step) {
    const x = beadKeys.length;
    const b = used[Math.floor(at)]!;
    for (const s of b.src)
      for (const u of units[s]!)
        if (seenU[u] !== x) {
          seenU[u] = x;
          unitBeads[u]!.push(x);
        }
    const ks: number[] = [];
    for (const t of b.tgt)
      for (const k of targetKeys[t]!)
        if (seenK[k] !== x && (!options.keyWeight || options.keyWeight[k]! >= minWeight)) {
          seenK[k] = x;
          ks.push(k);
          keyFreq[k]!++;
        }
    beadKeys.push(Int32Array.from(ks));
  }
  // Co-occurrence counts of one unit with every key at a time, in a dense array.
  const together = new Int32Array(keyCount);
  const touched: number[] = [];
  const best = new Map<number, [number, number][]>();
  for (let u = 0; u < unitCount; u++) {
    const list = unitBeads[u]!;
    if (list.length < 2) continue;
    for (const x of list)
      for (const k of beadKeys[x]!) {
        if (together[k] === 0) touched.push(k);
        together[k]!++;
      }
    const found: [number, number][] = [];
    for (const k of touched) {
      const c = together[k]!;
      together[k] = 0;
      if (c < 2) continue;
      const dice = (2 * c) / (list.length + keyFreq[k]!);
      if (dice >= minDice) found.push([k, dice]);
    }
    touched.length = 0;
    if (found.length) best.set(u, found);
  }
  const out = new Map<number, number[]>();
  for (const [u, list] of best) {
    list.sort((a, b) => b[1] - a[1]);
    out.set(
      u,
      list.slice(0, 3).map(([k]) => k),
    );
  }
  return out;
}
