import { z } from 'zod';
import { CHINESE_LOCALES } from '../../glossary/concept/lang.ts';
import { REPORT_FORMATS } from '../../glossary/review/report.ts';
import { DOCUMENT_FORMATS } from '../../glossary/review/review.ts';

/** POST /api/highlight and the review form: {text, format?, locale?}; "auto" or empty means guess. */
export const reviewFields = z.object({
  text: z.string().optional(),
  format: z
    .union([z.enum(DOCUMENT_FORMATS), z.literal('auto'), z.literal('markdown').transform(() => 'md' as const), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  locale: z
    .union([z.enum(CHINESE_LOCALES), z.literal('auto'), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  render: z.union([z.boolean(), z.enum(['0', '1', 'true', 'false'])]).optional(),
  /** the review form's export buttons: the report as a download instead of the page */
  export: z.enum(REPORT_FORMATS).optional(),
  _csrf: z.string().optional(),
});

/** `?export=csv|json` on POST /api/highlight: the report instead of the matches. */
export const reportQuery = z.object({ export: z.enum(REPORT_FORMATS).optional() }).passthrough();
