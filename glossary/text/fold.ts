import * as OpenCC from 'opencc-js';
import { bmpCodes, CJK as CJK_RANGES, FULL_WIDTH_ASCII, FULL_WIDTH_OFFSET, HAN, MIDDLE_DOTS, markUnits } from './chars.ts';
import { isIgnorableUnit } from './invisible.ts';

/**
 * Folding: the comparison form shared by highlighting, lookup and QA (PRODUCT.md, "Matching
 * semantics"). Every UTF-16 unit folds to exactly one unit, or is dropped (white space
 * between CJK characters, combining diacritics), so a folded offset maps back to the
 * original through one array.
 *
 * opencc-js converts phrase by phrase at a few million characters a second: too slow to run
 * over documents. We ask it once per character and keep the answers in a 64K-entry table,
 * which is all that folding needs (regional forms are data, not conversion). The tables are
 * built on first use, not at import: loading opencc's dictionaries is a third of the app's
 * import time, and commands that never fold (user, backup, --help) should not pay for it.
 */

const CANONICAL_DOT = 0x00b7;

/** unit → folded unit (identity where nothing changes) */
const FOLD = new Uint16Array(0x10000);
/** 1 = white space, 2 = CJK (white space between two of these is ignored) */
const CLASS = new Uint8Array(0x10000);
const WHITE = 1;
const CJK = 2;
/** dropped: combining diacritics (decomposed Thac\u0327i folds like Thaçi) and invisible format characters */
const MARK = 3;

let built = false;

function buildTables(): void {
  built = true;
  for (let u = 0; u < 0x10000; u++) FOLD[u] = u;

  // Traditional → Simplified, one character at a time.
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const toSimplifiedHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const han = bmpCodes(HAN).map((u) => String.fromCharCode(u));
  // One conversion call over newline-separated characters keeps start-up fast; newlines stop
  // OpenCC's phrase matching, so each character is converted on its own.
  for (const convert of [toSimplifiedHk, toSimplified]) {
    const out = convert(han.join('\n')).split('\n');
    for (let i = 0; i < han.length; i++) {
      const from = han[i]!;
      const to = out[i];
      if (to && to.length === 1 && to !== from) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
    }
  }

  // Full-width ASCII and the ideographic space.
  for (const u of bmpCodes([FULL_WIDTH_ASCII])) FOLD[u] = u - FULL_WIDTH_OFFSET;
  FOLD[0x3000] = 0x20;

  for (const dot of MIDDLE_DOTS) FOLD[dot.charCodeAt(0)] = CANONICAL_DOT;

  // Latin (and Greek/Cyrillic) case and diacritics: Thaçi = thaci, KOSOVO = kosovo.
  for (let u = 0x41; u < 0x3000; u++) {
    if (u >= 0x0300 && u < 0x0370) continue; // lone combining marks stay
    const ch = String.fromCharCode(FOLD[u]!);
    const lower = ch.toLowerCase();
    const bare = lower.normalize('NFD').replace(/\p{M}/gu, '');
    const folded = bare.length === 1 ? bare : lower.length === 1 ? lower : ch;
    FOLD[u] = folded.charCodeAt(0);
  }
  // Full-width letters got their ASCII form above; give them the lower case too.
  for (let u = 0xff21; u <= 0xff3a; u++) FOLD[u] = u - FULL_WIDTH_OFFSET + 0x20;

  for (const ch of ' \t\n\r\f\v\u00a0\u2028\u2029\u3000\u2002\u2003\u2009\u202f') CLASS[ch.charCodeAt(0)] = WHITE;
  // Surrogates stand for the supplementary ideographs (extension B and on).
  markUnits(CLASS, CJK_RANGES, CJK, true);
  for (const dot of MIDDLE_DOTS) CLASS[dot.charCodeAt(0)] = CJK;
  for (const [lo, hi] of [
    [0x0300, 0x036f],
    [0x1ab0, 0x1aff],
    [0x1dc0, 0x1dff],
    [0x20d0, 0x20ff],
    [0xfe20, 0xfe2f],
  ] as const)
    for (let u = lo; u <= hi; u++) CLASS[u] = MARK;
  // Invisible format characters fold away like combining marks (glossary/text/invisible.ts).
  for (let u = 0; u < 0x10000; u++) if (isIgnorableUnit(u)) CLASS[u] = MARK;
}

/**
 * The raw tables, for hot loops that fold as they scan (the matcher): fold[unit] is the
 * folded unit, cls[unit] is WHITE_CLASS, CJK_CLASS, MARK_CLASS or 0. Read-only by contract.
 */
export function foldTables(): { fold: Readonly<Uint16Array>; cls: Readonly<Uint8Array> } {
  if (!built) buildTables();
  return { fold: FOLD, cls: CLASS };
}
export const WHITE_CLASS = WHITE;
export const CJK_CLASS = CJK;
export const MARK_CLASS = MARK;

export interface FoldedText {
  /** the folded text */
  text: string;
  /** offsets[i] = index in the original of folded unit i; offsets[text.length] = original length */
  offsets: Uint32Array;
}

/** Fold one UTF-16 unit (no white-space handling). */
export function foldUnit(code: number): number {
  if (!built) buildTables();
  return FOLD[code]!;
}

export function isCjkUnit(code: number): boolean {
  if (!built) buildTables();
  return CLASS[code] === CJK;
}

export function isWhiteUnit(code: number): boolean {
  if (!built) buildTables();
  return CLASS[code] === WHITE;
}

/**
 * Fold a text and keep, for each folded unit, where it came from. White space runs between
 * two CJK characters are dropped; any other white-space run becomes one space.
 */
export function foldWithOffsets(source: string): FoldedText {
  const out = new Uint16Array(source.length);
  const offsets = new Uint32Array(source.length + 1);
  const k = foldInto(source, out, offsets);
  return { text: unitsToString(out.subarray(0, k), source), offsets: offsets.slice(0, k + 1) };
}

/**
 * The folding loop, shared by foldWithOffsets and fold: folded units go to `out`, and when
 * `offsets` is given, each one's index in the source (offsets[k] = source length at the end).
 * Returns the number of folded units.
 */
function foldInto(source: string, out: Uint16Array, offsets: Uint32Array | null): number {
  if (!built) buildTables();
  const n = source.length;
  let k = 0;
  let i = 0;
  while (i < n) {
    const code = source.charCodeAt(i);
    if (CLASS[code] === WHITE) {
      let j = i + 1;
      while (j < n && CLASS[source.charCodeAt(j)] === WHITE) j++;
      // Both neighbours are judged on the original units, so that `，\n科` and `科\n，` behave alike.
      const before = i > 0 ? source.charCodeAt(i - 1) : 0;
      const after = j < n ? source.charCodeAt(j) : 0;
      const joinsCjk = k > 0 && j < n && CLASS[before] === CJK && CLASS[after] === CJK;
      if (!joinsCjk) {
        out[k] = 0x20;
        if (offsets) offsets[k] = i;
        k++;
      }
      i = j;
      continue;
    }
    if (CLASS[code] === MARK) {
      i++;
      continue;
    }
    out[k] = FOLD[code]!;
    if (offsets) offsets[k] = i;
    k++;
    i++;
  }
  if (offsets) offsets[k] = n;
  return k;
}

const utf16 = new TextDecoder('utf-16le');
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Folding maps units one to one and drops only white space, so the folded units form
 * well-formed UTF-16 exactly when the source does; then the decoder (many times faster than
 * String.fromCharCode over chunks) is exact. It would turn a lone surrogate into U+FFFD,
 * so ill-formed sources take the slow path.
 */
function unitsToString(units: Uint16Array, source: string): string {
  // isWellFormed is in Node 20 but not in the TypeScript lib this project targets.
  if (units.length > 64 && littleEndian && (source as string & { isWellFormed(): boolean }).isWellFormed()) return utf16.decode(units);
  let text = '';
  const CHUNK = 8192;
  for (let s = 0; s < units.length; s += CHUNK) text += String.fromCharCode(...units.subarray(s, Math.min(units.length, s + CHUNK)));
  return text;
}

/** The folded form of a term or query: white space trimmed and collapsed as in documents. */
export function fold(source: string): string {
  const trimmed = source.trim();
  // A reused buffer and no offsets: the matcher folds every term of the glossary (a million
  // at a time), and two typed arrays per term were most of its build's garbage.
  if (foldBuffer.length < trimmed.length) foldBuffer = new Uint16Array(Math.max(trimmed.length, foldBuffer.length * 2));
  const k = foldInto(trimmed, foldBuffer, null);
  return unitsToString(foldBuffer.subarray(0, k), trimmed);
}
let foldBuffer = new Uint16Array(256);

/** Map a folded span back to the original text: [start, end) in original UTF-16 units. */
export function originalSpan(folded: FoldedText, start: number, end: number): [number, number] {
  return [folded.offsets[start]!, folded.offsets[end - 1]! + 1];
}
