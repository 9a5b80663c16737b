import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { FALLBACKS, UI_LOCALES, type UiLocale } from './locales.ts';

export type Messages = Readonly<Record<string, string>>;
export type MessageValues = Record<string, string | number | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

const MESSAGES_DIR = join(import.meta.dirname, 'messages');

let catalogues: Record<UiLocale, Messages> | undefined;

/** The catalogues as written (zh-HK holds only its overrides), read once on first use. */
export function loadCatalogues(): Record<UiLocale, Messages> {
  catalogues ??= Object.fromEntries(
    UI_LOCALES.map((l) => [l, JSON.parse(readFileSync(join(MESSAGES_DIR, `${l}.json`), 'utf8')) as Messages]),
  ) as Record<UiLocale, Messages>;
  return catalogues;
}

/** The message a locale shows for a key (its own, or its fallback's), before formatting. */
function messageSource(locale: UiLocale, key: string): { locale: UiLocale; source: string } | null {
  const all = loadCatalogues();
  for (const l of FALLBACKS[locale]) {
    const source = all[l][key];
    if (source !== undefined) return { locale: l, source };
  }
  return null;
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Format one message, ICU style (plurals, selects, interpolation) with intl-messageformat.
 * A key missing from every catalogue shows as the key itself, so a gap is visible (and the
 * browser tests' scan of the Chinese pages finds it) rather than an empty label.
 */
export function translate(locale: UiLocale, key: string, values?: MessageValues): string {
  const found = messageSource(locale, key);
  if (!found) return key;
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    // Plural rules follow the catalogue's language, number formats the page's locale.
    format = new IntlMessageFormat(found.source, found.locale === 'en' ? 'en' : locale);
    compiled.set(id, format);
  }
  const out = format.format(withSelectKeys(values));
  return Array.isArray(out) ? out.join('') : String(out);
}

/**
 * ICU select keys cannot hold a hyphen, and our codes do (`user-role`, `zh-TW`, `not-found`): every
 * string value `x` is also passed as `xKey` with `_` for `-`, and catalogues select on that
 * (`{codeKey, select, not_found {…} other {{code}}}`), keeping `{code}` itself for display.
 */
function withSelectKeys(values: MessageValues | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, v] of Object.entries(values ?? {})) {
    if (v === null || v === undefined) continue;
    out[name] = v;
    if (typeof v === 'string') out[`${name}Key`] = v.replace(/-/g, '_');
  }
  return out;
}

export function translator(locale: UiLocale): Translate {
  return (key, values) => translate(locale, key, values);
}

/** Messages the pages and their scripts share (the scripts draw status badges and language groups too, and say API refusals). */
const SHARED_WITH_SCRIPTS = new Set(['status', 'lang.label', 'errorCode']);

/** The messages page scripts use (keys `js.*` and the shared ones), each resolved through the locale's fallbacks. */
export function clientMessages(locale: UiLocale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(loadCatalogues().en)) {
    if (!key.startsWith('js.') && !SHARED_WITH_SCRIPTS.has(key)) continue;
    const found = messageSource(locale, key);
    if (found) out[key] = found.source;
  }
  return out;
}
