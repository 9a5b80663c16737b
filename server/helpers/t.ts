import type { HelperOptions } from 'handlebars';
import { type MessageValues, translate } from '../i18n/catalogue.ts';
import { DEFAULT_LOCALE, isUiLocale, type UiLocale } from '../i18n/locales.ts';

/** The page's interface locale, as the locale middleware put it in the render locals. */
export function pageLocale(options: HelperOptions): UiLocale {
  const locale = (options.data?.root as { locale?: unknown } | undefined)?.locale;
  return isUiLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** `{{t "review.counts" names=3 issues=1}}`: one catalogue message, ICU-formatted, escaped by Handlebars. */
export function t(key: unknown, options: HelperOptions): string {
  return translate(pageLocale(options), String(key), options.hash as MessageValues);
}
