import type { ZodError } from 'zod';
import { isErrorCode, isTermbridgeError } from '../../glossary/errors.ts';
import type { PasswordProblem } from '../auth/passwords.ts';
import { placeInFile } from './import-wording.ts';
import type { MessageValues, Translate } from './catalogue.ts';
import type { UiLocale } from './locales.ts';

type $ZodIssue = ZodError['issues'][number];

/**
 * What went wrong, in the page's language and in plain words: zod issues by their kind and
 * parameters (never zod's own "expected number, received NaN"), refusals by their stable error
 * code. The JSON API keeps its codes and English messages (README); only pages come here.
 */

export interface PageLanguage {
  locale: UiLocale;
  t: Translate;
}

/** Issues shown at most: the first few say enough to act on. */
const MAX_SHOWN = 3;

/** The lists whose rows a form numbers (terms of a concept, forms of a candidate). */
const ROW_LISTS = new Set(['terms', 'forms']);

/** The kind of one zod issue and its parameters, as the catalogue's `invalid.problem` selects on. */
function issueKind(issue: $ZodIssue): { kind: string; values: MessageValues } {
  switch (issue.code) {
    case 'custom': {
      // Our refinements name their kind (and any numbers it needs) in `params`.
      const { problem, ...values } = (issue.params ?? {}) as { problem?: unknown } & MessageValues;
      return { kind: typeof problem === 'string' ? problem : 'invalid', values };
    }
    case 'invalid_type':
      // A missing field and a field of the wrong kind read differently to a person.
      // (zod names what it received; it keeps the input itself only when asked to.)
      if (['undefined', 'null'].includes(String((issue as { received?: unknown }).received))) return { kind: 'required', values: {} };
      return { kind: issue.expected === 'number' || issue.expected === 'int' ? 'notNumber' : 'invalid', values: {} };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { kind: 'empty', values: {} } : { kind: 'tooShort', values: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'tooFew', values: { min } };
      return { kind: 'tooSmall', values: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { kind: 'tooLong', values: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'tooMany', values: { max } };
      return { kind: 'tooLarge', values: { max } };
    }
    case 'invalid_value':
      return { kind: 'choice', values: { choices: issue.values.map(String).join(', ') } };
    case 'invalid_format':
      return { kind: 'format', values: {} };
    case 'not_multiple_of':
      return { kind: 'notWhole', values: {} };
    default:
      return { kind: 'invalid', values: {} };
  }
}

/** Where an issue is: "Term 2, language", "Password", or nothing for the form as a whole. */
function where(path: readonly PropertyKey[], t: Translate): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const field = keys.at(-1);
  if (field === undefined) return '';
  const label = t('invalid.field', { field });
  const list = keys.find((k) => ROW_LISTS.has(k));
  const row = list ? path[path.indexOf(list) + 1] : undefined;
  if (list && list !== field && typeof row === 'number') return t('invalid.inRow', { list, n: row + 1, field: label });
  return label;
}

/** One issue as a sentence: "Term 2, language: is not a language tag (such as zh-CN, zh-TW or en)." */
function describeIssue(issue: $ZodIssue, t: Translate): string {
  const { kind, values } = issueKind(issue);
  const problem = t('invalid.problem', { kind, ...values });
  const at = where(issue.path, t);
  const sentence = at ? t('invalid.sentence', { where: at, problem }) : t('invalid.whole', { problem });
  // English labels are written in lower case to sit inside a sentence; the sentence starts with a capital.
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** A failed form, the first issues as sentences in the page's language. */
export function describeZodIssues(error: ZodError, { locale, t }: PageLanguage): string {
  // One problem per field: an empty field also fails its format check, and saying both is noise.
  const seen = new Set<string>();
  const issues = error.issues.filter((i) => {
    const key = i.path.map(String).join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const shown = issues.slice(0, MAX_SHOWN).map((i) => describeIssue(i, t));
  const more = issues.length - shown.length;
  // Chinese sentences follow each other without a space.
  return [...shown, ...(more > 0 ? [t('invalid.more', { n: more })] : [])].join(locale === 'en' ? ' ' : '');
}

/**
 * The rule a refusal names as a kind and values (`details.problem`: a concept's rules in
 * glossary/concept/concept.ts), when it does.
 */
function ruleProblem(details: unknown): { kind: string; values: Record<string, string | number> } | null {
  const p = (details as { problem?: { kind?: unknown; values?: unknown } } | null | undefined)?.problem;
  if (!p || typeof p.kind !== 'string' || typeof p.values !== 'object' || p.values === null) return null;
  return { kind: p.kind, values: p.values as Record<string, string | number> };
}

/**
 * A refusal (TermbridgeError, or an error page's {code, message}) for a page. English pages keep
 * the error's own sentence, often more precise than the code's ("Term 2 has no text."); the
 * others word the rule it names from its kind and values, or else say the code's sentence from
 * the catalogue, so no English reaches a Chinese page.
 */
export function describeRefusal(error: unknown, { locale, t }: PageLanguage): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const english = typeof e.message === 'string' ? e.message : '';
  if (locale === 'en' && english) return english;
  const problem = ruleProblem(e.details);
  if (problem) return t('invalid.rule', { ...problem.values, kind: problem.kind, lang: problem.values.lang && t('lang.label', { tag: problem.values.lang }) });
  const code = isTermbridgeError(error) || isErrorCode(e.code) ? String(e.code) : 'internal';
  const sentence = t('errorCode', { code }) || english;
  const at = fileLine(e.details);
  return at ? t('js.atLine', { ...at, hasColumn: at.column === undefined ? 'no' : 'yes', sentence }) : sentence;
}

/**
 * Where in a file a refusal is, when it says: `details.line` and `details.column` (the TBX and
 * CSV readers' file-level refusals), or the first problem entry of a refused import.
 */
function fileLine(details: unknown): { line: number; column?: number } | null {
  const d = details as { line?: unknown; column?: unknown; errors?: { where?: unknown }[] } | null | undefined;
  const first = Array.isArray(d?.errors) ? d.errors[0]?.where : undefined;
  if (typeof first === 'string') {
    const place = placeInFile(first);
    return place && { line: place.line };
  }
  if (typeof d?.line !== 'number') return null;
  return typeof d.column === 'number' ? { line: d.line, column: d.column } : { line: d.line };
}

/** Why a new password is refused, in the page's language (the rule itself is in server/auth/passwords.ts). */
export function describePassword(problem: PasswordProblem, { t }: Pick<PageLanguage, 't'>): string {
  return t('invalid.password', { kind: problem.kind, n: problem.limit });
}
