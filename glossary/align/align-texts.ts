/**
 * The alignment pipeline on whole texts: split both sides, find anchors (with the glossary
 * when a matcher is given), align. `method: 'gale-church'` is the plain length-based
 * baseline on the same sentences, for comparison.
 */

import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { alignLengths, type Bead } from './aligner.ts';
import { conceptAnchors, sentenceAnchors } from './anchors.ts';
import { ALIGN_SHAPES, calibratedPriorCosts, sentenceLength } from './gale-church.ts';
import { anchorChain, bandCentres, buildLexicalIndex, KeyTable, type LexicalSide, learnAssociations } from './lexical.ts';
import { cedict, chineseWords, englishStems, hanRuns, NameMatcher } from './lexicon.ts';
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
  const beads = alignByLexicon(src, tgt, srcLens, tgtLens, sourceMatches, targetMatches, srcZh, tgtZh);
  return { source: src, target: tgt, beads, sourceMatches, targetMatches };
}

/** Keys that expect a partner in a translation: numbers, symbols, concepts, Latin words inside Chinese. */
const isStrong = (key: string) => key.startsWith('num:') || key.startsWith('sym:') || key.startsWith('c:') || key.startsWith('z:');

/** Letters two words must share at their start to count as cognates (Simard, Foster and Isabelle 1992). */
const COGNATE_PREFIX = 4;

/** Search band (half-width in sentences) around the anchor chain, and around the first path when realigning. */
const ANCHORED_BAND = 30;
const REALIGN_BAND = 12;

/**
 * Ours: keys per sentence (anchors, dictionary and names across Chinese and English, words
 * between two Latin-script texts), a chain of confident anchors over the whole document,
 * a first search in a band around that chain, associations learned from its beads, and a
 * second search around the first path with them. See docs/alignment.md.
 */
function alignByLexicon(
  src: Sentence[],
  tgt: Sentence[],
  srcLens: number[],
  tgtLens: number[],
  sourceMatches: TermMatch[][],
  targetMatches: TermMatch[][],
  srcZh: boolean,
  tgtZh: boolean,
): Bead[] {
  const n = src.length;
  const m = tgt.length;
  // The projected side is the Chinese one (translated into English keys); between two
  // texts of one script the source. The other side is counted.
  const zhIsTarget = tgtZh && !srcZh;
  const crossScript = srcZh !== tgtZh;
  const projected = zhIsTarget ? tgt : src;
  const counted = zhIsTarget ? src : tgt;
  const projectedMatches = zhIsTarget ? targetMatches : sourceMatches;
  const countedMatches = zhIsTarget ? sourceMatches : targetMatches;

  const dict = crossScript ? cedict() : null;
  const names = crossScript ? new NameMatcher(counted.map((s) => s.text)) : null;
  const table = new KeyTable();
  const ids = (keys: Iterable<string>) => Int32Array.from(new Set(Array.from(keys, (k) => table.id(k))));
  const anchorsOf = (s: Sentence, matches: TermMatch[], chinese: boolean, out: string[]) => {
    for (const a of sentenceAnchors(s.text, crossScript ? { chinese, minWordLength: 2 } : { chinese })) {
      // A Latin word inside Chinese expects a partner; the same word on the English side is its partner.
      out.push(a.strong && a.key.startsWith('w:') ? `z:${a.key.slice(2)}` : a.key);
      if (crossScript && !chinese && a.key.startsWith('w:')) out.push(`z:${a.key.slice(2)}`);
      // Between two Latin-script texts, cognates too: words whose first four letters agree
      // (Simard, Foster and Isabelle 1992), so Expedition meets expéditions, Gletscher Gletschers.
      if (!crossScript && a.key.startsWith('w:') && a.key.length >= 2 + COGNATE_PREFIX) out.push(`p:${a.key.slice(2, 2 + COGNATE_PREFIX)}`);
    }
    for (const a of conceptAnchors(new Set(matches.map((x) => x.conceptId)))) out.push(a.key);
    return out;
  };
  const countedKeys = counted.map((s, i) => {
    const keys = anchorsOf(s, countedMatches[i]!, false, []);
    if (crossScript) for (const stem of englishStems(s.text)) keys.push(`e:${stem}`);
    return ids(keys);
  });
  // A dictionary word's keys, interned once per document.
  const wordKeys = new Map<string, number[]>();
  const keysOfWord = (w: string) => {
    let k = wordKeys.get(w);
    if (!k) {
      k = dict!.get(w)!.map((stem) => table.id(`e:${stem}`));
      wordKeys.set(w, k);
    }
    return k;
  };
  const projectedKeys = projected.map((s, i) => {
    const keys = ids(anchorsOf(s, projectedMatches[i]!, crossScript, []));
    if (!dict) return keys;
    const all = new Set(keys);
    for (const w of chineseWords(s.text, dict)) for (const k of keysOfWord(w)) all.add(k);
    for (const name of names!.names(s.text)) for (const stem of englishStems(name)) all.add(table.id(`e:${stem}`));
    return Int32Array.from(all);
  });
  const strong = () => Uint8Array.from(table.names, (k) => (isStrong(k) ? 1 : 0));
  const projectedLens = zhIsTarget ? tgtLens : srcLens;
  const sides = (p: Int32Array[]): [LexicalSide, LexicalSide] => {
    const pSide: LexicalSide = crossScript ? { keys: p, lengths: projectedLens } : { keys: p };
    const cSide: LexicalSide = { keys: countedKeys };
    return zhIsTarget ? [cSide, pSide] : [pSide, cSide];
  };
  const [s1, t1] = sides(projectedKeys);
  const first = buildLexicalIndex(s1, t1, !zhIsTarget, strong(), table.size);
  const chain = anchorChain(first);
  const priorCosts = calibratedPriorCosts(ALIGN_SHAPES, n, m);
  const dense = chain.length >= 10;
  const beads1 = alignLengths(srcLens, tgtLens, {
    lexical: first,
    skip: 'prior',
    shapes: ALIGN_SHAPES,
    priorCosts,
    ...(dense ? { centres: bandCentres(chain, n, m), band: ANCHORED_BAND } : {}),
  });

  // Learn: units of the projected side (Han characters and character pairs, or words) against
  // the counted side's keys, over the first alignment's beads.
  const unitIds = new Map<string | number, number>();
  const internUnit = (u: string | number) => {
    let id = unitIds.get(u);
    if (id === undefined) {
      id = unitIds.size;
      unitIds.set(u, id);
    }
    return id;
  };
  const units = projected.map((s) => {
    const out = new Set<number>();
    if (crossScript) {
      for (const run of hanRuns(s.text)) {
        for (let x = 0; x < run.length; x++) {
          // A character by its code, a pair by both codes (numbers hash faster than strings).
          const code = run.charCodeAt(x);
          out.add(internUnit(code));
          if (x + 1 < run.length) out.add(internUnit(65536 * (code + 1) + run.charCodeAt(x + 1)));
        }
      }
    } else for (const w of s.text.toLowerCase().match(/[\p{L}]{2,}/gu) ?? []) out.add(internUnit(w));
    return [...out];
  });
  // Keys in more than a tenth of the counted sentences ("the", "and") are not worth learning.
  const df = new Int32Array(table.size);
  for (const ks of countedKeys) for (const k of ks) df[k]!++;
  const weight = Float64Array.from(df, (d) => Math.log(Math.max(1, counted.length) / Math.max(1, d)));
  const oriented = beads1.map((b) => (zhIsTarget ? { src: b.tgt, tgt: b.src } : b));
  const learned = learnAssociations(oriented, units, unitIds.size, countedKeys, table.size, {
    keyWeight: weight,
    minWeight: Math.log(10),
  });
  const augmented = projectedKeys.map((keys, i) => {
    const extra = new Set<number>(keys);
    for (const u of units[i]!) for (const k of learned.get(u) ?? []) extra.add(k);
    return extra.size > keys.length ? Int32Array.from(extra) : keys;
  });
  const [s2, t2] = sides(augmented);
  const second = buildLexicalIndex(s2, t2, !zhIsTarget, strong(), table.size);
  return alignLengths(srcLens, tgtLens, {
    lexical: second,
    skip: 'prior',
    shapes: ALIGN_SHAPES,
    priorCosts,
    centres: pathCentres(beads1, n),
    band: REALIGN_BAND,
  });
}

/** The target position of a path at each row 0..n (where its beads cross the row). */
function pathCentres(beads: readonly Bead[], n: number): Float64Array {
  const centres = new Float64Array(n + 1);
  let i = 0;
  let j = 0;
  for (const b of beads) {
    const a = b.src.length;
    for (let x = 1; x <= a; x++) centres[i + x] = j + (b.tgt.length * x) / a;
    i += a;
    j += b.tgt.length;
    if (a === 0) centres[i] = j;
  }
  return centres;
}
