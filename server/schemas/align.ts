import { z } from 'zod';

/** Validation at the edge for `POST /api/align` and the alignment page's form. */

const MAX_TEXT = 2_000_000;

const document = (side: string) =>
  z
    .string({ error: `${side} text is required` })
    .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
    .refine((s) => s.trim() !== '', { message: `the ${side} text is empty` });

const indices = z.array(z.number().int().min(0)).max(50);

export const alignBodySchema = z.object({
  zh: document('Chinese'),
  en: document('English'),
  /** the reviewer's corrected pairs; checked against the sentences in glossary/align */
  beads: z
    .array(z.object({ zh: indices, en: indices }))
    .max(200_000)
    .optional(),
  format: z.enum(['json', 'tmx']).default('json'),
});

export type AlignBody = z.infer<typeof alignBodySchema>;

/** The page's form: the same two texts, posted urlencoded. */
export const alignFormSchema = z.object({
  zh: document('Chinese'),
  en: document('English'),
});
