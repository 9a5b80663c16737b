/**
 * The alignment path as a dot plot: one dot per pair, placed at the middle of its Chinese
 * sentences (across) and of its English sentences (down), in a square of `size` units. A
 * good alignment is a line from corner to corner; a stretch where the aligner was unsure
 * shows up as hollow dots off it. The page (views/pages/align.hbs, server/public/js/align.js)
 * draws these dots as they are, so the geometry and the rule for "doubtful" live here only.
 */

/**
 * A pair below this score (length and lexical agreement, see aligner.ts) is drawn as doubtful.
 * On Text+Berg about half the pairs below it are wrong, against a sixth of all pairs; on
 * NTREX (where all are right) it marks under 2 %.
 */
export const DOUBTFUL_SCORE = 0.3;

export interface PlotDot {
  /** index of the pair (0-based) */
  pair: number;
  x: number;
  y: number;
  doubtful: boolean;
}

export interface DotPlot {
  size: number;
  dots: PlotDot[];
}

const PLOT_SIZE = 300;

/**
 * A pair is doubtful when one side is empty (a sentence left without a partner) or its
 * score is low; a pair the reviewer set by hand has score 1 and is never doubtful.
 */
function isDoubtful(pair: { zh: readonly number[]; en: readonly number[]; score: number }): boolean {
  return pair.zh.length === 0 || pair.en.length === 0 || pair.score < DOUBTFUL_SCORE;
}

export function dotPlot(
  pairs: readonly { zh: readonly number[]; en: readonly number[]; score: number }[],
  zhCount: number,
  enCount: number,
  size = PLOT_SIZE,
): DotPlot {
  // Sentences are counted up to each pair, so a side left empty sits between its neighbours.
  let zhAt = 0;
  let enAt = 0;
  const at = (from: number, count: number, total: number) =>
    Math.round(((from + count / 2) / Math.max(1, total)) * size * 10) / 10;
  const dots = pairs.map((p, k) => {
    const dot = { pair: k, x: at(zhAt, p.zh.length, zhCount), y: at(enAt, p.en.length, enCount), doubtful: isDoubtful(p) };
    zhAt += p.zh.length;
    enAt += p.en.length;
    return dot;
  });
  return { size, dots };
}
