import { TermbridgeError } from '../errors.ts';
import { compareLangTags, isEnglish, normaliseLangTag } from './lang.ts';
import { conceptLimitProblem } from './limits.ts';
import type { Concept, ConceptInput, ConceptSnapshot, Status, Term, TermInput } from './types.ts';

const blankToNull = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * Every write path (forms, API, import, seed) goes through here, so the store only ever
 * holds trimmed text, normalised language tags and at least one term per concept.
 */
export function normaliseConceptInput(input: ConceptInput): ConceptInput {
  // Every write passes here: the length limits hold whichever way a concept comes in.
  const tooLong = conceptLimitProblem(input);
  if (tooLong) throw new TermbridgeError('invalid-input', `${tooLong[0]!.toUpperCase()}${tooLong.slice(1)}.`);
  const terms: TermInput[] = input.terms.map((t) => ({
    text: t.text.trim().replace(/\s+/g, ' '),
    lang: normaliseLangTag(t.lang),
    status: t.status,
    type: t.type ?? null,
    region: blankToNull(t.region),
    partOfSpeech: blankToNull(t.partOfSpeech),
    source: blankToNull(t.source),
    note: blankToNull(t.note),
    context: blankToNull(t.context),
    extra: t.extra ?? [],
    externalId: blankToNull(t.externalId),
    statusSource: blankToNull(t.statusSource),
  }));
  const empty = terms.findIndex((t) => t.text === '');
  if (empty >= 0) throw new TermbridgeError('invalid-input', `Term ${empty + 1} has no text.`);
  if (terms.length === 0) throw new TermbridgeError('invalid-input', 'A concept needs at least one term.');
  const seen = new Set<string>();
  for (const t of terms) {
    const key = `${t.lang}\u0000${t.text}`;
    if (seen.has(key)) throw new TermbridgeError('invalid-input', `The term "${t.text}" (${t.lang}) is listed twice.`);
    seen.add(key);
  }
  return {
    externalId: blankToNull(input.externalId),
    subject: blankToNull(input.subject),
    definition: blankToNull(input.definition),
    note: blankToNull(input.note),
    extra: input.extra ?? [],
    terms,
  };
}

export function snapshotOf(concept: Concept): ConceptSnapshot {
  return {
    externalId: concept.externalId,
    subject: concept.subject,
    definition: concept.definition,
    note: concept.note,
    extra: concept.extra,
    terms: concept.terms.map(({ id: _id, ...t }) => t),
  };
}

const STATUS_RANK: Record<Status, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };

export function compareStatus(a: Status, b: Status): number {
  return STATUS_RANK[a] - STATUS_RANK[b];
}

/** The term to show for a language: preferred first, then admitted, in entry order. */
export function preferredTerm<T extends TermInput>(terms: readonly T[], lang: string): T | undefined {
  let best: T | undefined;
  for (const t of terms) {
    if (t.lang !== lang) continue;
    if (!best || compareStatus(t.status, best.status) < 0) best = t;
  }
  return best && (best.status === 'preferred' || best.status === 'admitted') ? best : undefined;
}

/**
 * The concept's English equivalent: its best usable term in any English — `en`, `en-US`, `en-GB`…,
 * since spreadsheets and CAT tools label their English column either way. Status decides first;
 * between equals, plain `en` wins, then entry order.
 */
export function englishTerm<T extends TermInput>(terms: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const t of terms) {
    if (!isEnglish(t.lang)) continue;
    const order = best ? compareStatus(t.status, best.status) : -1;
    if (order < 0 || (order === 0 && t.lang === 'en' && best!.lang !== 'en')) best = t;
  }
  return best && (best.status === 'preferred' || best.status === 'admitted') ? best : undefined;
}

/** English label for lists: the English equivalent, else any preferred term, else the first. */
export function conceptLabel(concept: Pick<Concept, 'terms' | 'id'>): string {
  const en = englishTerm(concept.terms);
  return (en ?? concept.terms.find((t) => t.status === 'preferred') ?? concept.terms[0])?.text ?? `#${concept.id}`;
}

/** Terms grouped by language tag in display order (English, zh-CN, zh-TW, zh-HK, others). */
export function termsByLanguage<T extends Pick<Term, 'lang' | 'status'>>(terms: readonly T[]): { lang: string; terms: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const t of terms) {
    const g = groups.get(t.lang);
    if (g) g.push(t);
    else groups.set(t.lang, [t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareLangTags(a, b))
    .map(([lang, ts]) => ({ lang, terms: [...ts].sort((x, y) => compareStatus(x.status, y.status)) }));
}

/** One line describing what changed between two snapshots, for history lists. */
export function describeChange(before: ConceptSnapshot | null, after: ConceptSnapshot | null): string {
  if (!before && after) return `created with ${after.terms.length} term(s)`;
  if (before && !after) return `deleted (${before.terms.length} term(s))`;
  if (!before || !after) return '';
  const key = (t: TermInput) => `${t.lang}\u0000${t.text}`;
  const old = new Map(before.terms.map((t) => [key(t), t]));
  const now = new Map(after.terms.map((t) => [key(t), t]));
  const parts: string[] = [];
  for (const [k, t] of now) if (!old.has(k)) parts.push(`+${t.text} (${t.lang})`);
  for (const [k, t] of old) if (!now.has(k)) parts.push(`−${t.text} (${t.lang})`);
  for (const [k, t] of now) {
    const o = old.get(k);
    if (o && JSON.stringify(o) !== JSON.stringify(t)) parts.push(`~${t.text} (${t.lang})`);
  }
  for (const field of ['subject', 'definition', 'note', 'externalId'] as const) {
    if ((before[field] ?? null) !== (after[field] ?? null)) parts.push(`${field} changed`);
  }
  return parts.length ? parts.join(', ') : 'no change';
}

/**
 * A Concept held in memory only, for code that works on the domain without a database:
 * tests, benchmarks and evaluations build matchers and indexes from starter data this way.
 */
export function conceptFromInput(input: ConceptInput, id: number, firstTermId = id * 1000): Concept {
  const n = normaliseConceptInput(input);
  return {
    id,
    externalId: n.externalId ?? null,
    subject: n.subject ?? null,
    definition: n.definition ?? null,
    note: n.note ?? null,
    extra: n.extra ?? [],
    version: 1,
    createdAt: '',
    updatedAt: '',
    terms: n.terms.map((t, i) => ({
      id: firstTermId + i,
      text: t.text,
      lang: t.lang,
      status: t.status,
      type: t.type ?? null,
      region: t.region ?? null,
      partOfSpeech: t.partOfSpeech ?? null,
      source: t.source ?? null,
      note: t.note ?? null,
      context: t.context ?? null,
      extra: t.extra ?? [],
      externalId: t.externalId ?? null,
      statusSource: t.statusSource ?? null,
    })),
  };
}

/** conceptFromInput over a list: ids 1…n, term ids unique across the list. */
export function conceptsFromInputs(inputs: readonly ConceptInput[]): Concept[] {
  let termId = 1;
  return inputs.map((input, i) => {
    const concept = conceptFromInput(input, i + 1, termId);
    termId += concept.terms.length;
    return concept;
  });
}
