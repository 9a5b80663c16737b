import * as OpenCC from 'opencc-js';
import type { Concept, ConceptInput, Status, Term, TermInput } from '../../glossary/concept/types.ts';

/**
 * A seeded, deterministic synthetic glossary for the benchmark: transliterated foreign names
 * as Chinese writes them (科索沃, 哈希姆·萨奇), with Taiwan forms and English names. No data
 * files: names are composed from a table of the characters Chinese uses for transliteration,
 * so 100,000 concepts look like the real glossary to the matcher and the lookup (short CJK
 * strings from a small alphabet sharing many prefixes; Taiwan forms that differ by one
 * character; English names with diacritics) without shipping anyone's data.
 */

/** [transliteration character, its usual pinyin, English spellings it stands for] */
const SYLLABLES: readonly (readonly [string, string, readonly string[]])[] = [
  ['阿', 'a', ['a']],
  ['巴', 'ba', ['ba']],
  ['贝', 'bei', ['be', 'bei']],
  ['尔', 'er', ['r', 'l']],
  ['格', 'ge', ['g', 'ge']],
  ['科', 'ke', ['co', 'ko']],
  ['索', 'suo', ['so']],
  ['沃', 'wo', ['vo', 'wo']],
  ['斯', 'si', ['s']],
  ['特', 'te', ['t', 'te']],
  ['拉', 'la', ['la', 'ra']],
  ['德', 'de', ['d', 'de']],
  ['莱', 'lai', ['le', 'ra', 'lai']],
  ['里', 'li', ['ri', 'li']],
  ['什', 'shi', ['sh', 'shi']],
  ['蒂', 'di', ['ti', 'di']],
  ['纳', 'na', ['na']],
  ['普', 'pu', ['p', 'pu']],
  ['京', 'jing', ['tin', 'jing']],
  ['丁', 'ding', ['din', 'ting']],
  ['马', 'ma', ['ma']],
  ['乌', 'wu', ['u', 'wu']],
  ['波', 'bo', ['po', 'bo']],
  ['维', 'wei', ['vi', 'we']],
  ['亚', 'ya', ['ya', 'ia']],
  ['卡', 'ka', ['ca', 'ka']],
  ['尼', 'ni', ['ni']],
  ['诺', 'nuo', ['no']],
  ['夫', 'fu', ['v', 'ff']],
  ['罗', 'luo', ['ro', 'lo']],
  ['布', 'bu', ['b', 'bu']],
  ['多', 'duo', ['do']],
  ['克', 'ke', ['k', 'c']],
  ['西', 'xi', ['si', 'ci']],
  ['伊', 'yi', ['i', 'y']],
  ['奥', 'ao', ['o', 'au']],
  ['萨', 'sa', ['sa', 'za']],
  ['米', 'mi', ['mi']],
  ['哈', 'ha', ['ha']],
  ['希', 'xi', ['shi', 'hi']],
  ['姆', 'mu', ['m']],
  ['基', 'ji', ['ki', 'gi']],
  ['兰', 'lan', ['lan', 'ran']],
  ['达', 'da', ['da', 'ta']],
  ['加', 'jia', ['ga', 'ja']],
  ['利', 'li', ['li']],
  ['塔', 'ta', ['ta']],
  ['蒙', 'meng', ['mon']],
  ['图', 'tu', ['tu']],
  ['帕', 'pa', ['pa']],
  ['托', 'tuo', ['to']],
  ['洛', 'luo', ['lo']],
  ['森', 'sen', ['sen', 'son']],
  ['汉', 'han', ['han']],
  ['金', 'jin', ['kin', 'jin']],
  ['曼', 'man', ['man']],
  ['菲', 'fei', ['fi', 'phi']],
  ['韦', 'wei', ['we', 'wi']],
  ['芬', 'fen', ['fen']],
  ['赫', 'he', ['he', 'h']],
  ['佩', 'pei', ['pe']],
  ['切', 'qie', ['che']],
  ['契', 'qi', ['chi', 'ci']],
  ['杰', 'jie', ['ge', 'je']],
  ['约', 'yue', ['jo', 'yo']],
  ['安', 'an', ['an']],
  ['恩', 'en', ['en', 'n']],
  ['因', 'yin', ['in']],
  ['文', 'wen', ['win', 'ven']],
  ['明', 'ming', ['min']],
  ['温', 'wen', ['wen']],
  ['扎', 'zha', ['za']],
  ['泽', 'ze', ['ze']],
  ['茨', 'ci', ['tz', 'ts']],
  ['戈', 'ge', ['go']],
  ['柯', 'ke', ['ke']],
  ['库', 'ku', ['ku', 'cu']],
  ['鲁', 'lu', ['ru']],
  ['卢', 'lu', ['lu']],
  ['穆', 'mu', ['mu']],
  ['内', 'nei', ['ne']],
  ['奇', 'qi', ['chi', 'ci']],
  ['瓦', 'wa', ['va', 'wa']],
  ['雅', 'ya', ['ja', 'ya']],
  ['耶', 'ye', ['je', 'ye']],
  ['叶', 'ye', ['ye']],
  ['本', 'ben', ['ben']],
  ['伯', 'bo', ['ber', 'bo']],
  ['彼', 'bi', ['pe']],
  ['杜', 'du', ['du']],
  ['费', 'fei', ['fe']],
  ['冈', 'gang', ['gan']],
  ['霍', 'huo', ['ho']],
  ['列', 'lie', ['le']],
  ['林', 'lin', ['lin']],
  ['莫', 'mo', ['mo']],
  ['涅', 'nie', ['ne']],
  ['欧', 'ou', ['eu', 'o']],
  ['皮', 'pi', ['pi']],
  ['舍', 'she', ['she']],
  ['沙', 'sha', ['sha']],
  ['苏', 'su', ['su']],
  ['泰', 'tai', ['tai', 'thai']],
  ['威', 'wei', ['wi']],
  ['谢', 'xie', ['she']],
  ['辛', 'xin', ['sin']],
  ['兹', 'zi', ['z']],
  ['娜', 'na', ['na']],
  ['丽', 'li', ['li']],
  ['琴', 'qin', ['chin']],
];

/** Syllables that only follow another one (尔 r, 姆 m …): a name never starts with them. */
const NOT_INITIAL = new Set(['尔', '姆', '斯', '夫', '兹', '茨', '德', '特', '克']);

/**
 * Sound-alike characters one region writes where the other writes the first (科索沃/科索夫,
 * 普京/普丁, 索菲亚/索非亚): the source of regional forms and admitted variants.
 */
const SOUND_ALIKES: Readonly<Record<string, string>> = {
  沃: '夫',
  京: '丁',
  蒂: '提',
  什: '斯',
  莱: '勒',
  尼: '妮',
  基: '吉',
  维: '威',
  里: '利',
  菲: '非',
  亚: '雅',
  卡: '喀',
  森: '生',
  纳: '那',
  德: '得',
  伊: '依',
  科: '柯',
  马: '玛',
  丽: '莉',
  波: '博',
  洛: '罗',
  索: '梭',
  兰: '蓝',
};

/** Misheard pinyin a translator may type (pulishitina for 普里什蒂纳) */
export const PINYIN_CONFUSIONS: Readonly<Record<string, string>> = {
  shi: 'si',
  si: 'shi',
  di: 'ti',
  te: 'de',
  de: 'te',
  na: 'la',
  la: 'na',
  li: 'ni',
  ni: 'li',
  bo: 'po',
  ke: 'ge',
  ge: 'ke',
  jing: 'jin',
  jin: 'jing',
  wei: 'hui',
  fei: 'fen',
  xi: 'si',
  lu: 'nu',
  suo: 'shuo',
  er: 'e',
};

const DIACRITICS: Readonly<Record<string, string>> = { c: 'ç', e: 'é', o: 'ö', u: 'ü', a: 'á', s: 'š', z: 'ž', i: 'í' };

const SUBJECTS = ['geography', 'politics', 'organisations', 'people'] as const;

/** mulberry32: small, fast, and the same sequence on every platform for a given seed */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
export const chance = (rnd: Random, p: number): boolean => rnd() < p;
const between = (rnd: Random, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** One generated concept with the facts the benchmark needs to write queries about it. */
export interface SyntheticEntry {
  externalId: string;
  input: ConceptInput;
  /** preferred forms */
  zhCN: string;
  zhTW: string;
  en: string;
  /** pinyin of each character of the zh-CN form in writing order (the middle dot left out) */
  pinyin: string[];
  person: boolean;
}

export interface SyntheticOptions {
  count: number;
  seed?: number;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** opencc-js cn → tw, one character at a time: newlines stop its phrase matching. */
function traditionalByCharacter(chars: readonly string[]): string[] {
  return toTraditional(chars.join('\n')).split('\n');
}

interface Syllable {
  zh: string;
  tw: string;
  pinyin: string;
  en: readonly string[];
}

let syllableCache: Syllable[] | undefined;

function syllables(): Syllable[] {
  if (syllableCache) return syllableCache;
  const tw = traditionalByCharacter(SYLLABLES.map(([zh]) => zh));
  syllableCache = SYLLABLES.map(([zh, pinyin, en], i) => ({ zh, tw: tw[i] ?? zh, pinyin, en }));
  return syllableCache;
}

interface Word {
  parts: Syllable[];
  en: string;
}

function makeWord(rnd: Random, table: Syllable[], initials: Syllable[], min: number, max: number): Word {
  const n = between(rnd, min, max);
  const parts: Syllable[] = [pick(rnd, initials)];
  while (parts.length < n) {
    const s = pick(rnd, table);
    if (s === parts[parts.length - 1]) continue; // 巴巴 reads like a nickname, not a place
    parts.push(s);
  }
  let en = parts.map((s) => pick(rnd, s.en)).join('');
  en = en.charAt(0).toUpperCase() + en.slice(1);
  return { parts, en };
}

/** Replace one character that has a sound-alike; undefined when none has. */
function soundAlike(rnd: Random, chars: string[]): string[] | undefined {
  const at = chars.map((c, i) => (SOUND_ALIKES[c] ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0) return undefined;
  const i = pick(rnd, at);
  const out = [...chars];
  out[i] = SOUND_ALIKES[chars[i]!]!;
  return out;
}

function englishVariant(rnd: Random, en: string): string {
  const swaps: [RegExp, string][] = [
    [/c/, 'k'],
    [/v/, 'w'],
    [/ph/, 'f'],
    [/a$/, 'e'],
    [/o$/, 'a'],
    [/i/, 'y'],
  ];
  for (let k = 0; k < 4; k++) {
    const [re, to] = pick(rnd, swaps);
    if (re.test(en)) return en.replace(re, to);
  }
  return en + 'a';
}

function withDiacritic(rnd: Random, en: string): string {
  const at: number[] = [];
  for (let i = 1; i < en.length; i++) if (DIACRITICS[en[i]!]) at.push(i);
  if (at.length === 0) return en;
  const i = pick(rnd, at);
  return en.slice(0, i) + DIACRITICS[en[i]!]! + en.slice(i + 1);
}

const term = (text: string, lang: string, status: Status, type: TermInput['type'] = 'fullForm'): TermInput => ({
  text,
  lang,
  status,
  type,
});

/**
 * `count` concepts, the same ones for the same seed. Every concept has a preferred zh-CN,
 * zh-TW and English term; preferred forms are unique across the glossary so that each query
 * the benchmark derives from a concept has one correct answer. About a third of the Taiwan
 * forms use a different transliteration character, one concept in eight has an admitted
 * zh-CN variant, one in twenty a deprecated one, and a few English names carry diacritics.
 */
export function generateGlossary({ count, seed = 20261125 }: SyntheticOptions): SyntheticEntry[] {
  const rnd = seededRandom(seed);
  const table = syllables();
  const initials = table.filter((s) => !NOT_INITIAL.has(s.zh));
  const alikes = Object.values(SOUND_ALIKES);
  const twOf = new Map<string, string>(table.map((s) => [s.zh, s.tw]));
  const alikesTw = traditionalByCharacter(alikes);
  for (let i = 0; i < alikes.length; i++) twOf.set(alikes[i]!, alikesTw[i] ?? alikes[i]!);
  const taken = new Set<string>();
  const entries: SyntheticEntry[] = [];
  const width = Math.max(6, String(count).length); // fixed, so a smaller glossary is a prefix of a larger one

  while (entries.length < count) {
    const person = chance(rnd, 0.2);
    let words: Word[];
    if (person) words = [makeWord(rnd, table, initials, 2, 3), makeWord(rnd, table, initials, 2, 3)];
    else words = [makeWord(rnd, table, initials, 2, 5)];
    if (person && chance(rnd, 0.1)) words[1]!.en = withDiacritic(rnd, words[1]!.en);
    else if (!person && chance(rnd, 0.03)) words[0]!.en = withDiacritic(rnd, words[0]!.en);

    const sep = '·';
    const zhCN = words.map((w) => w.parts.map((p) => p.zh).join('')).join(sep);
    const en = words.map((w) => w.en).join(' ');
    const keyCN = zhCN;
    const keyEN = en.toLowerCase();
    if (taken.has(keyCN) || taken.has(keyEN)) continue;

    // Taiwan form: opencc per character, and for about a third a regional sound-alike.
    let twChars = words.flatMap((w, wi) => [...(wi > 0 ? [sep] : []), ...w.parts.map((p) => p.tw)]);
    if (chance(rnd, 0.33)) {
      const cnChars = [...zhCN];
      const alike = soundAlike(rnd, cnChars);
      if (alike) twChars = alike.map((c) => twOf.get(c) ?? c);
    }
    const zhTW = twChars.join('');
    if (zhTW !== zhCN && taken.has(zhTW)) continue;

    const terms: TermInput[] = [term(zhCN, 'zh-CN', 'preferred'), term(zhTW, 'zh-TW', 'preferred'), term(en, 'en', 'preferred')];
    const extra = (text: string, lang: string, status: Status): void => {
      const key = lang === 'en' ? text.toLowerCase() : text;
      if (taken.has(key) || terms.some((t) => t.text === text && t.lang === lang)) return;
      terms.push(term(text, lang, status, 'variant'));
      taken.add(key);
    };
    taken.add(keyCN);
    taken.add(keyEN);
    taken.add(zhTW);

    if (chance(rnd, 0.125)) {
      const v = soundAlike(rnd, [...zhCN]);
      if (v) extra(v.join(''), 'zh-CN', 'admitted');
    }
    if (chance(rnd, 0.05)) {
      const v = soundAlike(rnd, [...zhCN]);
      if (v) extra(v.join(''), 'zh-CN', 'deprecated');
    }
    if (chance(rnd, 0.05)) extra(englishVariant(rnd, en), 'en', chance(rnd, 0.5) ? 'admitted' : 'deprecated');
    if (person && chance(rnd, 0.3)) extra(words[1]!.parts.map((p) => p.zh).join(''), 'zh-CN', 'admitted'); // family name alone

    const externalId = `syn-${String(entries.length + 1).padStart(width, '0')}`;
    entries.push({
      externalId,
      input: { externalId, subject: person ? 'people' : pick(rnd, SUBJECTS.slice(0, 3)), terms },
      zhCN,
      zhTW,
      en,
      pinyin: words.flatMap((w) => w.parts.map((p) => p.pinyin)),
      person,
    });
  }
  return entries;
}

/**
 * The entries as stored concepts (ids 1…n in order), for modules that take `Concept[]`
 * without a database: the lookup index and the matcher.
 */
export function toConcepts(entries: readonly SyntheticEntry[]): Concept[] {
  const now = '2026-01-01T00:00:00.000Z';
  let termId = 0;
  return entries.map((e, i) => ({
    id: i + 1,
    externalId: e.externalId,
    subject: e.input.subject ?? null,
    definition: null,
    note: null,
    extra: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
    terms: e.input.terms.map(
      (t): Term => ({
        ...t,
        id: ++termId,
        type: t.type ?? null,
        region: null,
        partOfSpeech: null,
        source: null,
        note: null,
        context: null,
        extra: [],
      }),
    ),
  }));
}
