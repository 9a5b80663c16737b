/**
 * Sentence alignment by dynamic programming over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2),
 * each bead scored by the Gale–Church length cost minus a bonus for shared lexical anchors.
 * The search is confined to a band around the diagonal; when the best path runs along the
 * band's edge the band is doubled and the search repeated, so a long insertion on one side
 * still aligns (the band only costs time, never correctness when it is wide enough).
 */

import type { AnchorIndex } from './anchors.ts';
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
}

export const DEFAULT_ANCHOR_WEIGHT = 3;

/** Largest lattice the search fills (cells; 9 bytes each). */
const MAX_CELLS = 40_000_000;

/** Shared-anchor agreement of a bead in [0, 1] (a Dice coefficient over anchors), or -1 when neither side has any. */
export function anchorAgreement(index: AnchorIndex, src: readonly number[], tgt: readonly number[]): number {
  return new AnchorScorer(index).agreement(src[0] ?? 0, src.length, tgt[0] ?? 0, tgt.length);
}

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
  const priors = shapes.map(priorCost);
  const maxShape = Math.max(...shapes.map(([a, b]) => Math.max(a, b)));

  const beadCost = (i: number, j: number, k: number): number => {
    const [a, b] = shapes[k]!;
    const la = prefixS[i]! - prefixS[i - a]!;
    const lb = prefixT[j]! - prefixT[j - b]!;
    let cost = priors[k]! + (skipByPrior && (a === 0 || b === 0) ? 0 : lengthCost(la, lb, model));
    if (scorer && a > 0 && b > 0) {
      const agree = scorer.agreement(i - a, a, j - b, b);
      if (agree >= 0) cost -= weight * agree;
    }
    return cost;
  };

  // The band starts at 4 % of the longer side (at least 25, at most 200 sentences) and is
  // never wider than MAX_CELLS allows: memory and time stay bounded on very long documents.
  // Rows are source sentences; when the target is much longer, the diagonal climbs m/n
  // columns per row, and the band must be at least that wide for rows to connect.
  const narrowest = Math.ceil(n > 0 ? m / n : 0) + maxShape * 2;
  const widest = Math.max(narrowest, Math.floor(MAX_CELLS / (n + 1) / 2));
  let band = Math.min(widest, Math.max(options.band ?? Math.min(200, Math.max(25, Math.ceil(0.04 * Math.max(n, m)))), narrowest));
  for (;;) {
    const lattice = fill(n, m, band, shapes, beadCost);
    const path = trace(lattice, n, m, shapes);
    const full = band >= Math.max(n, m) || band >= widest;
    if (full || !touchesEdge(path, lattice, m, maxShape))
      return finish(path, shapes, srcLens, tgtLens, model, scorer, prefixS, prefixT, beadCost);
    band = Math.min(band * 2, widest);
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
  band: number,
  shapes: readonly BeadShape[],
  beadCost: (i: number, j: number, k: number) => number,
): Lattice {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    const centre = n === 0 ? 0 : (i * m) / n;
    lo[i] = Math.max(0, Math.floor(centre - band));
    hi[i] = Math.min(m, Math.ceil(centre + band));
    if (i === 0) lo[i] = 0;
    if (i === n) hi[i] = m;
    rowStart[i + 1] = rowStart[i]! + (hi[i]! - lo[i]! + 1);
  }
  const size = rowStart[n + 1]!;
  const cost = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const back = new Uint8Array(size).fill(255);
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.POSITIVE_INFINITY;
      let arg = 255;
      for (let k = 0; k < shapes.length; k++) {
        const [a, b] = shapes[k]!;
        const pi = i - a;
        const pj = j - b;
        if (pi < 0 || pj < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const prev = cost[rowStart[pi]! + pj - lo[pi]!]!;
        if (prev === Number.POSITIVE_INFINITY) continue;
        const c = prev + beadCost(i, j, k);
        if (c < best) {
          best = c;
          arg = k;
        }
      }
      const at = rowStart[i]! + j - lo[i]!;
      cost[at] = best;
      back[at] = arg;
    }
  }
  return { lo, hi, rowStart, cost, back };
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

function touchesEdge(path: [number, number, number][], l: Lattice, m: number, slack: number): boolean {
  for (const [i, j] of path) {
    if (l.lo[i]! > 0 && j - l.lo[i]! < slack) return true;
    if (l.hi[i]! < m && l.hi[i]! - j < slack) return true;
  }
  return false;
}

function finish(
  path: [number, number, number][],
  shapes: readonly BeadShape[],
  _srcLens: readonly number[],
  _tgtLens: readonly number[],
  model: LengthModel,
  scorer: AnchorScorer | null,
  prefixS: Float64Array,
  prefixT: Float64Array,
  beadCost: (i: number, j: number, k: number) => number,
): Bead[] {
  return path.map(([i, j, k]) => {
    const [a, b] = shapes[k]!;
    const src = range(i - a, i);
    const tgt = range(j - b, j);
    const p = lengthProbability(prefixS[i]! - prefixS[i - a]!, prefixT[j]! - prefixT[j - b]!, model);
    const agree = scorer && a > 0 && b > 0 ? scorer.agreement(i - a, a, j - b, b) : -1;
    const score = a === 0 || b === 0 ? 0 : agree >= 0 ? (p + agree) / 2 : p;
    return { src, tgt, cost: beadCost(i, j, k), score: Math.round(score * 1000) / 1000 };
  });
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let x = from; x < to; x++) out.push(x);
  return out;
}
