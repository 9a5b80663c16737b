import { Router } from 'express';
import { ZodError } from 'zod';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { STATUSES } from '../../glossary/concept/types.ts';
import { maxImportBytes } from '../api/interchange.ts';
import { importErrorLine, importLayout } from '../i18n/import-wording.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describeRefusal, describeZodIssues } from '../i18n/problems.ts';
import { actorOf } from '../middleware/actor.ts';
import { streamUpload } from '../middleware/upload.ts';
import { dryRunImport } from '../services/offload.ts';
import { isDryRunQuery } from '../schemas/flags.ts';
import { importFields } from '../schemas/interchange.ts';

/**
 * /import and /export pages. The import page's script posts to /api/import and polls its
 * progress; without script, the form posts here and the report is rendered as a page.
 */
export function interchangePages(db: Database): Router {
  const router = Router();
  const page = (t: (key: string) => string) => ({
    title: t('title.import'),
    scripts: ['/static/js/import.js'],
    styles: ['/static/interchange.css'],
    maxMb: Math.round(maxImportBytes() / 1024 / 1024),
  });

  router.get('/import', (_req, res) => {
    res.render('pages/import', page(localeOf(res).t));
  });

  router.post('/import', async (req, res) => {
    const { file, fields } = await streamUpload(req, { fileBytes: maxImportBytes() });
    try {
      const report = await file.settle(
        (async () => {
          const opts = importFields.parse(fields);
          if (isDryRunQuery(req)) opts.dryRun = true;
          const common = { format: opts.format, partial: opts.partial, name: file.name, maxBytes: maxImportBytes(), actor: actorOf(res) };
          if (opts.dryRun) return dryRunImport(db, file.stream, common);
          return importStream(db, file.stream, { ...opts, name: file.name, maxBytes: maxImportBytes(), actor: actorOf(res) });
        })(),
      );
      // the report's problems in the page's language (the API keeps the readers' English)
      const errors = report.errors.map((e) => importErrorLine(e, localeOf(res)));
      const format = report.format && { ...report.format, layout: importLayout(report.format, localeOf(res).t) };
      res.render('pages/import', { ...page(localeOf(res).t), report: { ...report, errors, format } });
    } catch (e) {
      const err = e as { status?: number; message: string; code?: string };
      if (!err.code) throw e;
      const error = e instanceof ZodError ? describeZodIssues(e, localeOf(res)) : describeRefusal(e, localeOf(res));
      res.status(err.status ?? 400).render('pages/import', { ...page(localeOf(res).t), error });
    }
  });

  router.get('/export', (_req, res) => {
    const repo = new ConceptRepository(db);
    res.render('pages/export', {
      title: localeOf(res).t('title.export'),
      styles: ['/static/interchange.css'],
      languages: repo.languages(),
      subjects: repo.subjects(),
      statuses: STATUSES,
      count: repo.count(),
    });
  });

  return router;
}
