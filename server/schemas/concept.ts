import { z } from 'zod';
import { isValidLangTag } from '../../glossary/concept/lang.ts';
import { BIDI_MESSAGE, LIMITS } from '../../glossary/concept/limits.ts';
import { STATUSES, TERM_TYPES } from '../../glossary/concept/types.ts';
import { bidiControlIn } from '../../glossary/text/invisible.ts';

/** Validation at the edge: what the API and the forms accept, parsed into domain types. */

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
// Counted after trimming, as glossary/concept/limits.ts counts.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((s) => s || null);

const langTag = z
  .string()
  .trim()
  .min(1, 'a language tag is required')
  .refine(isValidLangTag, {
    message: 'is not a language tag (expected something like zh-CN, zh-TW or en)',
    params: { problem: 'langTag' },
  });

const extraField = z.object({
  element: z.string().max(LIMITS.extraElement),
  type: z.string().max(LIMITS.extraType),
  value: z.string().max(LIMITS.extraValue),
});

const termSchema = z.object({
  text: text(LIMITS.termText)
    .min(1, 'a term needs its text')
    .refine((t) => bidiControlIn(t) === null, { message: BIDI_MESSAGE, params: { problem: 'bidi' } }),
  lang: langTag,
  status: z.enum(STATUSES).default('preferred'),
  type: z.enum(TERM_TYPES).nullish(),
  region: optionalText(LIMITS.termRegion),
  partOfSpeech: optionalText(LIMITS.partOfSpeech),
  source: optionalText(LIMITS.termSource),
  note: optionalText(LIMITS.termNote),
  context: optionalText(LIMITS.termContext),
  extra: z.array(extraField).max(LIMITS.extraFields).optional(),
});

export const conceptBodySchema = z.object({
  externalId: optionalText(LIMITS.externalId),
  subject: optionalText(LIMITS.subject),
  definition: optionalText(LIMITS.definition),
  note: optionalText(LIMITS.note),
  extra: z.array(extraField).max(LIMITS.extraFields).optional(),
  terms: z.array(termSchema).min(1, 'a concept needs at least one term').max(LIMITS.termsPerConcept),
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
