import { pinyin } from 'pinyin-pro';
import { isHanUnit } from '../text/chars.ts';

/**
 * Pinyin keys of a Chinese term, computed at index time from pinyin-pro.
 *
 * pinyin-pro reads a word in context and gives one reading (普里什蒂纳 → pu li shen di na),
 * but translators type what they hear or what the usual reading is (shi). So every reading
 * of every character is indexed, not the contextual one. The readings of a term multiply
 * (a name of six polyphonic characters has 64 spellings), so the spellings are enumerated
 * in order of how many characters leave their most common reading, and cut at a cap: a
 * translator's spelling rarely differs from the common one in more than one or two places,
 * and the fuzzy tier still catches the rest.
 */

const MAX_PINYIN_VARIANTS = 8;
/**
 * Syllables of spellings per term, all variants together: a long title (第12区北部地区公共卫生部,
 * 13 syllables) gets fewer variants than a name, so that the keys of a term stay proportional
 * to its length and the index of a million long titles builds in seconds. Nobody types the
 * pinyin of a long title with a misread character in it; the fuzzy tier still forgives one.
 */
const SYLLABLE_BUDGET = 40;

const readingsCache = new Map<string, readonly string[]>();

/**
 * The readings of one folded character, most common first, tone-less, ü written both u and v. A character pinyin-pro does not know is kept as it is
 * (a Latin letter or a digit inside a Chinese term), lower-cased.
 */
export function readingsOf(ch: string): readonly string[] {
  let r = readingsCache.get(ch);
  if (r) return r;
  if (ch.length === 1 && isHanUnit(ch.charCodeAt(0))) {
    const raw = pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }) as string[];
    const out: string[] = [];
    for (const s of raw) {
      const lower = s.toLowerCase();
      // ü: fold() turns a typed ü into u; keyboards without it type v (lü → lu, lv).
      for (const clean of [lower.replace(/ü/g, 'u'), lower.replace(/ü/g, 'v')]) {
        if (/^[a-z]+$/.test(clean) && !out.includes(clean)) out.push(clean);
      }
    }
    r = out;
  } else if (ch.length === 2) {
    r = []; // supplementary-plane ideographs: no pinyin to offer
  } else {
    r = [ch.toLowerCase()];
  }
  readingsCache.set(ch, r);
  return r;
}

/** Per character (code point) of a compact folded key, its readings; characters without one are skipped. */
function syllablesOf(key: string): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  for (const ch of key) {
    const r = readingsOf(ch);
    if (r.length) out.push(r);
  }
  return out;
}

/**
 * Spellings choosing one option per position, fewest departures from option 0 first, at
 * most `cap` of them. Breadth by number of departures keeps the cap from spending itself
 * on variations of the last characters only.
 */
export function boundedCombinations(options: readonly (readonly string[])[], cap: number): string[] {
  const state: Walk = { options, positions: [], choice: options.map(() => 0), out: [], seen: new Set(), cap };
  for (let i = 0; i < options.length; i++) if (options[i]!.length > 1) state.positions.push(i);
  for (let departures = 0; departures <= state.positions.length && state.out.length < cap; departures++) walk(state, 0, departures);
  return state.out;
}

interface Walk {
  options: readonly (readonly string[])[];
  /** indexes of the positions that have a choice */
  positions: number[];
  choice: number[];
  out: string[];
  seen: Set<string>;
  cap: number;
}

/** Emit every spelling with exactly `left` more departures, at positions from `from` on. */
function walk(w: Walk, from: number, left: number): void {
  if (w.out.length >= w.cap) return;
  if (left === 0) {
    let s = '';
    for (let i = 0; i < w.options.length; i++) s += w.options[i]![w.choice[i]!]!;
    if (!w.seen.has(s)) {
      w.seen.add(s);
      w.out.push(s);
    }
    return;
  }
  for (let p = from; p < w.positions.length && w.out.length < w.cap; p++) {
    const pos = w.positions[p]!;
    for (let alt = 1; alt < w.options[pos]!.length && w.out.length < w.cap; alt++) {
      w.choice[pos] = alt;
      walk(w, p + 1, left - 1);
    }
    w.choice[pos] = 0;
  }
}

export interface PinyinKeys {
  /** full spellings without separators: pulishidina, pulishendina … */
  full: string[];
  /** first letters of each syllable: plsdn */
  initials: string[];
}

/** Pinyin keys of a compact folded key that contains Han characters. */
export function pinyinKeys(key: string, maxVariants = MAX_PINYIN_VARIANTS): PinyinKeys {
  const syllables = syllablesOf(key);
  if (!syllables.length) return { full: [], initials: [] };
  const cap = Math.max(1, Math.min(maxVariants, Math.floor(SYLLABLE_BUDGET / syllables.length)));
  if (syllables.every((opts) => opts.length === 1)) {
    // The common case (no polyphonic character): one spelling, no enumeration.
    let full = '';
    let initials = '';
    for (const [only] of syllables) {
      full += only!;
      initials += only![0]!;
    }
    return { full: [full], initials: [initials] };
  }
  const full = boundedCombinations(syllables, cap);
  const initialOptions = syllables.map((opts) => [...new Set(opts.map((s) => s[0]!))]);
  const initials = boundedCombinations(initialOptions, cap);
  return { full, initials };
}

/** A pinyin infix covers at least this many whole syllables: one syllable (shi, na) is in a fifth of the glossary. */
const MIN_INFIX_SYLLABLES = 2;

/**
 * Whether `q` spells whole syllables of a Chinese key from a syllable after the first on
 * (`shidina` in 普里什蒂纳): an infix of joined pinyin only where a syllable starts and ends.
 * Anywhere else the letters run across syllables and make junk (`nato` inside `luotang`,
 * the Kwajalein answer of issue 17). Any reading of each character counts, as for the keys.
 */
export function spellsSyllablesOf(key: string, q: string): boolean {
  const syllables = syllablesOf(key);
  for (let from = 1; from < syllables.length; from++) if (spellsFrom(syllables, from, q, 0, 0)) return true;
  return false;
}

function spellsFrom(syllables: readonly (readonly string[])[], at: number, q: string, pos: number, taken: number): boolean {
  if (pos === q.length) return taken >= MIN_INFIX_SYLLABLES;
  if (at >= syllables.length) return false;
  for (const r of syllables[at]!) if (q.startsWith(r, pos) && spellsFrom(syllables, at + 1, q, pos + r.length, taken + 1)) return true;
  return false;
}
