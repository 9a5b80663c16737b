import { normaliseLangTag } from '../../glossary/concept/lang.ts';

/**
 * The interface languages. zh-HK shares the Traditional catalogue of zh-TW and overrides the
 * few words Hong Kong says differently; English is the fallback for a key nobody translated.
 */
export const UI_LOCALES = ['zh-CN', 'zh-TW', 'zh-HK', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** Without any hint (no cookie, no Accept-Language) the page is English, as it always was. */
export const DEFAULT_LOCALE: UiLocale = 'en';

/** The cookie the header's language switch sets. */
export const LOCALE_COOKIE = 'tb_lang';

/** Where a message missing from a catalogue is looked up next. */
export const FALLBACKS: Record<UiLocale, readonly UiLocale[]> = {
  'zh-HK': ['zh-HK', 'zh-TW', 'en'],
  'zh-TW': ['zh-TW', 'en'],
  'zh-CN': ['zh-CN', 'en'],
  en: ['en'],
};

export function isUiLocale(v: unknown): v is UiLocale {
  return typeof v === 'string' && (UI_LOCALES as readonly string[]).includes(v);
}

/**
 * One language tag (an Accept-Language entry, a cookie) as an interface locale, or null.
 * Chinese tags go through the glossary's own normalisation, so `zh`, `zh-Hans`, `zh-SG` read
 * as zh-CN, `zh-Hant` as zh-TW and `zh-MO` as zh-HK, exactly as they do for glossary terms.
 */
function uiLocaleOf(tag: string): UiLocale | null {
  let normal: string;
  try {
    normal = normaliseLangTag(tag);
  } catch {
    return null;
  }
  if (isUiLocale(normal)) return normal;
  if (normal === 'en' || normal.startsWith('en-')) return 'en';
  return null;
}

/**
 * The locale of a request: the switch's cookie first (the person chose it), then the account's
 * default, then the browser's Accept-Language in its order of preference, then English.
 */
export function chooseLocale(hints: {
  cookie?: string | undefined;
  account?: string | null | undefined;
  accepted: readonly string[];
}): UiLocale {
  if (isUiLocale(hints.cookie)) return hints.cookie;
  if (isUiLocale(hints.account)) return hints.account;
  for (const tag of hints.accepted) {
    if (tag === '*') break;
    const locale = uiLocaleOf(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
