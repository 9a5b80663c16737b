import { PINYIN_CONFUSIONS, pick, type Random, type SyntheticEntry, seededRandom } from './synthetic.ts';

/**
 * Lookup queries with known answers, derived from the synthetic glossary the way translators
 * type them: a Chinese form in either script, a fragment, English (exact, a prefix typed so
 * far, a typo), pinyin (joined, spaced, initials, a misheard syllable) and a wrong character.
 */

export const QUERY_KINDS = [
  'zh-CN',
  'zh-TW',
  'zh-fragment',
  'zh-typo',
  'en',
  'en-prefix',
  'en-typo',
  'pinyin',
  'pinyin-spaced',
  'pinyin-initials',
  'pinyin-misheard',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface LookupQuery {
  kind: QueryKind;
  query: string;
  /** conceptRef of the concept the query was made from */
  expected: string;
}

const LETTERS = 'abcdefghijklmnoprstuvwyz';
const TYPO_CHARACTERS = [...'阿巴贝尔格科索沃斯特拉德莱里什蒂纳普马波维亚卡尼诺罗布多克西伊奥萨米哈希姆基兰达加利塔'];

/** One or two edits (substitute, delete, insert, swap neighbours), never at the first letter. */
export function typo(rnd: Random, word: string, edits: number): string {
  let w = word;
  for (let e = 0; e < edits; e++) {
    const i = 1 + Math.floor(rnd() * Math.max(1, w.length - 1));
    const op = Math.floor(rnd() * 4);
    if (op === 0)
      w =
        w.slice(0, i) +
        pick(
          rnd,
          [...LETTERS].filter((c) => c !== w[i]),
        ) +
        w.slice(i + 1);
    else if (op === 1 && w.length > 4) w = w.slice(0, i) + w.slice(i + 1);
    else if (op === 2) w = w.slice(0, i) + pick(rnd, [...LETTERS]) + w.slice(i);
    else if (i + 1 < w.length && w[i] !== w[i + 1]) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    else
      w =
        w.slice(0, i) +
        pick(
          rnd,
          [...LETTERS].filter((c) => c !== w[i]),
        ) +
        w.slice(i + 1);
  }
  return w === word ? word + pick(rnd, [...LETTERS]) : w;
}

function makeQuery(rnd: Random, kind: QueryKind, e: SyntheticEntry): string | undefined {
  const han = [...e.zhCN.replace('·', '')];
  switch (kind) {
    case 'zh-CN':
      return e.zhCN;
    case 'zh-TW':
      return e.zhTW;
    case 'zh-fragment': {
      if (han.length < 4) return undefined;
      const at = Math.floor(rnd() * (han.length - 2));
      return han.slice(at, at + 3).join('');
    }
    case 'zh-typo': {
      if (han.length < 4) return undefined;
      const chars = [...e.zhCN];
      const positions = chars.map((c, i) => (c === '·' ? -1 : i)).filter((i) => i > 0);
      const i = pick(rnd, positions);
      chars[i] = pick(
        rnd,
        TYPO_CHARACTERS.filter((c) => c !== chars[i]),
      );
      return chars.join('');
    }
    case 'en':
      return rnd() < 0.5 ? e.en : e.en.toLowerCase();
    case 'en-prefix': {
      if (e.en.length < 7) return undefined;
      return e.en.slice(0, Math.max(4, Math.ceil(e.en.length * 0.6)));
    }
    case 'en-typo': {
      if (e.en.length < 6) return undefined;
      return typo(rnd, e.en.toLowerCase(), e.en.length >= 9 ? 2 : 1);
    }
    case 'pinyin':
      return e.pinyin.join('');
    case 'pinyin-spaced':
      return e.pinyin.join(' ');
    case 'pinyin-initials':
      return e.pinyin.length >= 4 ? e.pinyin.map((s) => s[0]).join('') : undefined;
    case 'pinyin-misheard': {
      const at = e.pinyin.map((s, i) => (PINYIN_CONFUSIONS[s] ? i : -1)).filter((i) => i >= 0);
      if (e.pinyin.length < 3 || at.length === 0) return undefined;
      const i = pick(rnd, at);
      const out = [...e.pinyin];
      out[i] = PINYIN_CONFUSIONS[out[i]!]!;
      return out.join('');
    }
  }
}

/** `count` queries, kinds in turn (so any prefix of the list is balanced across kinds). */
export function generateQueries(entries: readonly SyntheticEntry[], count: number, seed: number): LookupQuery[] {
  const rnd = seededRandom(seed);
  const out: LookupQuery[] = [];
  if (entries.length === 0) return out;
  for (let n = 0; out.length < count && n < count * 10; n++) {
    const kind = QUERY_KINDS[n % QUERY_KINDS.length]!;
    for (let attempt = 0; attempt < 50; attempt++) {
      const e = pick(rnd, entries);
      const query = makeQuery(rnd, kind, e);
      if (query) {
        out.push({ kind, query, expected: e.externalId });
        break;
      }
    }
  }
  return out;
}
