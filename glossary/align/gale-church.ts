/**
 * The Gale–Church (1993) length model: the length of a translation is normally distributed
 * around c times the length of its original, with variance proportional to the length. A
 * bead's cost is −log P(bead type) − log P(|δ| ≥ observed), as in the paper's program.
 */

export type BeadShape = readonly [number, number];

/**
 * Bead types and their prior probabilities as Gale and Church's own program prices them
 * (penalties of 0, 230, 450 and 440 in units of −100 log p for 1-1, 2-1/1-2, 1-0/0-1 and
 * 2-2; relative to the 1-1 bead of p = 0.89 from the paper's table 5). The paper's table
 * gives 1-0 and 0-1 together 0.0099; the program charges each of them that much.
 */
const GALE_CHURCH_PRIORS: ReadonlyMap<string, number> = new Map([
  ['1-1', 0.89],
  ['1-0', 0.89 * Math.exp(-4.5)],
  ['0-1', 0.89 * Math.exp(-4.5)],
  ['2-1', 0.89 * Math.exp(-2.3)],
  ['1-2', 0.89 * Math.exp(-2.3)],
  ['2-2', 0.89 * Math.exp(-4.4)],
]);

/** The shapes the aligners consider; 3-1 and 1-3 are rare enough to leave out by default. */
export const DEFAULT_SHAPES: readonly BeadShape[] = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 2],
  [2, 2],
];

/**
 * Ours adds 3-1 and 1-3 (a long sentence split in three, common in literary and news
 * translation); with no published prior they get the default 0.0005, a rare event.
 */
const EXTENDED_SHAPES: readonly BeadShape[] = [...DEFAULT_SHAPES, [3, 1], [1, 3]];

/**
 * The shapes of ours: also 4-1, 1-4, 2-3 and 3-2, which verse-level and literary
 * translations have (Text+Berg's gold holds each), at the default prior.
 */
export const ALIGN_SHAPES: readonly BeadShape[] = [...EXTENDED_SHAPES, [4, 1], [1, 4], [2, 3], [3, 2]];

export interface LengthModel {
  /** expected target characters per source character */
  c: number;
  /** variance of target length per source character, in target units */
  s2: number;
}

/** Length of a sentence for the model: characters other than white space. */
export function sentenceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u === 0x20 || u === 0x09 || u === 0x0a || u === 0x0d || u === 0x3000 || u === 0xa0) continue;
    if (u >= 0xdc00 && u <= 0xdfff) continue; // count a surrogate pair once
    n++;
  }
  return n;
}

/**
 * c from the two documents themselves (total target over total source length), so the model
 * works for any language pair: Chinese to English is about 1 : 3 in characters, German to
 * French about 1 : 1. Gale and Church's s² = 6.8 was measured in European characters; the
 * variance scales with the square of the unit, so it is multiplied by c².
 */
export function estimateLengthModel(src: readonly number[], tgt: readonly number[]): LengthModel {
  const a = src.reduce((x, y) => x + y, 0);
  const b = tgt.reduce((x, y) => x + y, 0);
  const c = a > 0 && b > 0 ? b / a : 1;
  return { c, s2: 6.8 * Math.max(1, c * c) };
}

/** Two-sided tail probability of the standard normal, P(|Z| ≥ z). */
export function twoSidedTail(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erfc, absolute error < 1.5e-7: enough for costs.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** P(|δ| ≥ observed) for a source length a and target length b. */
export function lengthProbability(a: number, b: number, model: LengthModel): number {
  if (a === 0 && b === 0) return 1;
  const mean = (a + b / model.c) / 2;
  const z = (b - a * model.c) / Math.sqrt(model.s2 * Math.max(mean, 1));
  return twoSidedTail(z);
}

/** −log P(|δ| ≥ z) is floored here (P = 10⁻¹²), so that one absurd bead cannot overflow a path's cost. */
const FLOOR = -Math.log(1e-12);
const TABLE_STEP = 1 / 1024;
let tailCosts: Float64Array | null = null;

/**
 * −log P(|Z| ≥ z) tabulated for z from 0 to where it reaches the floor (about 7.1), read by
 * linear interpolation: the search evaluates it tens of millions of times on a long document,
 * and the table is five times faster than erfc and a logarithm (error below 10⁻⁶ nats).
 */
function tailCostTable(): Float64Array {
  if (tailCosts) return tailCosts;
  const values: number[] = [];
  for (let k = 0; ; k++) {
    const c = -Math.log(Math.max(twoSidedTail(k * TABLE_STEP), 1e-12));
    values.push(Math.min(c, FLOOR));
    if (c >= FLOOR) break;
  }
  tailCosts = Float64Array.from(values);
  return tailCosts;
}

/** −log P(|δ|), floored so that one absurd bead cannot overflow a path's cost. */
export function lengthCost(a: number, b: number, model: LengthModel): number {
  if (a === 0 && b === 0) return 0;
  const table = tailCostTable();
  const mean = (a + b / model.c) / 2;
  const z = Math.abs(b - a * model.c) / Math.sqrt(model.s2 * Math.max(mean, 1)) / TABLE_STEP;
  const k = Math.floor(z);
  if (k >= table.length - 1) return FLOOR;
  const f = z - k;
  return table[k]! * (1 - f) + table[k + 1]! * f;
}

/** The prior of a bead shape with no published one (3-1, 1-4, 2-3 …): a rare event. */
const RARE_SHAPE = 0.0005;

export function priorCost(shape: BeadShape): number {
  const p = GALE_CHURCH_PRIORS.get(`${shape[0]}-${shape[1]}`) ?? RARE_SHAPE;
  return -Math.log(p);
}

/** Pseudo-counts of the sentence ratio's prior (a one-to-one translation), in sentences a side. */
const PRIOR_SENTENCES = 20;

/** Gale and Church's rate of a merged sentence: P(2-1) / P(1-1) = e^−2.3 ≈ 0.1. */
const MERGE_RATE = Math.exp(-2.3);

/**
 * Shape priors calibrated to the document pair. A bead of a sentences against b is modelled
 * as 1 + Poisson(μ) sentences on the source side and 1 + Poisson(λ) on the target side,
 * independently: P(a-b) ∝ μ^(a−1)/(a−1)! · λ^(b−1)/(b−1)!. With μ = λ = 0.1 this is Gale and
 * Church's table (2-1 at e^−2.3, 2-2 at 0.01 against their e^−4.4 ≈ 0.012). The side with
 * fewer sentences keeps their rate; the other's rate follows from the sentence counts,
 * since the mean bead must take (1 + λ) / (1 + μ) = m / n sentences (shrunk towards 1 on a short text). A translation that
 * cuts each sentence into 1.3 (the Chinese of the Bible) then gets 1-2 and 1-3 beads as
 * often as it has them, instead of at the rates of a parliament's proceedings.
 * Insertions and deletions keep Gale and Church's prior. Returns −log P per shape.
 */
export function calibratedPriorCosts(shapes: readonly BeadShape[], n: number, m: number): Float64Array {
  // The counts of a short text say little about its translator's habits: they are taken with
  // PRIOR_SENTENCES more a side of a one-to-one translation (3 against 2 is a ratio of 0.96).
  const ratio = (m + PRIOR_SENTENCES) / (n + PRIOR_SENTENCES);
  const mu = ratio >= 1 ? MERGE_RATE : (1 + MERGE_RATE) / ratio - 1;
  const lambda = ratio >= 1 ? (1 + MERGE_RATE) * ratio - 1 : MERGE_RATE;
  const poisson = (k: number, rate: number) => {
    let p = 1;
    for (let x = 1; x <= k; x++) p *= rate / x;
    return p;
  };
  const oneOne = GALE_CHURCH_PRIORS.get('1-1')!;
  return Float64Array.from(shapes, ([a, b]) => {
    if (a === 0 || b === 0) return priorCost([a, b]);
    return -Math.log(oneOne * poisson(a - 1, mu) * poisson(b - 1, lambda));
  });
}
