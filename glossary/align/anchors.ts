/**
 * Lexical anchors: tokens that a sentence and its translation share whatever the languages
 * — numbers, dates, UN document symbols, Latin words left in a Chinese text, and glossary
 * concepts (a Chinese name and its English equivalent both map to the concept's id).
 *
 * Each anchor is "strong" (it should find a partner in the translation: a number, a symbol,
 * a concept, a Latin word inside Chinese) or "weak" (an ordinary word of the target, or of
 * a Latin-script source, which only counts when it does find one).
 */

import { toHalfWidth } from '../text/chars.ts';
import { isCjkUnit } from '../text/fold.ts';

export interface AnchorToken {
  key: string;
  strong: boolean;
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // German and French, for the Latin-script evaluation pair
  januar: 1,
  februar: 2,
  märz: 3,
  mai: 5,
  juni: 6,
  juli: 7,
  oktober: 10,
  dezember: 12,
  janvier: 1,
  février: 2,
  mars: 3,
  avril: 4,
  juin: 6,
  juillet: 7,
  août: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
};

/** UN document symbols: S/2020/1087, A/RES/75/1, S/PV.8749, E/CN.4/2005/L.10. */
const SYMBOL = /\b(?:[A-Z]{1,5}\/)(?:[A-Z0-9][A-Za-z0-9.-]*\/)*[A-Z0-9][A-Za-z0-9.-]*[A-Za-z0-9]/g;
/** Numbers, with thousands separators and decimals: 1,000 / 17000 / 3.5 / 100%. */
const NUMBER = /\d+(?:[,，]\d{3})*(?:[.．]\d+)?/g;
const LATIN_WORD = /[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’-]*/g;

function normaliseNumber(raw: string): string {
  const n = raw.replace(/[,，]/g, '').replace('．', '.');
  // 05 and 5 are the same day; 3.50 and 3.5 the same amount.
  return n.includes('.') ? String(Number(n)) : n.replace(/^0+(?=\d)/, '');
}

function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isCjkUnit(text.charCodeAt(i))) return true;
  return false;
}

export interface AnchorOptions {
  /** true for the Chinese side: its Latin words are strong anchors */
  chinese: boolean;
  /** shortest ordinary word that may count as a weak anchor */
  minWordLength?: number;
}

/** Anchors of one sentence, without concepts (the glossary adds those; see conceptAnchors). */
export function sentenceAnchors(text: string, options: AnchorOptions): AnchorToken[] {
  const out: AnchorToken[] = [];
  let rest = toHalfWidth(text);
  for (const m of rest.matchAll(SYMBOL)) out.push({ key: `sym:${m[0].toUpperCase()}`, strong: true });
  rest = rest.replace(SYMBOL, ' ');
  for (const m of rest.matchAll(NUMBER)) out.push({ key: `num:${normaliseNumber(m[0])}`, strong: true });
  const chinese = options.chinese || hasCjk(text);
  const minWord = options.minWordLength ?? (chinese ? 2 : 4);
  for (const m of rest.matchAll(LATIN_WORD)) {
    // Case and diacritics folded: Zürich/Zurich, expédition/Expedition, Thaçi/Thaci meet.
    const word = m[0].replace(/['’-]+$/, '').toLowerCase();
    const bare = word.normalize('NFD').replace(/\p{M}/gu, '');
    const month = MONTHS[word.replace(/\.$/, '')];
    if (month !== undefined && !(word === 'may' && !/^May/.test(m[0]))) out.push({ key: `num:${month}`, strong: true });
    if (word.length < minWord) continue;
    // Inside Chinese text a Latin word (COVID, UNMIK, Twp) is a strong anchor: the English
    // side will almost always repeat it.
    out.push({ key: `w:${bare}`, strong: chinese });
  }
  return out;
}

/** Concept ids as anchors: the same key on both sides when a name and its equivalent occur. */
export function conceptAnchors(conceptIds: Iterable<number>): AnchorToken[] {
  const out: AnchorToken[] = [];
  for (const id of conceptIds) out.push({ key: `c:${id}`, strong: true });
  return out;
}

/**
 * Interned anchors for the aligner: per sentence a sorted id array and a strength array.
 * Tokens that occur on one side only can never be shared, so they are dropped from the weak
 * set (keeping the per-bead work small) but kept as strong ones (an unmatched number is
 * evidence against a bead).
 */
export interface AnchorIndex {
  src: { ids: Int32Array; strong: Uint8Array }[];
  tgt: { ids: Int32Array; strong: Uint8Array }[];
  size: number;
}

export function indexAnchors(src: AnchorToken[][], tgt: AnchorToken[][]): AnchorIndex {
  const onSrc = new Set<string>();
  const onTgt = new Set<string>();
  for (const s of src) for (const a of s) onSrc.add(a.key);
  for (const s of tgt) for (const a of s) onTgt.add(a.key);
  const ids = new Map<string, number>();
  const intern = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const build = (sentences: AnchorToken[][], other: Set<string>) =>
    sentences.map((tokens) => {
      const best = new Map<number, number>();
      for (const t of tokens) {
        if (!t.strong && !other.has(t.key)) continue;
        const id = intern(t.key);
        best.set(id, Math.max(best.get(id) ?? 0, t.strong ? 1 : 0));
      }
      const sorted = [...best.keys()].sort((a, b) => a - b);
      return { ids: Int32Array.from(sorted), strong: Uint8Array.from(sorted.map((id) => best.get(id)!)) };
    });
  const s = build(src, onTgt);
  const t = build(tgt, onSrc);
  return { src: s, tgt: t, size: ids.size };
}
