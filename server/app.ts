import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Database } from '../db/connection.ts';
import { conceptsApi } from './api/concepts.ts';
import { healthRoutes } from './api/health.ts';
import type { Config } from './config.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { conceptPages } from './routes/concepts.ts';
import { homePage } from './routes/home.ts';
import { VIEWS_DIR, createViewEngine } from './view-engine.ts';

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
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.engine('hbs', createViewEngine());
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);

  app.use('/static', express.static(join(import.meta.dirname, 'public'), { maxAge: '1h' }));
  app.use(express.json({ limit: config.maxBodyBytes }));
  app.use(express.urlencoded({ extended: true, limit: config.maxBodyBytes, parameterLimit: 5000 }));
  app.use((req, res, next) => {
    // Every page layout reads these; the auth middleware fills them in.
    res.locals.csrfToken ??= '';
    res.locals.path = req.path;
    next();
  });

  // Pages
  app.use('/', homePage(db));
  app.use('/concepts', conceptPages(db));

  // JSON API
  app.use('/', healthRoutes(db));
  app.use('/api/concepts', conceptsApi(db));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
