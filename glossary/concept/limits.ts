import { bidiControlIn } from '../text/invisible.ts';
import type { ConceptInput, ExtraField, TermInput } from './types.ts';

/**
 * How long each field of a concept may be, on every path in: the API and form schemas
 * (server/schemas) take their maxima from here, and every write goes through
 * `conceptLimitProblem` (normaliseConceptInput, the importer). One table, so that an import
 * cannot store what the API refuses: a 1.8M-character term or a 30 MB conceptEntry id cost
 * every lookup, index build and export that touches them (issue 13).
 * Lengths are in UTF-16 units, as JavaScript and zod count them, after trimming.
 */
export const LIMITS = {
  /** no name is longer; long enough for the longest official titles */
  termText: 500,
  termRegion: 100,
  partOfSpeech: 50,
  termSource: 1000,
  termNote: 5000,
  termContext: 5000,
  /** a term's id in the file it came from */
  termExternalId: 200,
  /** the status as the file wrote it ("supersededTerm-admn-sts") */
  statusSource: 100,
  externalId: 200,
  subject: 200,
  definition: 5000,
  note: 5000,
  termsPerConcept: 500,
  /** extra (unknown TBX) fields directly on a concept or term, as the API takes them */
  extraFields: 100,
  /** extra fields counted with their group members, as an import brings them */
  extraFieldsNested: 1000,
  extraElement: 64,
  extraType: 128,
  extraValue: 10_000,
  extraAttrName: 64,
  extraAttrValue: 1000,
} as const;

type TermField = 'text' | 'region' | 'partOfSpeech' | 'source' | 'note' | 'context' | 'externalId' | 'statusSource';
const TERM_FIELDS: [TermField, number, string][] = [
  ['text', LIMITS.termText, 'the text'],
  ['region', LIMITS.termRegion, 'the region'],
  ['partOfSpeech', LIMITS.partOfSpeech, 'the part of speech'],
  ['source', LIMITS.termSource, 'the source'],
  ['note', LIMITS.termNote, 'the note'],
  ['context', LIMITS.termContext, 'the context'],
  ['externalId', LIMITS.termExternalId, 'the term id'],
  ['statusSource', LIMITS.statusSource, 'the status as written'],
];
type ConceptField = 'externalId' | 'subject' | 'definition' | 'note';
const CONCEPT_FIELDS: [ConceptField, number, string][] = [
  ['externalId', LIMITS.externalId, 'the concept id'],
  ['subject', LIMITS.subject, 'the subject'],
  ['definition', LIMITS.definition, 'the definition'],
  ['note', LIMITS.note, 'the note'],
];

/** Terms also may not hold bidi controls that reorder what is shown (glossary/text/invisible.ts). */
export const BIDI_MESSAGE = 'the text holds a bidirectional control character, which makes it display as something else';

const tooLong = (what: string, length: number, max: number) =>
  `${what} is ${length.toLocaleString('en')} characters long (at most ${max.toLocaleString('en')})`;

/** Length after trimming, without copying a huge string only to measure it. */
function trimmedLength(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && /\s/.test(s[start]!)) start++;
  while (end > start && /\s/.test(s[end - 1]!)) end--;
  return end - start;
}

function fieldProblem(value: string | null | undefined, max: number, what: string): string | null {
  if (typeof value !== 'string' || value.length <= max) return null;
  const n = trimmedLength(value);
  return n > max ? tooLong(what, n, max) : null;
}

function extraProblem(fields: readonly ExtraField[], where: string): string | null {
  if (fields.length > LIMITS.extraFieldsNested)
    return `${where}: ${fields.length.toLocaleString('en')} extra fields (at most ${LIMITS.extraFieldsNested})`;
  // Iterative, with a count: group members nest, and a hostile file nests deeply.
  const stack = [...fields];
  let count = 0;
  while (stack.length) {
    const f = stack.pop()!;
    if (++count > LIMITS.extraFieldsNested) return `${where}: more than ${LIMITS.extraFieldsNested} extra fields`;
    const p =
      fieldProblem(f.element, LIMITS.extraElement, 'an extra field’s element name') ??
      fieldProblem(f.type, LIMITS.extraType, 'an extra field’s type') ??
      fieldProblem(f.value, LIMITS.extraValue, `the extra field ${String(f.element).slice(0, LIMITS.extraElement)}`);
    if (p) return `${where}: ${p}`;
    for (const [name, value] of Object.entries(f.attrs ?? {})) {
      const q =
        fieldProblem(name, LIMITS.extraAttrName, 'an attribute name') ??
        fieldProblem(value, LIMITS.extraAttrValue, `the attribute ${name.slice(0, LIMITS.extraAttrName)}`);
      if (q) return `${where}: ${q}`;
    }
    if (f.children) stack.push(...f.children);
  }
  return null;
}

function termProblem(t: TermInput, n: number): string | null {
  const where = `term ${n}${typeof t.lang === 'string' && t.lang.length <= 35 ? ` (${t.lang})` : ''}`;
  const bidi = typeof t.text === 'string' ? bidiControlIn(t.text) : null;
  if (bidi) return `${where}: ${BIDI_MESSAGE} (${bidi})`;
  for (const [field, max, what] of TERM_FIELDS) {
    const p = fieldProblem(t[field], max, what);
    if (p) return `${where}: ${p}`;
  }
  return extraProblem(t.extra ?? [], where);
}

/**
 * The first field of a concept that is over its limit, in words (values are never quoted:
 * they may be megabytes), or null when everything fits.
 */
export function conceptLimitProblem(c: ConceptInput): string | null {
  for (const [field, max, what] of CONCEPT_FIELDS) {
    const p = fieldProblem(c[field], max, what);
    if (p) return p;
  }
  if (c.terms.length > LIMITS.termsPerConcept)
    return `${c.terms.length.toLocaleString('en')} terms in one concept (at most ${LIMITS.termsPerConcept})`;
  for (const [i, t] of c.terms.entries()) {
    const p = termProblem(t, i + 1);
    if (p) return p;
  }
  return extraProblem(c.extra ?? [], 'the concept');
}

/** A value for a message or report: cut, so that a hostile megabyte stays out of both. */
export function shortForMessage(value: string, max = 60): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length.toLocaleString('en')} characters)`;
}
