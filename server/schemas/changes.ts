import { z } from 'zod';

const day = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected a date like 2026-11-25',
    params: { problem: 'date' },
  });
const blankToUndefined = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** `/changes?user=&action=&from=&to=&page=` — dates are whole UTC days, `to` inclusive. */
export const changesQuerySchema = z.object({
  user: z.string().max(200).optional().transform(blankToUndefined),
  action: z.string().max(50).optional().transform(blankToUndefined),
  from: day.optional().or(z.literal('').transform(() => undefined)),
  to: day.optional().or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

export type ChangesQuery = z.infer<typeof changesQuerySchema>;
