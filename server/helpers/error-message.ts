import type { HelperOptions } from 'handlebars';
import { translate } from '../i18n/catalogue.ts';
import { pageLocale } from './t.ts';

/**
 * `{{errorMessage error}}`: an error page's message in the page's language. The catalogue has
 * one sentence per stable error code; a code it does not know keeps the English message the
 * error came with (the API's language), rather than showing nothing.
 */
export function errorMessage(error: unknown, options: HelperOptions): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const english = typeof e.message === 'string' ? e.message : '';
  const locale = pageLocale(options);
  if (locale === 'en' || typeof e.code !== 'string') return english;
  return translate(locale, 'errorCode', { code: e.code }) || english;
}
