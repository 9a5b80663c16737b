import { z } from 'zod';
import { isValidLangTag } from '../../glossary/concept/lang.ts';
import { STATUSES, TERM_TYPES } from '../../glossary/concept/types.ts';

/** Validation at the edge: what the API and the forms accept, parsed into domain types. */

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((s) => (s?.trim() ? s.trim() : null));

const langTag = z
  .string()
  .trim()
  .min(1, 'a language tag is required')
  .refine(isValidLangTag, { message: 'is not a language tag (expected something like zh-CN, zh-TW or en)' });

const extraField = z.object({ element: z.string().max(64), type: z.string().max(128), value: z.string().max(10_000) });

export const termSchema = z.object({
  text: text(500).min(1, 'a term needs its text'),
  lang: langTag,
  status: z.enum(STATUSES).default('preferred'),
  type: z.enum(TERM_TYPES).nullish(),
  region: optionalText(100),
  partOfSpeech: optionalText(50),
  source: optionalText(1000),
  note: optionalText(5000),
  context: optionalText(5000),
  extra: z.array(extraField).max(100).optional(),
});

export const conceptBodySchema = z.object({
  externalId: optionalText(200),
  subject: optionalText(200),
  definition: optionalText(5000),
  note: optionalText(5000),
  extra: z.array(extraField).max(100).optional(),
  terms: z.array(termSchema).min(1, 'a concept needs at least one term').max(500),
});

export const conceptUpdateSchema = conceptBodySchema.extend({
  version: z.number().int().min(1),
});

export const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const versionParam = z.coerce.number().int().min(1);

export const listQuerySchema = z.object({
  lang: langTag.optional().or(z.literal('').transform(() => undefined)),
  status: z
    .enum(STATUSES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  subject: z
    .string()
    .max(200)
    .optional()
    .transform((s) => s || undefined),
  q: z
    .string()
    .max(200)
    .optional()
    .transform((s) => s?.trim() || undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The HTML form posts rows `terms[i][field]`; blank rows (the spare ones the form offers)
 * and rows ticked "remove" are dropped before validation. qs turns long lists into objects
 * keyed by index, so accept both shapes.
 */
const formRow = z.record(z.string(), z.unknown());
export const conceptFormSchema = z
  .object({
    externalId: z.string().optional(),
    subject: z.string().optional(),
    definition: z.string().optional(),
    note: z.string().optional(),
    version: z.string().optional(),
    terms: z.union([z.array(formRow), z.record(z.string(), formRow)]).optional(),
  })
  .transform((form) => {
    const rows = form.terms ? (Array.isArray(form.terms) ? form.terms : Object.values(form.terms)) : [];
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      version: form.version,
      concept: {
        externalId: form.externalId,
        subject: form.subject,
        definition: form.definition,
        note: form.note,
        terms: rows
          .filter((r) => str(r.text)?.trim() && !r.remove)
          .map((r) => ({
            text: str(r.text),
            lang: str(r.lang),
            status: str(r.status) || undefined,
            type: str(r.type) || null,
            region: str(r.region),
            partOfSpeech: str(r.partOfSpeech),
            source: str(r.source),
            note: str(r.note),
          })),
      },
    };
  });
