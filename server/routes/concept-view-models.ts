import { conceptLabel, termsByLanguage } from '../../glossary/concept/concept.ts';
import { langLabel } from '../../glossary/concept/lang.ts';
import { type Concept, type ConceptSnapshot, conceptRef, STATUSES, TERM_TYPES, type TermInput } from '../../glossary/concept/types.ts';

/** Plain objects for the concept templates; templates never see domain objects or the db. */

export function conceptView(concept: Concept) {
  return {
    id: concept.id,
    ref: conceptRef(concept),
    externalId: concept.externalId,
    subject: concept.subject,
    definition: concept.definition,
    note: concept.note,
    version: concept.version,
    updatedAt: concept.updatedAt,
    label: conceptLabel(concept),
    groups: termsByLanguage(concept.terms).map((g) => ({ lang: g.lang, label: langLabel(g.lang), terms: g.terms })),
  };
}

export function conceptSummary(concept: Concept) {
  const pick = (lang: string) =>
    concept.terms
      .filter((t) => t.lang === lang && (t.status === 'preferred' || t.status === 'admitted'))
      .map((t) => t.text)
      .join(' / ');
  return {
    id: concept.id,
    label: conceptLabel(concept),
    subject: concept.subject,
    zhCN: pick('zh-CN'),
    zhTW: pick('zh-TW'),
    termCount: concept.terms.length,
  };
}

type FormTerm = Partial<Record<keyof TermInput, unknown>>;

export function termRow(t: FormTerm, index: number | string) {
  const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
  return {
    index,
    text: s(t.text),
    lang: s(t.lang),
    region: s(t.region),
    partOfSpeech: s(t.partOfSpeech),
    source: s(t.source),
    note: s(t.note),
    statusOptions: STATUSES.map((v) => ({ value: v, selected: v === (s(t.status) || 'preferred') })),
    typeOptions: [{ value: '', label: '—', selected: !t.type }, ...TERM_TYPES.map((v) => ({ value: v, label: v, selected: v === t.type }))],
  };
}

const SPARE_ROWS = 3;

/** The create/edit form, filled from a concept, a snapshot, or what the user posted. */
export function conceptForm(
  values: Partial<Omit<ConceptSnapshot, 'terms'>> & { terms: FormTerm[] },
  options: { action: string; version?: number | string | undefined; id?: number; title: string },
) {
  const rows = values.terms.map((t, i) => termRow(t, i));
  for (let i = 0; i < SPARE_ROWS; i++) rows.push(termRow({ lang: '', status: 'preferred' }, rows.length));
  return {
    title: options.title,
    action: options.action,
    id: options.id,
    version: options.version,
    externalId: values.externalId ?? '',
    subject: values.subject ?? '',
    definition: values.definition ?? '',
    note: values.note ?? '',
    rows,
    templateRow: termRow({ status: 'preferred' }, '__INDEX__'),
    nextIndex: rows.length,
  };
}
