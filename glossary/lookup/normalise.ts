import { foldUnit, isWhiteUnit } from '../text/fold.ts';
import { isHanUnit } from '../text/chars.ts';

/**
 * The comparison form of lookup keys and queries. On top of fold() (script, width, case,
 * diacritics) everything that is not a letter or a digit is dropped: translators type
 * `pu li shi di na`, `Washington DC`, `哈希姆萨奇` or `xi'an`, and the glossary writes
 * `普里什蒂纳`, `Washington, D.C.`, `哈希姆·萨奇`. Without separators all of these meet.
 */
const KEEP = new Uint8Array(0x10000);
for (let u = 0; u < 0x10000; u++) {
  // Surrogate halves are kept: together they are a supplementary-plane ideograph.
  if ((u >= 0xd800 && u <= 0xdfff) || /[\p{L}\p{N}]/u.test(String.fromCharCode(u))) KEEP[u] = 1;
}

/** fold() unit by unit, keeping letters and digits only (one pass: this runs for every term at index time). */
export function compactKey(text: string): string {
  // Most terms are already in compact form (科索沃, or after the first unit that changes):
  // find the first unit that does, and build a new string only from there.
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteUnit(code) || !KEEP[code] || foldUnit(code) !== code) break;
  }
  if (i === text.length) return text;
  const units: number[] = [];
  for (let j = 0; j < i; j++) units.push(text.charCodeAt(j));
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteUnit(code)) continue;
    const f = foldUnit(code);
    if (KEEP[f]) units.push(f);
  }
  return fromCharCodes(units);
}

/**
 * Whether `key` (a compact key) occurs in compactKey(text) starting where a word of `text`
 * starts: after a separator, at a change between Han and Latin, or at any Han character (a
 * Chinese name has no word boundaries to respect). Separators are gone from compact keys,
 * so the word starts are read off the text in the same pass as compactKey makes them.
 */
export function containsFromWordStart(text: string, key: string): boolean {
  const compact = compactKey(text);
  if (!compact.includes(key)) return false;
  const starts = new Uint8Array(compact.length + 1);
  let p = 0;
  let previousKept = false;
  let previousHan = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const f = isWhiteUnit(code) ? -1 : foldUnit(code);
    if (f < 0 || !KEEP[f]) {
      previousKept = false;
      continue;
    }
    const han = isHanUnit(f);
    if (!previousKept || han || previousHan) starts[p] = 1;
    previousKept = true;
    previousHan = han;
    p++;
  }
  for (let at = compact.indexOf(key); at >= 0; at = compact.indexOf(key, at + 1)) if (starts[at]) return true;
  return false;
}

/** String.fromCharCode over any number of units: spreading a long array overflows the stack. */
function fromCharCodes(units: readonly number[]): string {
  const CHUNK = 8192;
  if (units.length <= CHUNK) return String.fromCharCode(...units);
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.slice(i, i + CHUNK));
  return out;
}

/** Pinyin typed with tone numbers (`pu3li3shi2`): letters with digits 1–5 between syllables. */
const TONE_NUMBERED = /^(?:[a-z]+[1-5]?)+$/;

/**
 * The forms a query is searched under: its compact key, and — when it reads as pinyin with
 * tone numbers — the same without the digits. Tone marks need nothing: fold() strips them.
 * An empty array means there is nothing to search for.
 */
/** Longer queries are cut: no name is longer, and gram counts stay within a byte. */
const MAX_QUERY_KEY = 64;

export function queryForms(query: string): string[] {
  const key = compactKey(query.slice(0, MAX_QUERY_KEY * 4)).slice(0, MAX_QUERY_KEY);
  if (!key) return [];
  const forms = [key];
  if (/\d/.test(key) && TONE_NUMBERED.test(key)) {
    const toneless = key.replace(/[1-5]/g, '');
    if (toneless && toneless !== key) forms.push(toneless);
  }
  return forms;
}
