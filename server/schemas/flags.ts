import type { Request } from 'express';
import { z } from 'zod';
import { TermbridgeError } from '../../glossary/errors.ts';

/**
 * The one truthiness rule for on/off flags in URLs and forms (`?dryRun=1`, a checkbox's `on`).
 * It is a security rule: the access policy lets a viewer send an import when the URL says dry
 * run, and the import route obeys the same URL flag, so both must read it with this function.
 * Anything that is neither clearly on nor clearly off is refused (400) instead of guessed.
 */
const ON = new Set(['', '1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

/** true / false for a single value; undefined when absent; a 400 for anything else (a repeated key, `maybe`). */
export function parseFlag(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (ON.has(v)) return true;
    if (OFF.has(v)) return false;
  }
  throw new TermbridgeError('invalid-input', `${name} must be one of 1, true, yes, on or 0, false, no, off.`);
}

/** The spellings a dry run goes by in a URL. */
const DRY_RUN_KEYS = ['dryRun', 'dry-run', 'dry_run'] as const;

/** Does the URL ask for a dry run? (`?dryRun`, `?dry-run=1`, `?dry_run=true`; a bad value is a 400.) */
export function isDryRunQuery(req: Pick<Request, 'query'>): boolean {
  let dry = false;
  for (const key of DRY_RUN_KEYS) if (parseFlag(req.query[key], key)) dry = true;
  return dry;
}

/** A form or JSON field with the same rule, for zod schemas: absent is false. */
export const flagField = (name: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseFlag(typeof v === 'boolean' ? String(v) : v, name) ?? false;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message, params: { problem: 'flag' } });
        return z.NEVER;
      }
    });
