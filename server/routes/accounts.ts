import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { LoginThrottle } from '../../db/login-attempts.ts';
import { UserRepository } from '../../db/users.ts';
import { cookieOptions, readCookies, SESSION_COOKIE } from '../auth/cookies.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, passwordRule, verifyPassword } from '../auth/passwords.ts';
import type { Config } from '../config.ts';
import { translate } from '../i18n/catalogue.ts';
import { LOCALE_COOKIE, UI_LOCALES } from '../i18n/locales.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describePassword } from '../i18n/problems.ts';
import { wantsJson } from '../middleware/access.ts';
import { authLocals, sessionRepository } from '../middleware/session.ts';
import { errorBody } from '../../glossary/errors.ts';

const loginSchema = z.object({
  name: z.string().trim().min(1, 'enter your user name').max(64),
  password: z.string().min(1, 'enter your password').max(MAX_PASSWORD_LENGTH),
  next: z.string().max(2000).optional(),
});

const passwordChangeSchema = z.object({
  current: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  confirm: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** The account's interface language; empty: follow the browser. */
const languageSchema = z.object({ uiLocale: z.union([z.enum(UI_LOCALES), z.literal('')]) });

/** Only a path on this site: never `//evil.example` or `https://…` (an open redirect). */
function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters (header splitting) is the point
  if (/[\u0000-\u001f]/.test(next) || next.startsWith('/login') || next.startsWith('/logout')) return '/';
  return next;
}

/**
 * `GET/POST /login`, `POST /logout`, `GET /account` + `POST /account/password` (change one's own
 * password), and `GET /api/session` (who am I, and my CSRF token).
 */
export function accountRoutes(db: Database, config: Config): Router {
  const users = new UserRepository(db);
  const sessions = sessionRepository(db, config);
  const throttle = new LoginThrottle(db, { maxFailures: config.loginMaxFailures, windowMs: config.loginWindowMinutes * 60_000 });
  const router = Router();

  const renderLogin = (req: Request, res: Response, status: number, error?: string, name?: string) => {
    if (wantsJson(req) || req.is('application/json')) {
      const code = status === 429 ? 'too-many-attempts' : status === 401 ? 'login-failed' : 'invalid-input';
      return res.status(status).json(errorBody(code, error));
    }
    res.status(status).render('pages/login', {
      title: localeOf(res).t('title.login'),
      error,
      name,
      next: safeNext(req.body?.next ?? req.query.next),
      anonymous: config.anonymous,
      noUsers: users.count() === 0,
    });
  };

  router.get('/login', (req, res) => {
    const locals = authLocals(res);
    res.render('pages/login', {
      title: localeOf(res).t('title.login'),
      next: safeNext(req.query.next),
      loggedInAs: locals.user?.name,
      anonymous: config.anonymous,
      noUsers: users.count() === 0,
    });
  });

  router.post('/login', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderLogin(req, res, 400, localeOf(res).t('login.errMissing'), req.body?.name);
    const { name, password } = parsed.data;
    const address = req.ip ?? 'unknown';
    const wait = throttle.retryAfterMs(name, address);
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      const minutes = Math.ceil(wait / 60_000);
      return renderLogin(req, res, 429, localeOf(res).t('login.errThrottle', { minutes }), name);
    }
    // Counted as a failure before the (asynchronous) check, so parallel guesses all count.
    const reservation = throttle.reserve(name, address);
    const account = users.passwordHash(name);
    // Always hash, also for unknown names, so the answer time does not reveal which names exist.
    const ok = await verifyPassword(password, account?.hash ?? null);
    if (!ok || !account) return renderLogin(req, res, 401, localeOf(res).t('login.errWrong'), name);
    throttle.recordSuccess(name, address, reservation);
    // A fresh token at every login (no session fixation); an older session of this browser ends.
    const old = readCookies(req)[SESSION_COOKIE];
    if (old) sessions.end(old);
    const { token, session } = sessions.create(account.user.id, { ip: address, userAgent: req.get('user-agent') });
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, config, sessions.idleMs));
    if (req.is('application/json')) {
      authLocals(res).csrfBinding = `session:${session.tokenHash}`;
      return res.json({ user: session.user, csrfToken: res.locals.csrfToken });
    }
    res.redirect(303, safeNext(parsed.data.next));
  });

  router.post('/logout', (req, res) => {
    const token = readCookies(req)[SESSION_COOKIE];
    if (token) sessions.end(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, config));
    if (req.is('application/json')) return res.status(204).end();
    res.redirect(303, '/');
  });

  /** The account page: one's own password and interface language (any logged-in user; the access policy sends others to /login). */
  const renderAccount = (res: Response, status: number, locals: { changed?: boolean; languageSaved?: boolean; error?: string }) => {
    const chosen = authLocals(res).session?.user.uiLocale ?? '';
    res.status(status).render('pages/account', {
      title: localeOf(res).t('title.account'),
      ...locals,
      // each language named in itself, as the header switch names them
      uiLocales: UI_LOCALES.map((l) => ({ value: l, label: translate(l, 'locale.self'), selected: l === chosen })),
      followBrowser: chosen === '',
    });
  };

  router.get('/account', (req, res) => {
    renderAccount(res, 200, { changed: req.query.changed !== undefined, languageSaved: req.query.language !== undefined });
  });

  router.post('/account/language', (req, res) => {
    const me = authLocals(res).user!;
    const form = languageSchema.safeParse(req.body ?? {});
    if (!form.success) return renderAccount(res, 400, { error: localeOf(res).t('account.errLanguage') });
    users.setUiLocale(me.name, form.data.uiLocale || null);
    // The switch's cookie outranks the account; without clearing it the choice just made would
    // not show on this browser.
    res.clearCookie(LOCALE_COOKIE, cookieOptions(req, config));
    res.redirect(303, '/account?language=1');
  });

  router.post('/account/password', async (req, res) => {
    const me = authLocals(res).user!;
    const form = passwordChangeSchema.safeParse(req.body ?? {});
    const { t } = localeOf(res);
    const fail = (status: number, error: string) => renderAccount(res, status, { error });
    if (!form.success) return fail(400, t('account.errFields'));
    const address = req.ip ?? 'unknown';
    const wait = throttle.retryAfterMs(me.name, address);
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      return fail(429, t('account.errThrottle'));
    }
    const reservation = throttle.reserve(me.name, address);
    const account = users.passwordHash(me.name);
    if (!account || !(await verifyPassword(form.data.current, account.hash))) return fail(401, t('account.errCurrent'));
    throttle.recordSuccess(me.name, address, reservation);
    if (form.data.password !== form.data.confirm) return fail(400, t('account.errConfirm'));
    const problem = passwordRule(form.data.password);
    if (problem) return fail(400, describePassword(problem, localeOf(res)));
    // Changing the password ends every session of this user (a stolen cookie dies with the old
    // password); this browser gets a fresh one.
    users.setPasswordHash(me.name, await hashPassword(form.data.password), me.name);
    const { token } = sessions.create(account.user.id, { ip: address, userAgent: req.get('user-agent') });
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, config, sessions.idleMs));
    res.redirect(303, '/account?changed=1');
  });

  router.get('/api/session', (_req, res) => {
    const locals = authLocals(res);
    res.json({ user: locals.user ?? null, role: locals.role, csrfToken: res.locals.csrfToken || null });
  });

  return router;
}
