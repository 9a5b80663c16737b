import { z } from 'zod';
import { STATUSES } from '../../glossary/concept/types.ts';
import { flagField } from './flags.ts';

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean)));

export const exportQuery = z.object({
  format: z.enum(['tbx', 'tbx2008', 'csv', 'csv-lossless']).default('tbx'),
  /** TBX: `basic` writes TBX-Basic and drops what does not fit it (the response says what, in X-Termbridge-Dropped) */
  dialect: z.enum(['auto', 'basic']).default('auto'),
  lang: list.pipe(z.array(z.string().max(40))),
  status: list.pipe(z.array(z.enum(STATUSES))),
  subject: z
    .string()
    .max(200)
    .optional()
    .transform((s) => s || undefined),
});

export const importFields = z.object({
  format: z
    .enum(['tbx', 'csv', 'tsv'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  dryRun: flagField('dryRun'),
  partial: flagField('partial'),
});
