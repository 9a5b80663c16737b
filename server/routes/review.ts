import { type Response, Router } from 'express';
import Handlebars from 'handlebars';
import type { Database } from '../../db/connection.ts';
import { CHINESE_LOCALES } from '../../glossary/concept/lang.ts';
import { isTermbridgeError } from '../../glossary/errors.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describeRefusal } from '../i18n/problems.ts';
import { issueSentence } from '../i18n/review-wording.ts';
import { offloadReviewPage } from '../services/offload.ts';
import type { ReviewPage } from '../services/offload-reply.ts';
import { readReviewRequest, sendReport } from '../services/review.ts';

/** Issues listed beside the document; a huge document lists the first ones and says so. */
const MAX_LISTED_ISSUES = 500;

interface FormState {
  text?: string;
  locale?: string;
  format?: string;
  error?: string;
}

/** The reviewed document, kept in the page's export form so that an upload need not be sent again. */
interface Reviewed {
  text: string;
  filename?: string | undefined;
}

function page(res: Response, form: FormState, result?: ReviewPage, status = 200, reviewed?: Reviewed) {
  const locales = [{ value: 'auto' }, ...CHINESE_LOCALES.map((l) => ({ value: l }))].map((o) => ({
    ...o,
    selected: (form.locale ?? 'auto') === o.value,
  }));
  const formats = (['auto', 'text', 'html', 'md'] as const).map((value) => ({ value, selected: (form.format ?? 'auto') === value }));
  const linkable = result && result.summary.format !== 'md';
  const issues = result?.issues ?? [];
  res.status(status).render('pages/review', {
    title: localeOf(res).t('title.review'),
    scripts: ['/static/js/review.js'],
    styles: ['/static/review.css'],
    form,
    locales,
    formats,
    result: result && {
      summary: result.summary,
      frontMatter: result.frontMatter ?? [],
      exportForm: reviewed && { text: reviewed.text, locale: form.locale ?? 'auto', format: result.summary.format },
      // The rendering is built by glossary/review/review.ts: the document went through parse5 and
      // an allowlist (HTML) or was escaped unit by unit (text), every attribute value escaped.
      // It is HTML we produced, so it is passed as a SafeString rather than re-escaped.
      html: new Handlebars.SafeString(result.html ?? ''),
      tips: result.tips ?? [],
      concepts: result.summary.concepts.map((c) => ({ ...c, anchor: linkable ? `#m-${c.first}` : null })),
      issues: issues.map((m) => ({
        ...m,
        anchor: linkable ? `#m-${m.index}` : null,
        issues: m.issues.map((i) => ({ type: i.type, sentence: issueSentence(i, localeOf(res).locale) })),
      })),
      moreIssues: result.moreIssues,
    },
  });
}

/** `/review`: paste or upload a document, see it with every glossary name marked. Works without JavaScript. */
export function reviewPages(db: Database): Router {
  const router = Router();
  router.get('/', (_req, res) => page(res, {}));
  router.post('/', (req, res, next) => {
    readReviewRequest(req)
      .then(async (request) => {
        const { text, options, filename, exportAs } = request;
        if (exportAs) {
          await sendReport(res, db, request, exportAs);
          return;
        }
        const result = await offloadReviewPage(
          db,
          { kind: 'review', text, options: { ...options, render: true, uiLocale: localeOf(res).locale } },
          MAX_LISTED_ISSUES,
        );
        const body = req.body as { locale?: string; format?: string } | undefined;
        page(res, { text: filename ? '' : text, locale: options.locale ?? body?.locale ?? 'auto', format: options.format }, result, 200, {
          text,
          filename,
        });
      })
      .catch((e: unknown) => {
        // Bad input (too big, binary, wrong encoding) is shown on the form, with the right status.
        if (isTermbridgeError(e) && e.status < 500) return page(res, { error: describeRefusal(e, localeOf(res)) }, undefined, e.status);
        next(e);
      });
  });
  return router;
}
