import type Handlebars from 'handlebars';
import { clientMessages } from './client-messages.ts';
import { eq } from './eq.ts';
import { formatTime } from './format-time.ts';
import { langLabel } from './lang-label.ts';
import { t } from './t.ts';

/**
 * Most helpers are plain functions of their arguments (Handlebars passes an options hash last,
 * dropped here); the interface-language helpers keep it, as they read the page's locale from it.
 */
export function registerHelpers(hbs: typeof Handlebars): void {
  const plain =
    (fn: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) =>
      fn(...args.slice(0, -1));
  hbs.registerHelper('eq', plain(eq as (...a: unknown[]) => unknown));
  hbs.registerHelper('formatTime', plain(formatTime as (...a: unknown[]) => unknown));
  hbs.registerHelper('langLabel', langLabel);
  hbs.registerHelper('t', t);
  hbs.registerHelper('clientMessages', clientMessages);
}
