import type { HelperOptions } from 'handlebars';
import { clientMessages as messagesFor } from '../i18n/catalogue.ts';
import { pageLocale } from './t.ts';

/**
 * `<body data-ui-messages="{{clientMessages}}">`: the messages of the page's locale that page
 * scripts use, as JSON (server/public/js/i18n.js formats them with the same ICU library). An
 * attribute rather than a JSON <script> block: no inline script at all, and the usual escaping.
 */
export function clientMessages(options: HelperOptions): string {
  const locale = pageLocale(options);
  return JSON.stringify({ locale, messages: messagesFor(locale) });
}
