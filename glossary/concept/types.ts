/**
 * The domain model, concept-oriented as in TBX: a concept owns terms; each term is one
 * written form in one language variant with its status. Plain data, no behaviour, so that
 * db/ can return it and server/ can render it without either knowing about the other.
 */

export const STATUSES = ['preferred', 'admitted', 'deprecated', 'forbidden'] as const;
export type Status = (typeof STATUSES)[number];

export const TERM_TYPES = ['fullForm', 'abbreviation', 'acronym', 'shortForm', 'variant'] as const;
export type TermType = (typeof TERM_TYPES)[number];

/** Unknown TBX data categories are kept verbatim so that an export can write them back. */
export interface ExtraField {
  /** element name as it appeared, e.g. "descrip", "admin", "termNote", "descripGrp", "transacGrp" */
  element: string;
  /** its type attribute, e.g. "customerSubset" ("" when it has none) */
  type: string;
  /** its text (for a group: "", the members are in children) */
  value: string;
  /** on a concept: the language section (langSec/langSet) it belongs to; absent = concept level */
  lang?: string;
  /** attributes other than type, kept as they came (id, target, from, datatype…) */
  attrs?: Record<string, string>;
  /** a group's members in file order (descripGrp: the descrip, then its source, descripNote…) */
  children?: ExtraField[];
}

export interface TermInput {
  text: string;
  /** normalised BCP 47 tag, see lang.ts */
  lang: string;
  status: Status;
  type?: TermType | null;
  /** geographical usage beyond the tag's region, e.g. "Singapore" */
  region?: string | null;
  partOfSpeech?: string | null;
  source?: string | null;
  note?: string | null;
  context?: string | null;
  extra?: ExtraField[];
  /** the term's id in the file it came from (TBX tig/termSec/ntig @id) */
  externalId?: string | null;
  /**
   * The status as the imported file wrote it (e.g. "supersededTerm-admn-sts"), or "none" when
   * the file gave none and `status` was inferred; null when the status was set here.
   * Lets an export write back what the file said instead of what we mapped it to.
   */
  statusSource?: string | null;
}

export interface Term extends TermInput {
  id: number;
  type: TermType | null;
  region: string | null;
  partOfSpeech: string | null;
  source: string | null;
  note: string | null;
  context: string | null;
  extra: ExtraField[];
}

export interface ConceptInput {
  /** TBX conceptEntry/@id (or another tool's stable id) when the concept came from outside */
  externalId?: string | null;
  subject?: string | null;
  definition?: string | null;
  note?: string | null;
  extra?: ExtraField[];
  terms: TermInput[];
}

export interface Concept {
  id: number;
  externalId: string | null;
  subject: string | null;
  definition: string | null;
  note: string | null;
  extra: ExtraField[];
  version: number;
  createdAt: string;
  updatedAt: string;
  terms: Term[];
}

export type HistoryAction = 'create' | 'update' | 'delete' | 'restore';

/** What a concept looked like at one moment; history keeps these before and after each change. */
export type ConceptSnapshot = Omit<ConceptInput, 'terms'> & { terms: TermInput[] };

export interface HistoryEntry {
  id: number;
  conceptId: number;
  /** the concept's version after this change (for delete: the version that was deleted) */
  version: number;
  action: HistoryAction;
  actor: string;
  at: string;
  summary: string;
  before: ConceptSnapshot | null;
  after: ConceptSnapshot | null;
}

/**
 * The id other tools see: the imported TBX conceptEntry id when there is one, so that a
 * CAT tool can match our answers to its own termbase; else our numeric id.
 */
export function conceptRef(concept: Pick<Concept, 'id' | 'externalId'>): string {
  return concept.externalId ?? String(concept.id);
}
