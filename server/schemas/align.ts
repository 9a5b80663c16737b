import { z } from 'zod';
import { MAX_SENTENCE_CHARS, MAX_SENTENCES } from '../../glossary/align/document-alignment.ts';
import { isValidLangTag } from '../../glossary/concept/lang.ts';

/** Validation at the edge for `POST /api/align` and the alignment page's form. */

const MAX_TEXT = 2_000_000;

const document = (side: string) =>
  z
    .string({ error: `${side} text is required` })
    .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
    .refine((s) => s.trim() !== '', { message: `the ${side} text is empty`, params: { problem: 'empty' } });

/** Pre-split sentences, used as given: the pairs index this array. */
const sentences = (side: string) =>
  z
    .array(z.string().max(MAX_SENTENCE_CHARS, `a ${side} sentence must be at most ${MAX_SENTENCE_CHARS} characters`), {
      error: `${side} sentences must be an array of strings`,
    })
    .max(MAX_SENTENCES, `at most ${MAX_SENTENCES} ${side} sentences can be aligned at once`)
    .refine((a) => a.some((s) => s.trim() !== ''), { message: `the ${side} sentences are empty`, params: { problem: 'empty' } })
    .refine((a) => a.reduce((n, s) => n + s.length, 0) <= MAX_TEXT, {
      message: `the ${side} sentences exceed ${MAX_TEXT} characters`,
      params: { problem: 'totalTooLong', max: MAX_TEXT },
    });

const indices = z.array(z.number().int().min(0)).max(50);

const langTag = z
  .string()
  .max(35)
  .refine(isValidLangTag, { message: 'must be a language tag such as zh-TW or en-GB', params: { problem: 'langTag' } });

export const alignBodySchema = z
  .object({
    zh: document('Chinese').optional(),
    en: document('English').optional(),
    zhSentences: sentences('Chinese').optional(),
    enSentences: sentences('English').optional(),
    /** the reviewer's corrected pairs; checked against the sentences in glossary/align */
    beads: z
      .array(z.object({ zh: indices, en: indices }))
      .max(200_000)
      .optional(),
    format: z.enum(['json', 'tmx']).default('json'),
    /** TMX language tags; by default the Chinese side's from its script, and en */
    srclang: langTag.optional(),
    targetlang: langTag.optional(),
  })
  .superRefine((b, ctx) => {
    for (const [text, list, side] of [
      [b.zh, b.zhSentences, 'zh'],
      [b.en, b.enSentences, 'en'],
    ] as const) {
      if ((text === undefined) === (list === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [side],
          message: `give either ${side} (a text) or ${side}Sentences (its sentences), not both or neither`,
          params: { problem: 'eitherOr' },
        });
    }
  })
  .transform(({ zh, en, zhSentences, enSentences, ...rest }) => ({
    ...rest,
    zh: (zhSentences ?? zh)!,
    en: (enSentences ?? en)!,
  }));

/** The page's form: the same two texts, posted urlencoded. */
export const alignFormSchema = z.object({
  zh: document('Chinese'),
  en: document('English'),
});
