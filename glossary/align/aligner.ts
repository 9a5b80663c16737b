/**
 * Sentence alignment by dynamic programming over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2),
 * each bead scored by the Gale–Church length cost minus a bonus for shared lexical anchors.
 * The search is confined to a band around the diagonal; when the best path runs along the
 * band's edge the band is doubled and the search repeated, so a long insertion on one side
 * still aligns (the band only costs time, never correctness when it is wide enough).
 */

import type { AnchorIndex } from './anchors.ts';
import { type LexicalIndex, PairScorer } from './lexical.ts';
import {
  type BeadShape,
  DEFAULT_SHAPES,
  estimateLengthModel,
  type LengthModel,
  lengthCost,
  lengthProbability,
  priorCost,
} from './gale-church.ts';

export interface Bead {
  /** source sentence indices (consecutive, possibly none) */
  src: number[];
  /** target sentence indices */
  tgt: number[];
  /** the bead's cost in the search (lower is better) */
  cost: number;
  /** a confidence in [0, 1]: the length probability, averaged with the anchor agreement when there are anchors */
  score: number;
}

export interface AlignOptions {
  shapes?: readonly BeadShape[];
  model?: LengthModel;
  anchors?: AnchorIndex;
  /** weight of the anchor bonus in nats; 0 gives plain Gale–Church */
  anchorWeight?: number;
  /** initial half-width of the band, in sentences */
  band?: number;
  /**
   * How an insertion or deletion (1-0, 0-1) is priced: 'length' as Gale and Church do (the
   * length test against an empty side, which makes a long omitted sentence almost
   * impossible), or 'prior' (its prior alone: an omitted sentence has nothing to be compared
   * with). Default 'length'.
   */
  skip?: 'length' | 'prior';
  /** lexical evidence (glossary/align/lexical.ts): a bead's Dice similarity lowers its cost */
  lexical?: LexicalIndex;
  /** weight of the lexical similarity in nats */
  lexicalWeight?: number;
  /** the band's centre for each row 0..n (target position), e.g. through anchors; default the diagonal */
  centres?: Float64Array;
  /** −log P of each shape, instead of Gale and Church's priors (e.g. calibratedPriorCosts) */
  priorCosts?: Float64Array;
}

const DEFAULT_LEXICAL_WEIGHT = 10;

/**
 * The lexical term of bead costs, row by row: for each source sentence, the prefix sums over
 * target columns of its shared weight with each target sentence, kept for the last few rows
 * a bead can span. A bead's shared weight is then a handful of subtractions.
 */
class LexicalRows {
  private readonly scorer: PairScorer;
  private readonly ring: Float64Array[];
  private readonly from: Int32Array;
  private readonly owner: Int32Array;
  private readonly one = new Float64Array(8);
  private readonly srcMass: Float64Array;
  private readonly tgtMass: Float64Array;
  constructor(
    index: LexicalIndex,
    private readonly lo: Int32Array,
    private readonly hi: Int32Array,
    private readonly maxA: number,
    private readonly maxB: number,
  ) {
    this.scorer = new PairScorer(index);
    this.ring = Array.from({ length: maxA }, () => new Float64Array(0));
    this.from = new Int32Array(maxA);
    this.owner = new Int32Array(maxA).fill(-1);
    this.srcMass = prefix([...index.srcMass]);
    this.tgtMass = prefix([...index.tgtMass]);
  }

  /** Before lattice row i (i ≥ 1): source sentence i − 1 against every column a bead can reach. */
  prepare(i: number): void {
    const n = this.lo.length - 1;
    const s = i - 1;
    const from = Math.max(0, this.lo[i]! - this.maxB);
    const to = this.hi[Math.min(n, i + this.maxA - 1)]!;
    const row = new Float64Array(Math.max(0, to - from));
    this.scorer.row(s, from, to, row);
    const p = new Float64Array(row.length + 1);
    for (let x = 0; x < row.length; x++) p[x + 1] = p[x]! + row[x]!;
    this.ring[s % this.maxA] = p;
    this.from[s % this.maxA] = from;
    this.owner[s % this.maxA] = s;
  }

  /** Dice similarity in [0, 1] of source sentences [i − a, i) with target sentences [j − b, j), or −1 without keys. */
  similarity(i: number, a: number, j: number, b: number): number {
    let shared = 0;
    for (let s = i - a; s < i; s++) {
      if (this.owner[s % this.maxA] !== s) {
        // After the search (scores of the chosen beads): straight from the keys.
        const out = b <= this.one.length ? this.one : new Float64Array(b);
        this.scorer.row(s, j - b, j, out);
        for (let x = 0; x < b; x++) shared += out[x]!;
        continue;
      }
      const p = this.ring[s % this.maxA]!;
      const f = this.from[s % this.maxA]!;
      shared += p[j - f]! - p[j - b - f]!;
    }
    const mass = this.srcMass[i]! - this.srcMass[i - a]! + this.tgtMass[j]! - this.tgtMass[j - b]!;
    if (mass <= 0) return -1;
    return Math.min(1, (2 * shared) / mass);
  }
}

const DEFAULT_ANCHOR_WEIGHT = 3;

/** Largest lattice the search fills (cells; 9 bytes each). */
const MAX_CELLS = 40_000_000;

class AnchorScorer {
  private readonly seenSrc: Int32Array;
  private readonly seenTgt: Int32Array;
  private readonly strongSrc: Uint8Array;
  private stamp = 0;
  constructor(private readonly index: AnchorIndex) {
    this.seenSrc = new Int32Array(index.size);
    this.seenTgt = new Int32Array(index.size);
    this.strongSrc = new Uint8Array(index.size);
  }

  agreement(i0: number, a: number, j0: number, b: number): number {
    const stamp = ++this.stamp;
    let strongS = 0;
    let strongT = 0;
    let shared = 0;
    let weakShared = 0;
    for (let k = 0; k < a; k++) {
      const s = this.index.src[i0 + k]!;
      for (let x = 0; x < s.ids.length; x++) {
        const id = s.ids[x]!;
        const strong = s.strong[x]!;
        if (this.seenSrc[id] === stamp) {
          if (strong && !this.strongSrc[id]) {
            this.strongSrc[id] = 1;
            strongS++;
          }
          continue;
        }
        this.seenSrc[id] = stamp;
        this.strongSrc[id] = strong;
        strongS += strong;
      }
    }
    for (let k = 0; k < b; k++) {
      const t = this.index.tgt[j0 + k]!;
      for (let x = 0; x < t.ids.length; x++) {
        const id = t.ids[x]!;
        if (this.seenTgt[id] === stamp) continue;
        this.seenTgt[id] = stamp;
        const strong = t.strong[x]!;
        strongT += strong;
        if (this.seenSrc[id] === stamp) {
          shared++;
          // A token that is weak on a side only enters that side's count when it is shared.
          if (!this.strongSrc[id]) weakShared++;
          if (!strong) weakShared++;
        }
      }
    }
    const total = strongS + strongT + weakShared;
    if (total === 0) return -1;
    return (2 * shared) / total;
  }
}

interface Lattice {
  lo: Int32Array;
  hi: Int32Array;
  rowStart: Int32Array;
  cost: Float64Array;
  back: Uint8Array;
}

/**
 * Align source sentences (by length) with target sentences. Returns beads in order covering
 * every sentence of both sides exactly once.
 */
export function alignLengths(srcLens: readonly number[], tgtLens: readonly number[], options: AlignOptions = {}): Bead[] {
  const n = srcLens.length;
  const m = tgtLens.length;
  if (n === 0 && m === 0) return [];
  const shapes = options.shapes ?? DEFAULT_SHAPES;
  const model = options.model ?? estimateLengthModel(srcLens, tgtLens);
  const weight = options.anchors ? (options.anchorWeight ?? DEFAULT_ANCHOR_WEIGHT) : 0;
  const scorer = options.anchors && weight > 0 ? new AnchorScorer(options.anchors) : null;
  const skipByPrior = options.skip === 'prior';
  const prefixS = prefix(srcLens);
  const prefixT = prefix(tgtLens);
  const priors = options.priorCosts ?? Float64Array.from(shapes, priorCost);
  const shapeA = Int32Array.from(shapes, ([a]) => a);
  const shapeB = Int32Array.from(shapes, ([, b]) => b);
  const maxShape = Math.max(...shapes.map(([a, b]) => Math.max(a, b)));

  const lexicalWeight = options.lexical ? (options.lexicalWeight ?? DEFAULT_LEXICAL_WEIGHT) : 0;
  const maxA = Math.max(1, ...shapes.map(([a]) => a));
  const maxB = Math.max(1, ...shapes.map(([, b]) => b));
  let rows: LexicalRows | null = null;
  // The most the evidence can take off a bead's cost: a bead whose prior and length cost
  // already exceed the best candidate by more is not worth its lexical lookup.
  const maxBonus = weight + lexicalWeight;
  // A local binding: under a CommonJS loader an imported function is read through a getter on every call.
  const costOfLength = lengthCost;
  const beadCost = (i: number, j: number, k: number, bound = Number.POSITIVE_INFINITY): number => {
    const a = shapeA[k]!;
    const b = shapeB[k]!;
    const la = prefixS[i]! - prefixS[i - a]!;
    const lb = prefixT[j]! - prefixT[j - b]!;
    let cost = priors[k]! + (skipByPrior && (a === 0 || b === 0) ? 0 : costOfLength(la, lb, model));
    if (cost - maxBonus >= bound) return cost;
    if (scorer && a > 0 && b > 0) {
      const agree = scorer.agreement(i - a, a, j - b, b);
      if (agree >= 0) cost -= weight * agree;
    }
    if (rows && a > 0 && b > 0) {
      const sim = rows.similarity(i, a, j, b);
      if (sim >= 0) cost -= lexicalWeight * sim;
    }
    return cost;
  };
  const prepare = options.lexical
    ? (lo: Int32Array, hi: Int32Array) => {
        rows = new LexicalRows(options.lexical!, lo, hi, maxA, maxB);
        return (i: number) => rows!.prepare(i);
      }
    : null;

  // The band starts at 4 % of the longer side (at least 25, at most 200 sentences) and is
  // never wider than MAX_CELLS allows: memory and time stay bounded on very long documents.
  // Rows are source sentences; when the target is much longer, the diagonal climbs m/n
  // columns per row, and the band must be at least that wide for rows to connect.
  const narrowest = Math.ceil(n > 0 ? m / n : 0) + maxShape * 2;
  const widest = Math.max(narrowest, Math.floor(MAX_CELLS / (n + 1) / 2));
  const start = Math.min(widest, Math.max(options.band ?? Math.min(200, Math.max(25, Math.ceil(0.04 * Math.max(n, m)))), narrowest));
  // Half-width per row: where the best path runs near the band's edge, the band is doubled
  // over the stretch around it (not over the whole document) and the search repeated.
  const band = new Float64Array(n + 1).fill(start);
  let lattice: Lattice | null = null;
  let changedFrom = 0;
  for (let round = 0; ; round++) {
    lattice = fill(n, m, band, shapeA, shapeB, beadCost, options.centres ?? null, prepare, lattice, changedFrom, maxA);
    const path = trace(lattice, n, m, shapes);
    const touched = edgeRows(path, lattice, m, maxShape);
    let widened = false;
    const before = band.slice();
    for (const r of touched) {
      const reach = Math.ceil(before[r]! * 2);
      for (let x = Math.max(0, r - reach); x <= Math.min(n, r + reach); x++) {
        if (band[x]! < widest && band[x]! < Math.max(n, m) && band[x]! < before[r]! * 2) {
          band[x] = Math.min(widest, before[r]! * 2);
          widened = true;
        }
      }
    }
    changedFrom = n + 1;
    for (let x = 0; x <= n; x++)
      if (band[x] !== before[x]) {
        changedFrom = x;
        break;
      }
    if (!widened || round >= 16) return finish(path, shapes, model, scorer, rows, prefixS, prefixT, beadCost);
  }
}

function prefix(lens: readonly number[]): Float64Array {
  const p = new Float64Array(lens.length + 1);
  for (let i = 0; i < lens.length; i++) p[i + 1] = p[i]! + lens[i]!;
  return p;
}

function fill(
  n: number,
  m: number,
  band: Float64Array,
  shapeA: Int32Array,
  shapeB: Int32Array,
  beadCost: (i: number, j: number, k: number, bound: number) => number,
  centres: Float64Array | null,
  prepare: ((lo: Int32Array, hi: Int32Array) => (i: number) => void) | null,
  previous: Lattice | null,
  changedFrom: number,
  maxA: number,
): Lattice {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    const centre = centres ? centres[i]! : n === 0 ? 0 : (i * m) / n;
    lo[i] = Math.max(0, Math.floor(centre - band[i]!));
    hi[i] = Math.min(m, Math.ceil(centre + band[i]!));
    if (i === 0) lo[i] = 0;
    if (i === n) hi[i] = m;
  }
  // Rows must overlap (a steep stretch of the centre line would cut the lattice) and both
  // edges must rise monotonically (the lexical rows rely on it).
  for (let i = 1; i <= n; i++) {
    if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
    if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!;
    if (lo[i]! > hi[i - 1]!) lo[i] = hi[i - 1]!;
  }
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i]! + (hi[i]! - lo[i]! + 1);
  const onRow = prepare ? prepare(lo, hi) : null;
  const size = rowStart[n + 1]!;
  const cost = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const back = new Uint8Array(size).fill(255);
  cost[0] = 0;
  // After a widening, the rows before the first widened one are as they were (a row's
  // edges depend only on the rows above it): they are copied, and the search resumes there.
  let first = 0;
  if (previous && changedFrom > 0) {
    first = Math.min(changedFrom, n + 1);
    cost.set(previous.cost.subarray(0, rowStart[first]!));
    back.set(previous.back.subarray(0, rowStart[first]!));
    // The lexical rows a bead can reach back to are prepared again with the new edges.
    if (onRow) for (let i = Math.max(1, first - maxA); i < first; i++) onRow(i);
  }
  // Below the widened rows, once `maxA` consecutive rows (as far back as a bead reaches) have
  // the previous search's edges, back pointers and costs shifted by one constant, every later
  // row is the previous one shifted by that constant: it is copied instead of searched.
  let same = 0;
  let shift = Number.NaN;
  let copying = false;
  for (let i = first; i <= n; i++) {
    if (previous && same >= maxA) {
      if (previous.lo[i] === lo[i] && previous.hi[i] === hi[i]) {
        const from = previous.rowStart[i]!;
        const to = rowStart[i]!;
        for (let x = 0; x <= hi[i]! - lo[i]!; x++) {
          cost[to + x] = previous.cost[from + x]! + shift;
          back[to + x] = previous.back[from + x]!;
        }
        copying = true;
        continue;
      }
      // Another widened stretch: searched again, with the lexical rows a bead reaches back to.
      same = 0;
      if (copying && onRow) for (let r = Math.max(1, i - maxA); r < i; r++) onRow(r);
      copying = false;
    }
    if (onRow && i > 0) onRow(i);
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.POSITIVE_INFINITY;
      let arg = 255;
      for (let k = 0; k < shapeA.length; k++) {
        const pi = i - shapeA[k]!;
        const pj = j - shapeB[k]!;
        if (pi < 0 || pj < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const prev = cost[rowStart[pi]! + pj - lo[pi]!]!;
        if (prev === Number.POSITIVE_INFINITY) continue;
        // A candidate that cannot beat the best so far comes back without its evidence, still at or above the bound.
        const c = prev + beadCost(i, j, k, best - prev);
        if (c < best) {
          best = c;
          arg = k;
        }
      }
      const at = rowStart[i]! + j - lo[i]!;
      cost[at] = best;
      back[at] = arg;
    }
    if (previous && i >= changedFrom) {
      const d = sameRowShift(previous, i, lo[i]!, hi[i]!, cost, back, rowStart[i]!, same === 0 ? Number.NaN : shift);
      if (Number.isNaN(d)) same = 0;
      else {
        if (same === 0) shift = d;
        same++;
      }
    }
  }
  return { lo, hi, rowStart, cost, back };
}

/**
 * The constant by which row i of the new search differs from the previous search's row i
 * (same edges, same back pointers, costs shifted alike), or NaN when it does not. `expected`
 * is the shift of the rows before (NaN when none): a run must share one constant.
 */
function sameRowShift(
  previous: Lattice,
  i: number,
  lo: number,
  hi: number,
  cost: Float64Array,
  back: Uint8Array,
  start: number,
  expected: number,
): number {
  if (previous.lo[i] !== lo || previous.hi[i] !== hi) return Number.NaN;
  const from = previous.rowStart[i]!;
  let shift = expected;
  for (let x = 0; x <= hi - lo; x++) {
    if (back[start + x] !== previous.back[from + x]) return Number.NaN;
    const a = cost[start + x]!;
    const b = previous.cost[from + x]!;
    if (a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) {
      if (a !== b) return Number.NaN;
      continue;
    }
    if (Number.isNaN(shift)) shift = a - b;
    else if (Math.abs(a - b - shift) > 1e-9 * Math.max(1, Math.abs(a))) return Number.NaN;
  }
  return Number.isNaN(shift) ? 0 : shift;
}

function trace(l: Lattice, n: number, m: number, shapes: readonly BeadShape[]): [number, number, number][] {
  const path: [number, number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const k = l.back[l.rowStart[i]! + j - l.lo[i]!]!;
    if (k === 255) throw new Error(`alignment lattice has no path at (${i}, ${j})`);
    path.push([i, j, k]);
    i -= shapes[k]![0];
    j -= shapes[k]![1];
  }
  return path.reverse();
}

/** Rows where the path comes within `slack` cells of an edge of the band that is not the lattice's own. */
function edgeRows(path: [number, number, number][], l: Lattice, m: number, slack: number): number[] {
  const rows: number[] = [];
  for (const [i, j] of path) {
    if ((l.lo[i]! > 0 && j - l.lo[i]! < slack) || (l.hi[i]! < m && l.hi[i]! - j < slack)) {
      if (rows.at(-1) !== i) rows.push(i);
    }
  }
  return rows;
}

function finish(
  path: [number, number, number][],
  shapes: readonly BeadShape[],
  model: LengthModel,
  scorer: AnchorScorer | null,
  rows: LexicalRows | null,
  prefixS: Float64Array,
  prefixT: Float64Array,
  beadCost: (i: number, j: number, k: number) => number,
): Bead[] {
  return path.map(([i, j, k]) => {
    const [a, b] = shapes[k]!;
    const src = range(i - a, i);
    const tgt = range(j - b, j);
    const p = lengthProbability(prefixS[i]! - prefixS[i - a]!, prefixT[j]! - prefixT[j - b]!, model);
    const agree =
      rows && a > 0 && b > 0 ? rows.similarity(i, a, j, b) : scorer && a > 0 && b > 0 ? scorer.agreement(i - a, a, j - b, b) : -1;
    const score = a === 0 || b === 0 ? 0 : agree >= 0 ? (p + agree) / 2 : p;
    return { src, tgt, cost: beadCost(i, j, k), score: Math.round(score * 1000) / 1000 };
  });
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let x = from; x < to; x++) out.push(x);
  return out;
}
