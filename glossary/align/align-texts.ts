/**
 * The alignment pipeline on whole texts: split both sides, find anchors (with the glossary
 * when a matcher is given), align. `method: 'gale-church'` is the plain length-based
 * baseline on the same sentences, for comparison.
 */

import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { alignLengths, type Bead } from './aligner.ts';
import { type AnchorToken, conceptAnchors, indexAnchors, sentenceAnchors } from './anchors.ts';
import { EXTENDED_SHAPES, sentenceLength } from './gale-church.ts';
import { type Sentence, type SplitLanguage, splitSentences } from './sentences.ts';

export interface AlignTextsOptions {
  sourceLanguage: SplitLanguage;
  targetLanguage: SplitLanguage;
  matcher?: Matcher | null;
  method?: 'anchored' | 'gale-church';
  /** pre-split sentences (the caller's own segmentation), instead of our splitter */
  sourceSentences?: readonly string[];
  targetSentences?: readonly string[];
}

export interface AlignedTexts {
  source: Sentence[];
  target: Sentence[];
  beads: Bead[];
  /** glossary matches per sentence, offsets into the sentence text (empty without a matcher) */
  sourceMatches: TermMatch[][];
  targetMatches: TermMatch[][];
}

function asSentences(texts: readonly string[]): Sentence[] {
  return texts.map((text, i) => ({ text, start: 0, end: text.length, block: i }));
}

export function alignTexts(source: string, target: string, options: AlignTextsOptions): AlignedTexts {
  const src = options.sourceSentences ? asSentences(options.sourceSentences) : splitSentences(source, options.sourceLanguage);
  const tgt = options.targetSentences ? asSentences(options.targetSentences) : splitSentences(target, options.targetLanguage);
  return alignSentenceLists(src, tgt, options);
}

export function alignSentenceLists(src: Sentence[], tgt: Sentence[], options: AlignTextsOptions): AlignedTexts {
  const matcher = options.matcher ?? null;
  const sourceMatches = src.map((s) => (matcher ? matcher.match(s.text) : []));
  const targetMatches = tgt.map((s) => (matcher ? matcher.match(s.text) : []));
  const srcLens = src.map((s) => sentenceLength(s.text));
  const tgtLens = tgt.map((s) => sentenceLength(s.text));
  if (options.method === 'gale-church') {
    return { source: src, target: tgt, beads: alignLengths(srcLens, tgtLens), sourceMatches, targetMatches };
  }
  const srcZh = options.sourceLanguage === 'zh';
  const tgtZh = options.targetLanguage === 'zh';
  // Opposite a Chinese text, short Latin words count too: "AM", "UN", "EU" are left as they are.
  const tokens = (sentences: Sentence[], matches: TermMatch[][], chinese: boolean, otherChinese: boolean): AnchorToken[][] =>
    sentences.map((s, i) => [
      ...sentenceAnchors(s.text, otherChinese ? { chinese, minWordLength: 2 } : { chinese }),
      ...conceptAnchors(new Set(matches[i]!.map((m) => m.conceptId))),
    ]);
  const anchors = indexAnchors(tokens(src, sourceMatches, srcZh, tgtZh), tokens(tgt, targetMatches, tgtZh, srcZh));
  // Ours differs from the baseline in three ways, each measured by `npm run eval:align`:
  // lexical anchors, 3-1/1-3 beads, and insertions/deletions priced by their prior alone.
  const beads = alignLengths(srcLens, tgtLens, { anchors, skip: 'prior', shapes: EXTENDED_SHAPES });
  return { source: src, target: tgt, beads, sourceMatches, targetMatches };
}
