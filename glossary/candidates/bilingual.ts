import { isHanChar } from '../text/chars.ts';
import { fold, foldWithOffsets } from '../text/fold.ts';
import type { KnownIndex } from './known.ts';
import { STOP_CHARS } from './patterns.ts';
import type { AlignedPair, Candidate, Evidence } from './types.ts';

/**
 * Bilingual candidates from aligned sentence pairs: a Chinese n-gram and an English
 * capitalised phrase that keep turning up in the same pairs are probably one name. The
 * input is plain `{zh, en}` pairs, so any aligner (or a translation memory) can feed it.
 *
 * Counts are per pair (presence, not frequency). Association is measured twice: Dice
 * (2·both / (zh + en)) is easy to read and favours pairs that always go together;
 * Dunning's log-likelihood ratio tells whether that could be chance given how rare both
 * are. Nested n-grams of one name (科索沃特派, 科索沃特派团) share their counts, so each
 * English phrase keeps its best Chinese n-gram, the longer one on a tie, and each side is
 * linked once (competitive linking, Melamed 2000).
 */
export interface BilingualOptions {
  known: KnownIndex;
  /** pairs in which both must occur (default 2) */
  minCount?: number;
  /** lowest Dice coefficient kept (default 0.5) */
  minDice?: number;
  maxNgram?: number;
  rejected?: ReadonlySet<string>;
}

export interface Association {
  zh: string;
  en: string;
  both: number;
  zhCount: number;
  enCount: number;
  dice: number;
  llr: number;
}

/** Characters that seldom begin or end a name: speech verbs, particles, measure words. */
const NOT_AN_EDGE = new Set([...'示说称了着过们些个次名位种年月日时中上下里后前道认为指出']);

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'to', 'de', 'du', 'la', 'von', 'van', 'al', 'bin']);
/** Capitalised in English without being names. */
const CALENDAR = new Set([
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);
const SENTENCE_WORDS = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'But',
  'And',
  'It',
  'He',
  'She',
  'They',
  'We',
  'I',
  'This',
  'That',
  'These',
  'Those',
  'There',
  'As',
  'If',
  'When',
  'While',
  'After',
  'Before',
  'For',
  'Of',
  'To',
  'However',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
]);

/** Capitalised phrases of an English sentence: "Special Monitoring Mission to Ukraine", "OSCE". */
export function englishPhrases(text: string): string[] {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  const out = new Set<string>();
  const clean = (p: string) => p.replace(/[.’']+$/u, '');
  let run: string[] = [];
  // The whole phrase, and its parts between connectors ("Head of UNMIK" → "Head", "UNMIK"):
  // which of them goes with a Chinese n-gram is for the statistics to say.
  const flush = () => {
    while (run.length && CONNECTORS.has(run[run.length - 1]!.toLowerCase())) run.pop();
    while (run.length && SENTENCE_WORDS.has(run[0]!)) run.shift();
    if (run.length && run.length <= 7) {
      out.add(clean(run.join(' ')));
      let part: string[] = [];
      for (const w of [...run, 'of']) {
        if (!CONNECTORS.has(w.toLowerCase())) part.push(w);
        else if (part.length) {
          if (part.length < run.length) out.add(clean(part.join(' ')));
          part = [];
        }
      }
    }
    run = [];
  };
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) run.push(w);
    else if (run.length && CONNECTORS.has(w.toLowerCase())) run.push(w);
    else flush();
  }
  flush();
  return [...out].filter((p) => p.length >= 2 && !/^\d/.test(p) && !CALENDAR.has(p));
}

/** Chinese n-grams of a sentence outside known names, not starting or ending on a stop word. */
function chineseNgrams(text: string, known: KnownIndex, maxN: number): string[] {
  const folded = foldWithOffsets(text);
  const f = folded.text;
  const covered = new Uint8Array(f.length);
  for (const [s, e] of known.spans(text, folded)) covered.fill(1, s, e);
  const out = new Set<string>();
  let i = 0;
  while (i < f.length) {
    if (covered[i] || !isHanChar(f[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < f.length && !covered[j] && isHanChar(f[j])) j++;
    for (let s = i; s < j; s++) {
      if (STOP_CHARS.has(f[s]!)) continue;
      if (NOT_AN_EDGE.has(f[s]!)) continue;
      for (let n = 2; n <= maxN && s + n <= j; n++) {
        if (STOP_CHARS.has(f[s + n - 1]!) || NOT_AN_EDGE.has(f[s + n - 1]!)) continue;
        out.add(f.slice(s, s + n));
      }
    }
    i = j;
  }
  return [...out];
}

function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/** Dunning's G² for a 2×2 table of pair counts. */
export function logLikelihood(both: number, zhOnly: number, enOnly: number, neither: number): number {
  const n = both + zhOnly + enOnly + neither;
  const g =
    xlogx(both) +
    xlogx(zhOnly) +
    xlogx(enOnly) +
    xlogx(neither) -
    xlogx(both + zhOnly) -
    xlogx(enOnly + neither) -
    xlogx(both + enOnly) -
    xlogx(zhOnly + neither) +
    xlogx(n);
  return Math.max(0, 2 * g);
}

function associations(
  pairs: readonly AlignedPair[],
  options: BilingualOptions,
): { list: Association[]; zhSets: string[][]; enSets: string[][] } {
  const maxN = options.maxNgram ?? 8;
  const zhSets = pairs.map((p) => chineseNgrams(p.zh, options.known, maxN));
  const enSets = pairs.map((p) => englishPhrases(p.en));
  const zhCount = new Map<string, number>();
  const enCount = new Map<string, number>();
  for (const set of zhSets) for (const z of set) zhCount.set(z, (zhCount.get(z) ?? 0) + 1);
  for (const set of enSets) for (const e of set) enCount.set(e, (enCount.get(e) ?? 0) + 1);
  const minCount = options.minCount ?? 2;
  // Pair counts keyed by number (zh id × English count + en id): string keys for millions of
  // (n-gram, phrase) combinations would dominate the run time.
  const zhIds = new Map<string, number>();
  const enIds = new Map<string, number>();
  for (const [z, c] of zhCount) if (c >= minCount) zhIds.set(z, zhIds.size);
  for (const [e, c] of enCount) if (c >= minCount) enIds.set(e, enIds.size);
  const width = enIds.size;
  const both = new Map<number, number>();
  pairs.forEach((_, k) => {
    const zs: number[] = [];
    const es: number[] = [];
    for (const z of zhSets[k]!) {
      const id = zhIds.get(z);
      if (id !== undefined) zs.push(id);
    }
    for (const e of enSets[k]!) {
      const id = enIds.get(e);
      if (id !== undefined) es.push(id);
    }
    for (const z of zs)
      for (const e of es) {
        const key = z * width + e;
        both.set(key, (both.get(key) ?? 0) + 1);
      }
  });
  const zhOf = [...zhIds.keys()];
  const enOf = [...enIds.keys()];
  const n = pairs.length;
  const minDice = options.minDice ?? 0.5;
  const list: Association[] = [];
  for (const [key, c] of both) {
    if (c < minCount) continue;
    const zh = zhOf[Math.floor(key / width)]!;
    const en = enOf[key % width]!;
    const cz = zhCount.get(zh)!;
    const ce = enCount.get(en)!;
    const dice = (2 * c) / (cz + ce);
    if (dice < minDice) continue;
    list.push({ zh, en, both: c, zhCount: cz, enCount: ce, dice, llr: logLikelihood(c, cz - c, ce - c, n - cz - ce + c) });
  }
  return { list, zhSets, enSets };
}

/** Rough Chinese length of an English name: ~2.3 letters a character. */
function expectedLength(en: string): number {
  // An acronym says nothing about the length of the full name: take the longest tie.
  if (/^[\p{Lu}\d-]{2,10}$/u.test(en)) return 99;
  return Math.max(2, Math.round(en.replace(/[^\p{L}]/gu, '').length / 2.3));
}

/** Pick one Chinese n-gram per English phrase and link each side once, best first. */
function linkAssociations(list: Association[]): Association[] {
  const sorted = [...list].sort((a, b) => b.dice - a.dice || b.llr - a.llr || b.zh.length - a.zh.length);
  const usedZh: string[] = [];
  const usedEn = new Set<string>();
  const out: Association[] = [];
  for (const a of sorted) {
    if (usedEn.has(a.en)) continue;
    if (usedZh.some((z) => z.includes(a.zh) || a.zh.includes(z))) continue;
    out.push(a);
    usedEn.add(a.en);
    usedZh.push(a.zh);
  }
  return out;
}

/**
 * Candidates with evidence: the pairs in which both forms occur. Pairs whose both sides
 * the glossary knows are dropped; one side known makes it a merge proposal (markKnown in
 * extract.ts does that for every candidate).
 */
export function bilingualCandidates(
  pairs: readonly AlignedPair[],
  options: BilingualOptions & { script?: 'zh-CN' | 'zh-TW' },
): Candidate[] {
  const { list } = associations(pairs, options);
  // Prefer, for every English phrase, the longest Chinese n-gram that has the best Dice:
  // a shorter one with the same counts is a piece of it.
  // Among n-grams that tie, the one whose length fits the English best: a transliterated
  // name has about one character per syllable (Livingston → 利文斯顿), so a longer tie
  // is the name plus context and a shorter one a piece of it.
  const best = new Map<string, Association>();
  // With three or more shared pairs the shared context has usually changed, so the longest
  // tie is the name; with two, the whole shared clause ties, and the length prior decides.
  const fit = (a: Association) => (a.both >= 3 ? -a.zh.length : Math.abs(a.zh.length - expectedLength(a.en)));
  for (const a of list) {
    const prior = best.get(a.en);
    if (
      !prior ||
      a.dice > prior.dice + 1e-9 ||
      (Math.abs(a.dice - prior.dice) < 1e-9 && (fit(a) < fit(prior) || (fit(a) === fit(prior) && a.zh.length > prior.zh.length)))
    )
      best.set(a.en, a);
  }
  const linked = linkAssociations([...best.values()]);
  const foldedPairs: (ReturnType<typeof foldWithOffsets> | undefined)[] = [];
  const out: Candidate[] = [];
  const rejected = options.rejected ?? new Set<string>();
  for (const a of linked) {
    if (rejected.has(a.zh)) continue;
    const zhKnown = options.known.conceptOf(a.zh);
    const enKnown = options.known.conceptOf(fold(a.en));
    if (zhKnown !== undefined && enKnown !== undefined) continue;
    const evidence: Evidence[] = [];
    for (const [k, p] of pairs.entries()) {
      if (!p.en.includes(a.en)) continue;
      const f = foldedPairs[k] ?? foldWithOffsets(p.zh);
      foldedPairs[k] = f;
      const at = f.text.indexOf(a.zh);
      if (at < 0 || !p.en.includes(a.en)) continue;
      evidence.push({ sentence: p.zh, sentenceStart: 0, start: f.offsets[at]!, end: f.offsets[at + a.zh.length - 1]! + 1, en: p.en });
      if (evidence.length >= 3) break;
    }
    const acronym = /^[\p{Lu}\d-]{2,10}$/u.test(a.en);
    out.push({
      key: a.zh,
      kind: 'cooccurrence',
      forms: [
        {
          text: evidence[0] ? evidence[0].sentence.slice(evidence[0].start, evidence[0].end).replace(/\s+/g, '') : a.zh,
          lang: options.script ?? 'zh-CN',
          type: null,
          verified: true,
        },
        { text: a.en, lang: 'en', type: acronym ? 'abbreviation' : null, verified: true },
      ],
      score: Math.round(Math.min(0.9, 0.25 + 0.4 * a.dice + 0.25 * Math.min(1, a.llr / 80)) * 1000) / 1000,
      frequency: a.both,
      evidence,
      subject: null,
      known: null,
    });
  }
  return out;
}
