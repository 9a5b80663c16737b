import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { parseFlag } from '../schemas/flags.ts';
import { reportQuery } from '../schemas/review.ts';
import { offloadReply, sendReply } from '../services/offload.ts';
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
    const request = await readReviewRequest(req);
    const format = exportQuery ?? request.exportAs;
    if (format) {
      await sendReport(res, db, request, format);
      return;
    }
    const render = parseFlag(req.query.render, 'render') === true || (req.body as { render?: unknown } | undefined)?.render === true;
    const fields = render ? ['matches', 'summary', 'html', 'tips'] : ['matches', 'summary'];
    const task = { kind: 'review', text: request.text, options: { ...request.options, render } } as const;
    sendReply(res, await offloadReply(db, task, { as: 'json', fields }));
  });
  return router;
}
