import { TermbridgeError } from '../errors.ts';

/**
 * Language tags as the product stores them. Chinese is kept by region rather than by script,
 * because names differ by region (科索沃 vs 科索夫), not only by script.
 */
const CHINESE_ALIASES: Record<string, string> = {
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-cn': 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-my': 'zh-CN',
  'zh-hans-cn': 'zh-CN',
  'zh-hans-sg': 'zh-CN',
  'zh-hant': 'zh-TW',
  'zh-tw': 'zh-TW',
  'zh-hant-tw': 'zh-TW',
  'zh-hk': 'zh-HK',
  'zh-mo': 'zh-HK',
  'zh-hant-hk': 'zh-HK',
  'zh-hant-mo': 'zh-HK',
};

/** The Chinese variants every view lists, in this order. */
export const CHINESE_LOCALES = ['zh-CN', 'zh-TW', 'zh-HK'] as const;
export type ChineseLocale = (typeof CHINESE_LOCALES)[number];

const TAG_SHAPE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * Normalise a BCP 47 tag: Chinese aliases to zh-CN/zh-TW/zh-HK, otherwise canonical case
 * (language lower, script title, region upper): `EN-us` → `en-US`, `sr-latn` → `sr-Latn`.
 * TBX files also bring `en_US` with an underscore, which is accepted.
 */
export function normaliseLangTag(raw: string): string {
  const tag = raw.trim().replace(/_/g, '-');
  if (!TAG_SHAPE.test(tag)) {
    throw new TermbridgeError('invalid-language-tag', `"${raw}" is not a language tag (expected something like zh-CN, zh-TW or en).`);
  }
  const lower = tag.toLowerCase();
  const chinese = CHINESE_ALIASES[lower];
  if (chinese) return chinese;
  if (lower.startsWith('zh-')) {
    // zh-Hans-XX / zh-Hant-XX with a region we do not know: decide by script.
    if (lower.includes('-hant')) return 'zh-TW';
    if (lower.includes('-hans')) return 'zh-CN';
  }
  return lower
    .split('-')
    .map((part, i) => {
      if (i === 0) return part;
      if (part.length === 4 && /^[a-z]+$/.test(part)) return part[0]!.toUpperCase() + part.slice(1);
      if (part.length === 2 || /^\d{3}$/.test(part)) return part.toUpperCase();
      return part;
    })
    .join('-');
}

export function isValidLangTag(raw: string): boolean {
  try {
    normaliseLangTag(raw);
    return true;
  } catch {
    return false;
  }
}

/** Primary language subtag: `zh-TW` → `zh`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

export function isChinese(tag: string): boolean {
  return primaryLanguage(tag) === 'zh';
}

export function isEnglish(tag: string): boolean {
  return primaryLanguage(tag) === 'en';
}

/** Display order: English, the Chinese variants, then everything else alphabetically. */
export function compareLangTags(a: string, b: string): number {
  const rank = (t: string): number => {
    if (t === 'en') return 0;
    if (isEnglish(t)) return 1;
    const zh = (CHINESE_LOCALES as readonly string[]).indexOf(t);
    return zh >= 0 ? 2 + zh : 10;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
