/**
 * Scoring an alignment of re-split text against a gold alignment of lines (segments).
 *
 * The gold pairs lines, but our splitter cuts the joined text into its own sentences, which
 * may be finer (a line with two sentences) or, where it errs, coarser (two lines in one
 * sentence). Each of our sentences is mapped to the gold lines its span overlaps; each of
 * our beads becomes the pair of line sets of its sentences; beads that share a line on
 * either side are merged (transitively), because gold says nothing finer than a line. The
 * merged beads are then scored against gold like any test alignment. A misaligned sentence
 * chains two gold beads into one test bead, so errors still cost strict hits.
 */

import type { Bead } from '../../glossary/align/aligner.ts';
import type { Sentence } from '../../glossary/align/sentences.ts';
import type { ScoreBead } from './score.ts';

/** Start offsets of each line when `lines` are joined with `separator`. */
export function lineStarts(lines: readonly string[], separator: string): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + separator.length;
  }
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The gold lines a sentence covers (by its span in the joined text). */
export function sentenceLines(sentence: Sentence, starts: readonly number[]): number[] {
  const first = lineOf(starts, sentence.start);
  const last = lineOf(starts, Math.max(sentence.start, sentence.end - 1));
  const out: number[] = [];
  for (let l = first; l <= last; l++) out.push(l);
  return out;
}

/** Our beads over sentences → beads over gold lines, merged where they share a line. */
export function beadsOverLines(
  beads: readonly Bead[],
  srcSentences: readonly Sentence[],
  tgtSentences: readonly Sentence[],
  srcStarts: readonly number[],
  tgtStarts: readonly number[],
): ScoreBead[] {
  const mapped = beads.map((b) => ({
    src: new Set(b.src.flatMap((i) => sentenceLines(srcSentences[i]!, srcStarts))),
    tgt: new Set(b.tgt.flatMap((j) => sentenceLines(tgtSentences[j]!, tgtStarts))),
  }));
  // Union–find over beads, joined through the lines they touch.
  const parent = mapped.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const owner = { src: new Map<number, number>(), tgt: new Map<number, number>() };
  mapped.forEach((b, i) => {
    for (const side of ['src', 'tgt'] as const) {
      for (const line of b[side]) {
        const o = owner[side].get(line);
        if (o === undefined) owner[side].set(line, i);
        else parent[find(i)] = find(o);
      }
    }
  });
  const groups = new Map<number, { src: Set<number>; tgt: Set<number> }>();
  mapped.forEach((b, i) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) {
      g = { src: new Set(), tgt: new Set() };
      groups.set(root, g);
    }
    for (const l of b.src) g.src.add(l);
    for (const l of b.tgt) g.tgt.add(l);
  });
  return [...groups.values()]
    .map((g) => ({ src: [...g.src].sort((a, b) => a - b), tgt: [...g.tgt].sort((a, b) => a - b) }))
    .sort((a, b) => (a.src[0] ?? a.tgt[0] ?? 0) - (b.src[0] ?? b.tgt[0] ?? 0));
}
