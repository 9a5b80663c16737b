import { z } from 'zod';
import { HIGHLIGHT_FORMATS } from '../../glossary/highlight.ts';
import { CHINESE_LOCALES } from '../../glossary/lang.ts';

/** POST /api/highlight and the review form: {text, format?, locale?}; "auto" or empty means guess. */
export const highlightFields = z.object({
  text: z.string().optional(),
  format: z
    .union([z.enum(HIGHLIGHT_FORMATS), z.literal('auto'), z.literal('markdown').transform(() => 'md' as const), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  locale: z
    .union([z.enum(CHINESE_LOCALES), z.literal('auto'), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  render: z.union([z.boolean(), z.enum(['0', '1', 'true', 'false'])]).optional(),
  _csrf: z.string().optional(),
});
