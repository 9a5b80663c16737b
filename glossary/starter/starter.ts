import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConceptInput, Status, TermInput, TermType } from '../concept/types.ts';

/**
 * The starter glossary: every CLDR country/territory and time-zone exemplar city (a
 * generated extract, see scripts/generate-cldr.ts), the names of the UN Member States and
 * observer States as the UN writes them (un-states.json), and a curated set of the entities in
 * the seed documents, whose regional forms CLDR does not know (科索夫, 普里斯汀納 …). The UN
 * rows and every curated entry that names a CLDR concept extend it rather than adding a second
 * concept; they are applied in that order, so the curated data (the most specific) wins.
 */

const DATA_DIR = join(import.meta.dirname, 'data');

type Names = Record<string, string>;
interface CldrNames {
  source: string;
  territories: { code: string; names: Names; short?: Names; variant?: Names }[];
  cities: { zone: string; names: Names }[];
}

export interface CuratedConcept {
  key: string;
  subject: string;
  cldr?: string;
  definition?: string;
  note?: string;
  terms: { text: string; lang: string; status: Status; type?: TermType; source: string; note?: string }[];
}

const CLDR_SOURCE = 'Unicode CLDR 48';

interface UnState {
  code: string;
  en: string;
  enFormal: string;
  zh: string;
  zhFormal: string;
}
interface UnStates {
  sources: { en: string; enFormal: string; zh: string; zhFormal: string; observers: string };
  memberStates: UnState[];
  observerStates: UnState[];
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;
}

function cldrTerms(names: Names, status: Status, type: TermType, what: string): TermInput[] {
  return Object.entries(names).map(([lang, text]) => ({ text, lang, status, type, source: `${CLDR_SOURCE} (${what})` }));
}

/** NCName-safe so that it can be a TBX conceptEntry id as it is. */
function cldrExternalId(ref: string): string {
  return `cldr-${ref.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
}

function fromCldr(data: CldrNames): Map<string, ConceptInput> {
  const concepts = new Map<string, ConceptInput>();
  for (const t of data.territories) {
    const ref = `territory:${t.code}`;
    const terms = cldrTerms(t.names, 'preferred', 'fullForm', `territory ${t.code}`);
    if (t.short) terms.push(...cldrTerms(t.short, 'admitted', 'shortForm', `territory ${t.code}, short`));
    if (t.variant) terms.push(...cldrTerms(t.variant, 'admitted', 'variant', `territory ${t.code}, variant`));
    concepts.set(ref, {
      externalId: cldrExternalId(ref),
      subject: 'place',
      definition: `Country or territory (CLDR region ${t.code}).`,
      terms: dedupe(terms),
    });
  }
  for (const c of data.cities) {
    const ref = `city:${c.zone}`;
    concepts.set(ref, {
      externalId: cldrExternalId(ref),
      subject: 'place',
      definition: `City (CLDR exemplar city of the time zone ${c.zone}).`,
      terms: dedupe(cldrTerms(c.names, 'preferred', 'fullForm', `exemplar city ${c.zone}`)),
    });
  }
  return concepts;
}

/** The same text in the same language once, keeping the better status. */
function dedupe(terms: TermInput[]): TermInput[] {
  const out = new Map<string, TermInput>();
  for (const t of terms) {
    const key = `${t.lang}\u0000${t.text}`;
    if (!out.has(key)) out.set(key, t);
  }
  return [...out.values()];
}

/**
 * Merge curated terms into a CLDR concept. Curated data is the more specific evidence: where
 * it names a different preferred form for a language (科索夫 for zh-TW), the CLDR form stays
 * as an admitted term, so nothing CLDR says is lost.
 */
function extend(base: ConceptInput, curated: CuratedConcept): ConceptInput {
  const terms = base.terms.map((t) => ({ ...t }));
  // A language may have several preferred forms (a UN short and formal name).
  const curatedPreferred = new Map<string, Set<string>>();
  for (const t of curated.terms)
    if (t.status === 'preferred') curatedPreferred.set(t.lang, (curatedPreferred.get(t.lang) ?? new Set()).add(t.text));
  for (const t of terms) {
    const better = curatedPreferred.get(t.lang);
    if (t.status === 'preferred' && better && !better.has(t.text)) t.status = 'admitted';
  }
  for (const c of curated.terms) {
    const same = terms.find((t) => t.lang === c.lang && t.text === c.text);
    if (same) {
      same.status = c.status;
      if (c.type) same.type = c.type;
      same.source = `${same.source}; ${c.source}`;
      if (c.note) same.note = c.note;
    } else {
      terms.push({ ...c, type: c.type ?? null });
    }
  }
  return {
    ...base,
    subject: curated.subject || base.subject,
    definition: curated.definition ?? base.definition ?? null,
    note: curated.note ?? base.note ?? null,
    terms,
  };
}

function loadCurated(): CuratedConcept[] {
  return readJson<{ concepts: CuratedConcept[] }>('curated.json').concepts;
}

type CuratedTerm = CuratedConcept['terms'][number];

/**
 * A UN short and formal name pair as terms, short name first (it is the label). Both are
 * preferred: a UN text uses either. Word processors turn the apostrophe of "Côte d'Ivoire"
 * into ’, and matching does not fold the two, so the typographic form is admitted as well.
 */
function unNames(lang: string, short: string, formal: string, shortSource: string, formalSource: string): CuratedTerm[] {
  const terms: CuratedTerm[] =
    short === formal
      ? [{ text: short, lang, status: 'preferred', type: 'fullForm', source: `${shortSource}; ${formalSource}` }]
      : [
          { text: short, lang, status: 'preferred', type: 'shortForm', source: shortSource },
          { text: formal, lang, status: 'preferred', type: 'fullForm', source: formalSource },
        ];
  for (const t of [...terms])
    if (t.text.includes("'")) terms.push({ ...t, text: t.text.replaceAll("'", '\u2019'), status: 'admitted', type: 'variant' });
  return terms;
}

/** The UN Member States and observer States as curated entries of their CLDR territories. */
function loadUnStates(): CuratedConcept[] {
  const data = readJson<UnStates>('un-states.json');
  const { sources } = data;
  const entry = (s: UnState, observer: boolean): CuratedConcept => ({
    key: `un-state-${s.code}`,
    subject: 'place',
    cldr: `territory:${s.code}`,
    definition: observer
      ? `Non-member observer State of the United Nations (CLDR region ${s.code}).`
      : `Member State of the United Nations (CLDR region ${s.code}).`,
    terms: [
      ...unNames('en', s.en, s.enFormal, observer ? sources.observers : sources.en, sources.enFormal),
      ...unNames('zh-CN', s.zh, s.zhFormal, sources.zh, sources.zhFormal),
    ],
  });
  return [...data.memberStates.map((s) => entry(s, false)), ...data.observerStates.map((s) => entry(s, true))];
}

export function starterGlossary(): ConceptInput[] {
  const concepts = fromCldr(readJson<CldrNames>('cldr-names.json'));
  const extras: ConceptInput[] = [];
  for (const c of [...loadUnStates(), ...loadCurated()]) {
    const base = c.cldr ? concepts.get(c.cldr) : undefined;
    if (c.cldr && !base) throw new Error(`curated.json: "${c.key}" names ${c.cldr}, which CLDR does not have`);
    if (base && c.cldr) concepts.set(c.cldr, extend(base, c));
    else
      extras.push({
        externalId: `tb-${c.key}`,
        subject: c.subject,
        definition: c.definition ?? null,
        note: c.note ?? null,
        terms: c.terms.map((t) => ({ ...t, type: t.type ?? null })),
      });
  }
  return [...concepts.values(), ...extras];
}
