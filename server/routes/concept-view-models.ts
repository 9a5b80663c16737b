import { conceptLabel, isApproved, termsByLanguage } from '../../glossary/concept/concept.ts';
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
    labelLang: labelLang(concept),
    groups: termsByLanguage(concept.terms).map((g) => ({ lang: g.lang, terms: g.terms })),
  };
}

export function conceptSummary(concept: Concept) {
  const pick = (lang: string) =>
    concept.terms
      .filter((t) => t.lang === lang && isApproved(t.status))
      .map((t) => t.text)
      .join(' / ');
  return {
    id: concept.id,
    label: conceptLabel(concept),
    labelLang: labelLang(concept),
    subject: concept.subject,
    zhCN: pick('zh-CN'),
    zhTW: pick('zh-TW'),
    termCount: concept.terms.length,
  };
}

type FormTerm = Partial<Record<keyof TermInput, unknown>>;

function termRow(t: FormTerm, index: number | string) {
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
    typeOptions: [{ value: '', selected: !t.type }, ...TERM_TYPES.map((v) => ({ value: v, selected: v === t.type }))],
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

/** One line of a history entry's "what changed" table. */
export interface FieldChange {
  field: string;
  kind: 'changed' | 'added' | 'removed';
  /** the term the change is about (absent for concept fields) */
  term?: string;
  lang?: string;
  beforeText: string;
  afterText: string;
  isStatus: boolean;
  isType: boolean;
  isPartOfSpeech: boolean;
}

const CONCEPT_FIELDS = ['subject', 'definition', 'note', 'externalId'] as const;
const TERM_FIELDS = ['status', 'type', 'region', 'source', 'note', 'partOfSpeech'] as const;

/**
 * Field-level differences between two snapshots of a concept, for the history page: concept
 * fields first, then terms (a term is the same term when its language and text are the same;
 * anything else is a removal and an addition, as a terminologist reads it).
 */
export function historyChanges(before: ConceptSnapshot | null, after: ConceptSnapshot | null): FieldChange[] {
  const s = (v: unknown) => (v == null ? '' : String(v));
  const out: FieldChange[] = [];
  const change = (c: Omit<FieldChange, 'isStatus' | 'isType' | 'isPartOfSpeech'>) =>
    out.push({ ...c, isStatus: c.field === 'status', isType: c.field === 'type', isPartOfSpeech: c.field === 'partOfSpeech' });
  for (const field of CONCEPT_FIELDS) {
    const b = s(before?.[field]);
    const a = s(after?.[field]);
    if (a !== b) change({ field, kind: !b ? 'added' : !a ? 'removed' : 'changed', beforeText: b, afterText: a });
  }
  const key = (t: TermInput) => `${t.lang}\u0000${t.text}`;
  const beforeTerms = new Map((before?.terms ?? []).map((t) => [key(t), t]));
  const afterTerms = new Map((after?.terms ?? []).map((t) => [key(t), t]));
  for (const [k, t] of beforeTerms) {
    const next = afterTerms.get(k);
    if (!next) {
      change({ field: 'removed', kind: 'removed', term: t.text, lang: t.lang, beforeText: t.text, afterText: '' });
      continue;
    }
    for (const field of TERM_FIELDS) {
      const b = s(t[field]);
      const a = s(next[field]);
      if (a !== b) change({ field, kind: 'changed', term: t.text, lang: t.lang, beforeText: b, afterText: a });
    }
  }
  for (const [k, t] of afterTerms) {
    if (!beforeTerms.has(k)) change({ field: 'added', kind: 'added', term: t.text, lang: t.lang, beforeText: '', afterText: t.text });
  }
  return out;
}

/**
 * One line saying what a history entry changed, in the page's language, from the same field-level
 * differences the history table shows ("2 terms added and note changed", "新增 2 个术语和备注已修改").
 * The audit log keeps its English summary for the CSV; pages word it here.
 */
export function changeSummary(
  before: ConceptSnapshot | null,
  after: ConceptSnapshot | null,
  { locale, t }: { locale: string; t: (key: string, values?: Record<string, string | number>) => string },
): string {
  if (!before && after) return t('changeSummary', { kind: 'created', terms: after.terms.length });
  if (before && !after) return t('changeSummary', { kind: 'deleted', terms: before.terms.length });
  const changes = historyChanges(before, after);
  if (!changes.length) return t('changeSummary', { kind: 'none' });
  const termsOf = (kind: FieldChange['kind']) =>
    new Set(changes.filter((c) => c.term !== undefined && c.kind === kind).map((c) => `${c.lang}\u0000${c.term}`)).size;
  const parts: string[] = [];
  for (const kind of ['added', 'removed', 'changed'] as const) {
    const n = termsOf(kind);
    if (n) parts.push(t('changeSummary.terms', { kind, n }));
  }
  for (const c of changes) if (c.term === undefined) parts.push(t('changeSummary.field', { field: t('historyField', { field: c.field }) }));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

/** The language of a concept's label (conceptLabel picks English first, else another term). */
function labelLang(concept: Pick<Concept, 'terms' | 'id'>): string {
  const label = conceptLabel(concept);
  return concept.terms.find((t) => t.text === label)?.lang ?? '';
}

/** A concept's name from a snapshot (a deleted concept still has one in its history), else "#id". */
export function snapshotLabel(id: number, snapshot: Pick<Concept, 'terms'> | ConceptSnapshot | null | undefined): string {
  return conceptLabel({ id, terms: (snapshot?.terms ?? []) as Concept['terms'] });
}

/** The audit log stores snapshots as JSON text; an unreadable one names nothing. */
export function parseSnapshot(json: string | null): ConceptSnapshot | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as ConceptSnapshot;
    return Array.isArray(v?.terms) ? v : null;
  } catch {
    return null;
  }
}
