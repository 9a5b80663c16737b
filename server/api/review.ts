import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { parseFlag } from '../schemas/flags.ts';
import { reportQuery } from '../schemas/review.ts';
import { offload } from '../services/offload.ts';
import { readReviewRequest, sendReport } from '../services/review.ts';

/**
 * `POST /api/highlight` — JSON `{text, format?, locale?}` or a multipart upload (`file`, plus
 * the same fields) → `{matches:[{start, end, text, conceptId, lang, status, english, issues}],
 * summary}` (PRODUCT.md). `?render=1` adds `html`, the sanitised rendering the review page shows, and `tips`,
 * the tooltips its marks' `data-tip` refer to. `?export=csv|json` (or an `export` field) answers the
 * report instead (glossary/review/report.ts) as a download.
 */
export function reviewApi(db: Database): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { export: exportQuery } = reportQuery.parse(req.query);
    const { text, options, exportAs, filename } = await readReviewRequest(req);
    const format = exportQuery ?? exportAs;
    if (format) {
      const review = await offload(db, { kind: 'review', text, options });
      sendReport(res, text, review, format, filename);
      return;
    }
    const render = parseFlag(req.query.render, 'render') === true || (req.body as { render?: unknown } | undefined)?.render === true;
    const { matches, summary, html, tips } = await offload(db, { kind: 'review', text, options: { ...options, render } });
    res.json(render ? { matches, summary, html, tips } : { matches, summary });
  });
  return router;
}
