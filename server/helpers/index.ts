import type Handlebars from 'handlebars';
import { eq } from './eq.ts';
import { formatTime } from './format-time.ts';
import { langLabel } from './lang-label.ts';
import { plural } from './plural.ts';

/** Helpers are plain functions of their arguments; Handlebars passes an options hash last, dropped here. */
export function registerHelpers(hbs: typeof Handlebars): void {
  const plain =
    (fn: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) =>
      fn(...args.slice(0, -1));
  hbs.registerHelper('eq', plain(eq as (...a: unknown[]) => unknown));
  hbs.registerHelper('formatTime', plain(formatTime as (...a: unknown[]) => unknown));
  hbs.registerHelper('langLabel', plain(langLabel as (...a: unknown[]) => unknown));
  hbs.registerHelper('plural', plain(plural as (...a: unknown[]) => unknown));
}
