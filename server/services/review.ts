import type { Request, Response } from 'express';
import type { Database } from '../../db/connection.ts';
import { type GlossarySnapshot, glossarySnapshot } from '../../db/snapshot.ts';
import type { ReportFormat } from '../../glossary/review/report.ts';
import { detectFormat, type RenderedReview, type ReviewOptions, reviewDocument } from '../../glossary/review/review.ts';
import { checkDocumentText, decodeDocument, MAX_DOCUMENT_BYTES } from '../../glossary/text/document-input.ts';
import type { UiLocale } from '../i18n/locales.ts';
import { reviewWording } from '../i18n/review-wording.ts';
import { readUpload } from '../middleware/upload.ts';
import { checkNesting } from './html-limits.ts';
import { offloadReply, sendReply } from './offload.ts';
import { reviewFields } from '../schemas/review.ts';

/**
 * Highlighting with the current glossary, shared by the API, the review page and the CLI.
 * The matcher, concepts and regional forms all come from one snapshot (one revision), the
 * same matcher QA and extraction use.
 */
export function reviewWithGlossary(
  db: Database,
  text: string,
  options: ReviewTaskOptions,
  snapshot: GlossarySnapshot = glossarySnapshot(db),
): RenderedReview {
  // Refused before any parser sees it: parse time grows much faster than the depth.
  checkNesting(text, options.format ?? detectFormat(text));
  const { uiLocale, ...rest } = options;
  return reviewDocument(text, snapshot.review, uiLocale ? { ...rest, wording: reviewWording(uiLocale) } : rest);
}

/**
 * Review options as they travel to the worker pool: plain data, so the rendering's words are
 * named by the interface language and built where the review runs.
 */
export type ReviewTaskOptions = Omit<ReviewOptions, 'wording'> & { uiLocale?: UiLocale };

export interface ReviewRequest {
  text: string;
  options: ReviewOptions;
  filename?: string;
  /** the report format asked for in the form (its export buttons) */
  exportAs?: ReportFormat;
}

/**
 * The report as a download: a file name from the document's, and the body in the format,
 * made on a worker (offloadReply) from the review of the same document.
 */
export async function sendReport(res: Response, db: Database, request: ReviewRequest, format: ReportFormat): Promise<void> {
  const reply = await offloadReply(db, { kind: 'review', text: request.text, options: request.options }, { as: 'report', format });
  const base = (request.filename ?? 'document').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'document';
  res.attachment(`${base}-review.${format}`);
  sendReply(res, reply);
}

/** The posted document: JSON or form body {text, format?, locale?}, or a multipart upload (field `file`). */
export async function readReviewRequest(req: Request): Promise<ReviewRequest> {
  if (req.is('multipart/form-data')) {
    const { fields, file } = await readUpload(req, { fileBytes: MAX_DOCUMENT_BYTES, fieldBytes: MAX_DOCUMENT_BYTES });
    const parsed = reviewFields.parse(fields);
    const fromFile = file && file.bytes.length > 0;
    const text = fromFile ? decodeDocument(file.bytes, 'file') : checkDocumentText(parsed.text ?? '', 'text');
    return finish(text, parsed, fromFile ? file.name : undefined);
  }
  const parsed = reviewFields.parse(req.body ?? {});
  return finish(checkDocumentText(parsed.text ?? '', 'text'), parsed);
}

function finish(text: string, parsed: ReturnType<typeof reviewFields.parse>, filename?: string): ReviewRequest {
  const format = parsed.format && parsed.format !== 'auto' ? parsed.format : detectFormat(text, filename);
  const options: ReviewOptions = { format };
  if (parsed.locale && parsed.locale !== 'auto') options.locale = parsed.locale;
  return { text, options, ...(filename ? { filename } : {}), ...(parsed.export ? { exportAs: parsed.export } : {}) };
}
