import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RequestHandler } from 'express';
import { cookieOptions, readCookies } from '../auth/cookies.ts';
import type { Config } from '../config.ts';
import { authLocals } from '../middleware/session.ts';
import { translate, translator } from './catalogue.ts';
import { chooseLocale, isUiLocale, LOCALE_COOKIE, UI_LOCALES, type UiLocale } from './locales.ts';

/** The query parameter of the header's language links (`lang` is taken: it filters terms). */
const SWITCH_PARAM = 'ui';

const YEAR_MS = 365 * 24 * 3600_000;

/** What every page and route reads: the locale and a translator bound to it. */
export interface LocaleLocals {
  locale: UiLocale;
  t: (key: string, values?: Record<string, string | number | boolean | null | undefined>) => string;
}

export function localeOf(res: { locals: Record<string, unknown> }): LocaleLocals {
  return res.locals as unknown as LocaleLocals;
}

/**
 * Chooses the interface language of every request (see chooseLocale) and handles the header's
 * switch: a plain link `?ui=zh-TW` to the page one is on, so it works without script and for
 * anonymous visitors; it keeps the choice in a cookie and comes back to the same URL without it.
 */
export function localeChoice(config: Pick<Config, 'secureCookies'>): RequestHandler {
  return (req, res, next) => {
    const asked = req.query[SWITCH_PARAM];
    if (req.method === 'GET' && isUiLocale(asked)) {
      res.cookie(LOCALE_COOKIE, asked, cookieOptions(req, config, YEAR_MS));
      const url = new URL(req.originalUrl, 'http://localhost');
      url.searchParams.delete(SWITCH_PARAM);
      return res.redirect(303, url.pathname + url.search);
    }
    const locale = chooseLocale({
      cookie: readCookies(req)[LOCALE_COOKIE],
      account: authLocals(res).session?.user.uiLocale,
      accepted: req.acceptsLanguages(),
    });
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    res.set('Content-Language', locale);
    res.vary('Accept-Language');
    res.vary('Cookie');
    res.locals.uiLocales = UI_LOCALES.map((l) => ({
      value: l,
      label: translate(l, 'locale.self'),
      current: l === locale,
      href: switchHref(req.originalUrl, l),
    }));
    next();
  };
}

/** The current URL with `?ui=` set: the switch links back to the page one is reading. */
function switchHref(originalUrl: string, locale: UiLocale): string {
  const url = new URL(originalUrl, 'http://localhost');
  url.searchParams.set(SWITCH_PARAM, locale);
  return url.pathname + url.search;
}

// The package exports only its entry point; the browser build sits beside it.
const RUNTIME = join(dirname(createRequire(import.meta.url).resolve('intl-messageformat')), 'intl-messageformat.iife.js');

/**
 * The page scripts format their messages with the same library as the server: its
 * self-contained ES module build is served as it ships, so there is no build step.
 */
export const clientRuntime: RequestHandler = (_req, res) => {
  res.type('text/javascript').sendFile(RUNTIME, { maxAge: '1h' });
};
