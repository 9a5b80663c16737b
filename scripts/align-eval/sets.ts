/**
 * The two alignment test sets of ../shared/corpus/align (see its SOURCES.md), read in place
 * (CC BY-SA and GPL: never copied into the repo), each scored for our aligner and for the
 * plain Gale–Church baseline on the same input. Used by scripts/align-eval/index.ts and its test.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignTexts } from '../../glossary/align/align-texts.ts';
import { conceptsFromInputs } from '../../glossary/concept/concept.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';
import { beadsOverLines, lineStarts } from './beads.ts';
import { type BeadScores, parseBeads, type ScoreBead, scoreAlignments } from './score.ts';

type Method = 'anchored' | 'gale-church';
export interface Result {
  set: string;
  documents: number;
  sentences: { src: number; tgt: number };
  goldBeads: number;
  ours: BeadScores;
  galeChurch: BeadScores;
  seconds: number;
}

/** The starter glossary as concepts, so the anchors include glossary names (ids are positions). */
function starterMatcher() {
  return buildMatcher(conceptsFromInputs(starterGlossary()));
}

export function ntrex(dir: string, SEP: string): Result {
  const started = performance.now();
  const read = (f: string) =>
    readFileSync(join(dir, f), 'utf8')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/);
  const en = read('newstest2019-src.eng.txt');
  const zh = read('newstest2019-ref.zho-CN.txt');
  const ids = read('DOCUMENT_IDS.tsv');
  if (en.length !== zh.length || en.length !== ids.length)
    throw new Error(`ntrex: line counts differ (${en.length}, ${zh.length}, ${ids.length})`);
  const docs: { zh: string[]; en: string[] }[] = [];
  ids.forEach((id, i) => {
    if (i === 0 || id !== ids[i - 1]) docs.push({ zh: [], en: [] });
    docs.at(-1)!.zh.push(zh[i]!);
    docs.at(-1)!.en.push(en[i]!);
  });
  const matcher = starterMatcher();
  const golds: ScoreBead[][] = [];
  const tests: Record<Method, ScoreBead[][]> = { anchored: [], 'gale-church': [] };
  let srcCount = 0;
  let tgtCount = 0;
  for (const doc of docs) {
    // One text per side. With a line break the text is the document as a file holds it (one
    // segment per line); with a space, headlines without a full stop cannot be told apart.
    const zhText = doc.zh.join(SEP);
    const enText = doc.en.join(SEP);
    golds.push(doc.zh.map((_, i) => ({ src: [i], tgt: [i] })));
    for (const method of ['anchored', 'gale-church'] as const) {
      const r = alignTexts(zhText, enText, { sourceLanguage: 'zh', targetLanguage: 'en', matcher, method });
      if (method === 'anchored') {
        srcCount += r.source.length;
        tgtCount += r.target.length;
      }
      tests[method].push(beadsOverLines(r.beads, r.source, r.target, lineStarts(doc.zh, SEP), lineStarts(doc.en, SEP)));
    }
  }
  return {
    set: `ntrex-zh-en (zh→en, each document's lines joined with ${SEP === '\n' ? 'a line break' : 'a space'} and re-split by our splitter)`,
    documents: docs.length,
    sentences: { src: srcCount, tgt: tgtCount },
    goldBeads: golds.reduce((n, g) => n + g.length, 0),
    ours: scoreAlignments(golds, tests.anchored),
    galeChurch: scoreAlignments(golds, tests['gale-church']),
    seconds: (performance.now() - started) / 1000,
  };
}

export function textberg(dir: string): Result {
  const started = performance.now();
  const golds: ScoreBead[][] = [];
  const tests: Record<Method, ScoreBead[][]> = { anchored: [], 'gale-church': [] };
  let src = 0;
  let tgt = 0;
  for (let d = 0; existsSync(join(dir, `test${d}.defr`)); d++) {
    const lines = (f: string) =>
      readFileSync(join(dir, f), 'utf8')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/);
    const de = lines(`test${d}.de`);
    const fr = lines(`test${d}.fr`);
    src += de.length;
    tgt += fr.length;
    golds.push(parseBeads(readFileSync(join(dir, `test${d}.defr`), 'utf8')));
    // The benchmark gives the sentences (one per line); they are aligned as given.
    for (const method of ['anchored', 'gale-church'] as const) {
      const r = alignTexts('', '', { sourceLanguage: 'latin', targetLanguage: 'latin', method, sourceSentences: de, targetSentences: fr });
      tests[method].push(r.beads.map((b) => ({ src: b.src, tgt: b.tgt })));
    }
  }
  return {
    set: 'textberg-de-fr (de→fr, sentences as given)',
    documents: golds.length,
    sentences: { src, tgt },
    goldBeads: golds.reduce((n, g) => n + g.length, 0),
    ours: scoreAlignments(golds, tests.anchored),
    galeChurch: scoreAlignments(golds, tests['gale-church']),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Speed: the whole NTREX set (about 2,000 sentences a side) aligned as one document. */
export function ntrexSpeed(dir: string): { sentences: { src: number; tgt: number }; seconds: number } {
  const zh = readFileSync(join(dir, 'newstest2019-ref.zho-CN.txt'), 'utf8');
  const en = readFileSync(join(dir, 'newstest2019-src.eng.txt'), 'utf8');
  const matcher = starterMatcher();
  const started = performance.now();
  const r = alignTexts(zh, en, { sourceLanguage: 'zh', targetLanguage: 'en', matcher });
  return { sentences: { src: r.source.length, tgt: r.target.length }, seconds: (performance.now() - started) / 1000 };
}

/**
 * Merge consecutive beads that fall in one verse, as aligner-eval's utils/eval_bible.py does
 * before scoring: a bead whose sentences carry one verse id on each side (or one side empty)
 * has that verse as its type, and joins the previous bead when that one had the same type.
 */
export function mergeByVerse(beads: readonly ScoreBead[], srcVerse: readonly string[], tgtVerse: readonly string[]): ScoreBead[] {
  const single = (ids: readonly number[], verse: readonly string[]): string | null => {
    if (ids.length === 0) return 'NULL';
    const v = verse[ids[0]!]!;
    return ids.every((i) => verse[i] === v) ? v : null;
  };
  const typeOf = (b: ScoreBead): string | null => {
    const s = single(b.src, srcVerse);
    const t = single(b.tgt, tgtVerse);
    if (s === null || t === null) return null;
    if (s === t) return s;
    if (s === 'NULL') return t;
    if (t === 'NULL') return s;
    return null;
  };
  const out: { src: number[]; tgt: number[] }[] = [];
  let last: string | null = null;
  for (const b of beads) {
    const type = typeOf(b);
    if (last !== null && type === last) {
      out.at(-1)!.src.push(...b.src);
      out.at(-1)!.tgt.push(...b.tgt);
    } else out.push({ src: [...b.src], tgt: [...b.tgt] });
    last = type;
  }
  return out;
}

export interface BibleResult extends Omit<Result, 'galeChurch'> {
  /** absent where the baseline is not run (Bible 006: it is slow there and its figure is published) */
  galeChurch?: BeadScores;
  /** resident set size after the alignment, in MB */
  rssMb: number;
  /** peak resident set size of the process so far, in MB */
  peakRssMb: number;
  /** CPU time (user + system, all threads) of the alignment, in seconds: on a shared machine wall time says little */
  cpuSeconds: number;
}

/**
 * The Bible set (en→zh, sentences as given, verse-derived gold): `001` (5,000 English
 * sentences) or `006` (30,000). Scored after the verse merge of aligner-eval. The
 * Gale–Church baseline is only run with `baseline` (it is slow on 006 and published anyway).
 */
export function bible(dir: string, name: '001' | '006', baseline = false): BibleResult {
  const lines = (f: string) =>
    readFileSync(join(dir, f), 'utf8')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/);
  const en = lines(`${name}.en`);
  const zh = lines(`${name}.zh`);
  const enVerse = lines('en.verse');
  const zhVerse = lines('zh.verse');
  const gold = parseBeads(readFileSync(join(dir, `${name}.align`), 'utf8'));
  const matcher = starterMatcher();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const run = (method: Method) =>
    mergeByVerse(
      alignTexts('', '', { sourceLanguage: 'en', targetLanguage: 'zh', method, matcher, sourceSentences: en, targetSentences: zh }).beads,
      enVerse,
      zhVerse,
    );
  const ours = run('anchored');
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rssMb = process.memoryUsage().rss / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1e3;
  return {
    set: `bible-en-zh ${name} (en→zh, sentences as given, verse merge)`,
    documents: 1,
    sentences: { src: en.length, tgt: zh.length },
    goldBeads: gold.length,
    ours: scoreAlignments([gold], [ours]),
    ...(baseline ? { galeChurch: scoreAlignments([gold], [run('gale-church')]) } : {}),
    seconds,
    rssMb,
    peakRssMb,
    cpuSeconds,
  };
}
