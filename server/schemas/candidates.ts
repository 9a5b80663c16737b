import { z } from 'zod';
import { CANDIDATE_STATUSES } from '../../db/candidates.ts';
import { isValidLangTag, normaliseLangTag } from '../../glossary/concept/lang.ts';
import { LIMITS } from '../../glossary/concept/limits.ts';
import { TERM_TYPES } from '../../glossary/concept/types.ts';

/** Validation at the edge for extraction and the review queue. */

const MAX_DOCUMENT = 2_000_000;

const langTag = z
  .string()
  .trim()
  .min(1, 'a language tag is required')
  .refine(isValidLangTag, { message: 'is not a language tag (expected something like zh-CN, zh-TW or en)', params: { problem: 'langTag' } })
  .transform(normaliseLangTag);

export const candidateFormSchema = z.object({
  text: z.string().trim().min(1, 'a form needs its text').max(LIMITS.termText),
  lang: langTag,
  type: z
    .enum(TERM_TYPES)
    .nullish()
    .transform((t) => t ?? null),
  verified: z.boolean().default(true),
  note: z.string().max(1000).optional(),
});

export const extractBodySchema = z.object({
  text: z
    .string()
    .max(MAX_DOCUMENT, `the document must be at most ${MAX_DOCUMENT} characters`)
    .refine((s) => s.trim().length > 0, { message: 'the document is empty', params: { problem: 'empty' } }),
  name: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => s || 'pasted document'),
  en: z.string().max(MAX_DOCUMENT).optional(),
  pairs: z
    .array(z.object({ zh: z.string().max(10_000), en: z.string().max(10_000) }))
    .max(50_000)
    .optional(),
  store: z.boolean().default(true),
});

export const candidateListQuery = z.object({
  status: z
    .enum(CANDIDATE_STATUSES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  documentId: z.coerce.number().int().min(1).optional(),
  document: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const acceptBodySchema = z.object({
  forms: z.array(candidateFormSchema).min(1).max(50).optional(),
  subject: z.string().trim().max(LIMITS.subject).nullish(),
});

export const mergeBodySchema = z
  .object({
    conceptId: z.coerce.number().int().min(1).optional(),
    /** a term of the target concept, when its id is not at hand */
    lookup: z.string().trim().min(1).max(LIMITS.termText).optional(),
    version: z.coerce.number().int().min(1).optional(),
    forms: z.array(candidateFormSchema).min(1).max(50).optional(),
  })
  .refine((b) => b.conceptId !== undefined || b.lookup !== undefined, {
    message: 'name the concept to merge into: conceptId or lookup',
    params: { problem: 'mergeTarget' },
  });

export const editBodySchema = z.object({ forms: z.array(candidateFormSchema).min(1).max(50) });

/**
 * The page posts rows `forms[i][text|lang|type|verified|include]`; rows not ticked "include"
 * and blank rows are dropped. qs gives an object keyed by index for long lists.
 */
const row = z.record(z.string(), z.unknown());
export const candidatePageFormSchema = z
  .object({
    forms: z.union([z.array(row), z.record(z.string(), row)]).optional(),
    target: z.string().max(500).optional(),
    version: z.string().max(20).optional(),
    subject: z.string().max(200).optional(),
  })
  .transform((form) => {
    const rows = form.forms ? (Array.isArray(form.forms) ? form.forms : Object.values(form.forms)) : [];
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      target: form.target?.trim() ?? '',
      version: form.version?.trim() ?? '',
      subject: form.subject?.trim(),
      forms: rows
        .filter((r) => str(r.text).trim() && str(r.include) !== '')
        .map((r) => ({ text: str(r.text), lang: str(r.lang), type: str(r.type) || null, verified: str(r.verified) !== '0' })),
    };
  });
