import { TermbridgeError } from '../errors.ts';
import { fold } from '../text/fold.ts';
import { compareLangTags, isEnglish, normaliseLangTag } from './lang.ts';
import { conceptLimitProblem } from './limits.ts';
import type { Concept, ConceptInput, ConceptSnapshot, Status, Term, TermInput, TermType } from './types.ts';

const blankToNull = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * A rule a concept breaks, as a kind and values (`details.problem` of the TermbridgeError), so
 * that pages word it in their own language (server/i18n/problems.ts); the message stays English
 * for the API.
 */
interface RuleProblem {
  kind: 'emptyTerm' | 'noTerms' | 'duplicateTerm';
  values: Record<string, string | number>;
}

const ruleFailure = (message: string, problem: RuleProblem) => new TermbridgeError('invalid-input', message, { details: { problem } });

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
  if (empty >= 0) throw ruleFailure(`Term ${empty + 1} has no text.`, { kind: 'emptyTerm', values: { n: empty + 1 } });
  if (terms.length === 0) throw ruleFailure('A concept needs at least one term.', { kind: 'noTerms', values: {} });
  const seen = new Set<string>();
  for (const t of terms) {
    const key = `${t.lang}\u0000${t.text}`;
    if (seen.has(key))
      throw ruleFailure(`The term "${t.text}" (${t.lang}) is listed twice.`, { kind: 'duplicateTerm', values: { text: t.text, lang: t.lang } });
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

/** Preferred 0, admitted 1, deprecated 2, forbidden 3: the order every list and index sorts by. */
export function statusRank(status: Status): number {
  return STATUS_RANK[status];
}

export function compareStatus(a: Status, b: Status): number {
  return STATUS_RANK[a] - STATUS_RANK[b];
}

/** Approved statuses: the forms a writer may use (PRODUCT.md, "Data model"). */
const APPROVED: ReadonlySet<Status> = new Set<Status>(['preferred', 'admitted']);

export function isApproved(status: Status): boolean {
  return APPROVED.has(status);
}

/** Short forms sit beside a full form in good writing (NATO and North Atlantic Treaty Organization): never rival spellings. */
const SHORT_FORMS: ReadonlySet<TermType> = new Set<TermType>(['abbreviation', 'acronym', 'shortForm']);

function isShortForm(term: Pick<TermInput, 'type'>): boolean {
  return term.type != null && SHORT_FORMS.has(term.type);
}

/**
 * The concept's English name: its approved English term, preferred before admitted, plain `en`
 * before en-US, en-GB and the other English tags, then in entry order. Undefined when none.
 */
export function englishTerm<T extends TermInput>(terms: readonly T[]): T | undefined {
  let best: T | undefined;
  const rank = (t: T) => statusRank(t.status) * 2 + (t.lang === 'en' ? 0 : 1);
  for (const t of terms) {
    if (!isEnglish(t.lang) || !isApproved(t.status)) continue;
    if (!best || rank(t) < rank(best)) best = t;
  }
  return best;
}

/** English label for lists: the English name, else any preferred term, else the first. */
export function conceptLabel(concept: Pick<Concept, 'terms' | 'id'>): string {
  const en = englishTerm(concept.terms);
  return (en ?? concept.terms.find((t) => t.status === 'preferred') ?? concept.terms[0])?.text ?? `#${concept.id}`;
}

/**
 * The `inconsistent` rule, shared by document review and alignment QA (docs/matcher.md,
 * docs/alignment.md). Within one concept and one language, the approved full forms a document
 * uses are compared folded (case, width, script, diacritics: KOSOVO is Kosovo). Short forms are
 * never rivals, nor is a form that contains another or is contained in one (普京 inside
 * 弗拉基米尔·普京 is the same name, shortened). With two or more rivals the usual form is the
 * glossary's preferred form when the document uses it, else the most frequent, a tie going to
 * a preferred-status term and then to the first used.
 */
export interface Inconsistency {
  /** folded form to use throughout */
  usual: string;
  /** folded rival forms in order of first use, `usual` among them */
  rivals: string[];
}

type FormUse = Pick<TermInput, 'text' | 'type' | 'status'>;

/**
 * The comparison form of a written name: folded. Names repeat through a document, so the
 * answers are memoised (a long document has hundreds of thousands of matches but a few
 * hundred distinct names).
 */
const formKeys = new Map<string, string>();
export function formKey(text: string): string {
  let key = formKeys.get(text);
  if (key === undefined) {
    if (formKeys.size > 50_000) formKeys.clear();
    key = fold(text);
    formKeys.set(text, key);
  }
  return key;
}

/** May this use take part in the `inconsistent` rule at all? */
function isRivalUse(use: FormUse): boolean {
  return isApproved(use.status) && !isShortForm(use);
}

/**
 * `uses`: the glossary terms a document uses for one concept in one language, in document
 * order; `preferred`: the glossary's form for that language, when there is one.
 */
export function findInconsistency(uses: readonly FormUse[], preferred?: string | null): Inconsistency | null {
  const forms = new Map<string, { count: number; order: number; preferred: boolean }>();
  for (const use of uses) {
    if (!isRivalUse(use)) continue;
    const key = formKey(use.text);
    const f = forms.get(key);
    if (f) {
      f.count++;
      f.preferred ||= use.status === 'preferred';
    } else forms.set(key, { count: 1, order: forms.size, preferred: use.status === 'preferred' });
  }
  const keys = [...forms.keys()];
  const rivals = keys.filter((k) => !keys.some((o) => o !== k && (o.includes(k) || k.includes(o))));
  if (rivals.length < 2) return null;
  const preferredKey = preferred ? formKey(preferred) : undefined;
  const stats = (k: string) => forms.get(k)!;
  const usual =
    preferredKey && rivals.includes(preferredKey)
      ? preferredKey
      : [...rivals].sort(
          (a, b) =>
            stats(b).count - stats(a).count || Number(stats(b).preferred) - Number(stats(a).preferred) || stats(a).order - stats(b).order,
        )[0]!;
  return { usual, rivals };
}

/** Is this use one the rule flags: a rival form other than the usual one? */
export function isInconsistentUse(use: FormUse, found: Inconsistency | null | undefined): boolean {
  if (!found || !isRivalUse(use)) return false;
  const key = formKey(use.text);
  return key !== found.usual && found.rivals.includes(key);
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
