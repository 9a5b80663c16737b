import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Database } from '../db/connection.ts';
import { serveLookupInBackground } from '../db/live-lookup.ts';
import { alignApi } from './api/align.ts';
import { candidatesApi } from './api/candidates.ts';
import { conceptsApi } from './api/concepts.ts';
import { healthRoutes } from './api/health.ts';
import { interchangeApi } from './api/interchange.ts';
import { lookupApi } from './api/lookup.ts';
import { reviewApi } from './api/review.ts';
import type { Config } from './config.ts';
import { accessPolicy } from './middleware/access.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { hostCheck } from './middleware/host-check.ts';
import { apiRateLimit, expensiveRateLimit } from './middleware/rate-limit.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { authenticate } from './middleware/session.ts';
import { accountRoutes } from './routes/accounts.ts';
import { alignPages } from './routes/align.ts';
import { candidatesPages } from './routes/candidates.ts';
import { changesPages } from './routes/changes.ts';
import { conceptsPages } from './routes/concepts.ts';
import { homePage } from './routes/home.ts';
import { interchangePages } from './routes/interchange.ts';
import { reviewPages } from './routes/review.ts';
import { usersPages } from './routes/users.ts';
import { createViewEngine, VIEWS_DIR } from './view-engine.ts';
import { clientRuntime, localeChoice } from './i18n/middleware.ts';

export interface AppDeps {
  db: Database;
  config: Config;
}

/**
 * The whole web application, without listening: main.ts listens, tests start it on port 0.
 * Order matters: static files and body parsers first, then pages and API, then 404 and the
 * one error handler.
 */
export function createApp({ db, config }: AppDeps): Express {
  // Full rebuilds of the lookup index go to a worker thread, never on a reader's time (issue 14).
  serveLookupInBackground(db);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.engine('hbs', createViewEngine());
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);

  app.set('trust proxy', config.trustProxy);
  // Before everything, static files included: a rebinding page must not read anything.
  app.use(hostCheck(config));
  app.use(securityHeaders(config));
  app.get('/static/vendor/intl-messageformat.js', clientRuntime);
  app.use('/static', express.static(join(import.meta.dirname, 'public'), { maxAge: '1h' }));
  app.use('/api', apiRateLimit(config));
  // Security, centrally and before every route (also the ones features add later): who is
  // asking, may they, and did the request come from our own pages (docs/security.md).
  app.use(authenticate(db, config));
  app.use(expensiveRateLimit(config));
  app.use(express.json({ limit: config.maxBodyBytes }));
  app.use(express.urlencoded({ extended: true, limit: config.maxBodyBytes, parameterLimit: 5000 }));
  app.use((req, res, next) => {
    // Every page layout reads these; the auth middleware fills them in.
    res.locals.csrfToken ??= '';
    res.locals.path = req.path;
    next();
  });
  // The interface language: cookie (the header's switch), else the account's, else Accept-Language (server/i18n).
  app.use(localeChoice(config));
  app.use(accessPolicy());
  app.use(csrfProtection(db));
  app.use('/', accountRoutes(db, config));
  app.use('/', changesPages(db));
  app.use('/users', usersPages(db));

  // Pages
  app.use('/', homePage(db));
  app.use('/concepts', conceptsPages(db));
  app.use('/align', alignPages(db));
  app.use('/review', reviewPages(db));
  app.use('/candidates', candidatesPages(db));
  app.use('/', interchangePages(db));

  // JSON API
  app.use('/', healthRoutes(db));
  app.use('/api/concepts', conceptsApi(db));
  app.use('/api/lookup', lookupApi(db));
  app.use('/api/highlight', reviewApi(db));
  app.use('/api/align', alignApi(db));
  app.use('/api/candidates', candidatesApi(db));
  app.use('/api', interchangeApi(db));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
