import { describeChange, normaliseConceptInput, snapshotOf } from '../glossary/concept/concept.ts';
import type {
  Concept,
  ConceptInput,
  ConceptSnapshot,
  ExtraField,
  HistoryAction,
  HistoryEntry,
  Status,
  Term,
  TermInput,
  TermType,
} from '../glossary/concept/types.ts';
import { TermbridgeError } from '../glossary/errors.ts';
import type { Database } from './connection.ts';

interface ConceptRow {
  id: number;
  external_id: string | null;
  subject: string | null;
  definition: string | null;
  note: string | null;
  extra: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface TermRow {
  id: number;
  concept_id: number;
  text: string;
  lang: string;
  region: string | null;
  status: Status;
  type: TermType | null;
  part_of_speech: string | null;
  source: string | null;
  note: string | null;
  context: string | null;
  extra: string;
  external_id: string | null;
  status_source: string | null;
}

interface HistoryRow {
  id: number;
  concept_id: number;
  version: number;
  action: HistoryAction;
  actor: string;
  at: string;
  summary: string;
  before: string | null;
  after: string | null;
}

export interface ConceptFilter {
  lang?: string | undefined;
  status?: Status | undefined;
  subject?: string | undefined;
  /** substring of any term's text */
  q?: string | undefined;
  page?: number | undefined;
  limit?: number | undefined;
}

export interface ConceptPage {
  concepts: Concept[];
  total: number;
  page: number;
  limit: number;
}

export interface WriteOptions {
  actor: string;
  /** for create: keep this numeric id (restoring a deleted concept) */
  id?: number;
}

const parseExtra = (s: string): ExtraField[] => (s === '[]' ? [] : (JSON.parse(s) as ExtraField[]));

function toTerm(r: TermRow): Term {
  return {
    id: r.id,
    text: r.text,
    lang: r.lang,
    region: r.region,
    status: r.status,
    type: r.type,
    partOfSpeech: r.part_of_speech,
    source: r.source,
    note: r.note,
    context: r.context,
    extra: parseExtra(r.extra),
    externalId: r.external_id,
    statusSource: r.status_source,
  };
}

function toConcept(r: ConceptRow, terms: Term[]): Concept {
  return {
    id: r.id,
    externalId: r.external_id,
    subject: r.subject,
    definition: r.definition,
    note: r.note,
    extra: parseExtra(r.extra),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    terms,
  };
}

function toHistory(r: HistoryRow): HistoryEntry {
  return {
    id: r.id,
    conceptId: r.concept_id,
    version: r.version,
    action: r.action,
    actor: r.actor,
    at: r.at,
    summary: r.summary,
    before: r.before ? (JSON.parse(r.before) as ConceptSnapshot) : null,
    after: r.after ? (JSON.parse(r.after) as ConceptSnapshot) : null,
  };
}

const now = () => new Date().toISOString();

/** SQL: the id of the concept's own first history entry (its latest 'create'), for `@id`. */
const OWN_HISTORY_START = `coalesce((SELECT max(id) FROM concept_history WHERE concept_id = @id AND action = 'create'), 0)`;

/**
 * Concepts with their terms and history. Every change writes the concept, its terms and a
 * history row in one transaction, and bumps `version`; an update or delete names the version
 * it was based on and is refused when that is no longer current (optimistic concurrency).
 */
export class ConceptRepository {
  readonly #db: Database;
  readonly #stmt;

  constructor(db: Database) {
    this.#db = db;
    this.#stmt = {
      concept: db.prepare<[number], ConceptRow>('SELECT * FROM concepts WHERE id = ?'),
      conceptByExternal: db.prepare<[string], ConceptRow>('SELECT * FROM concepts WHERE external_id = ?'),
      termsOf: db.prepare<[number], TermRow>('SELECT * FROM terms WHERE concept_id = ? ORDER BY position'),
      insertConcept: db.prepare(
        `INSERT INTO concepts (id, external_id, subject, definition, note, extra, version, created_at, updated_at)
         VALUES (@id, @externalId, @subject, @definition, @note, @extra, @version, @at, @at)`,
      ),
      updateConcept: db.prepare(
        `UPDATE concepts SET external_id = @externalId, subject = @subject, definition = @definition, note = @note,
           extra = @extra, version = version + 1, updated_at = @at
         WHERE id = @id AND version = @version`,
      ),
      deleteConcept: db.prepare<[number]>('DELETE FROM concepts WHERE id = ?'),
      deleteTerms: db.prepare<[number]>('DELETE FROM terms WHERE concept_id = ?'),
      insertTerm: db.prepare(
        `INSERT INTO terms (concept_id, position, text, lang, region, status, type, part_of_speech, source, note, context, extra, external_id, status_source)
         VALUES (@conceptId, @position, @text, @lang, @region, @status, @type, @partOfSpeech, @source, @note, @context, @extra, @externalId, @statusSource)`,
      ),
      insertHistory: db.prepare(
        `INSERT INTO concept_history (concept_id, version, action, actor, at, summary, before, after)
         VALUES (@conceptId, @version, @action, @actor, @at, @summary, @before, @after)`,
      ),
      // A concept's history starts at its one 'create' entry. Databases from before migration 005
      // may hold an earlier concept's entries under a reused id: those are not this concept's.
      history: db.prepare<{ id: number }, HistoryRow>(
        `SELECT * FROM concept_history WHERE concept_id = @id AND id >= ${OWN_HISTORY_START} ORDER BY id DESC`,
      ),
      historyEntry: db.prepare<{ id: number; historyId: number }, HistoryRow>(
        `SELECT * FROM concept_history WHERE concept_id = @id AND id = @historyId AND id >= ${OWN_HISTORY_START}`,
      ),
      lastHistory: db.prepare<[number], HistoryRow>('SELECT * FROM concept_history WHERE concept_id = ? ORDER BY id DESC LIMIT 1'),
      revision: db.prepare<[], { r: number | null }>('SELECT max(id) AS r FROM concept_history'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM concepts'),
      subjects: db.prepare<[], { subject: string; n: number }>(
        'SELECT subject, count(*) AS n FROM concepts WHERE subject IS NOT NULL GROUP BY subject ORDER BY subject',
      ),
      languages: db.prepare<[], { lang: string; n: number }>('SELECT lang, count(*) AS n FROM terms GROUP BY lang ORDER BY lang'),
      allConcepts: db.prepare<[], ConceptRow>('SELECT * FROM concepts ORDER BY id'),
      allTerms: db.prepare<[], TermRow>('SELECT * FROM terms ORDER BY concept_id, position'),
    };
  }

  get(id: number): Concept | null {
    const row = this.#stmt.concept.get(id);
    return row ? toConcept(row, this.#stmt.termsOf.all(id).map(toTerm)) : null;
  }

  /** Like get, but a missing concept is an error the caller can show. */
  require(id: number): Concept {
    const c = this.get(id);
    if (!c) throw new TermbridgeError('concept-not-found', `There is no concept ${id}.`);
    return c;
  }

  getByExternalId(externalId: string): Concept | null {
    const row = this.#stmt.conceptByExternal.get(externalId);
    return row ? toConcept(row, this.#stmt.termsOf.all(row.id).map(toTerm)) : null;
  }

  count(): number {
    return this.#stmt.count.get()!.n;
  }

  /**
   * A number that changes whenever any concept changes: caches (matcher, lookup index)
   * compare it to decide whether to rebuild.
   */
  revision(): number {
    return this.#stmt.revision.get()?.r ?? 0;
  }

  subjects(): { subject: string; n: number }[] {
    return this.#stmt.subjects.all();
  }

  languages(): { lang: string; n: number }[] {
    return this.#stmt.languages.all();
  }

  /** Every concept with its terms, in two queries (for building indexes and exports). */
  all(): Concept[] {
    const byConcept = new Map<number, Term[]>();
    for (const r of this.#stmt.allTerms.iterate()) {
      const list = byConcept.get(r.concept_id);
      if (list) list.push(toTerm(r));
      else byConcept.set(r.concept_id, [toTerm(r)]);
    }
    return this.#stmt.allConcepts.all().map((r) => toConcept(r, byConcept.get(r.id) ?? []));
  }

  list(filter: ConceptFilter = {}): ConceptPage {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const page = Math.max(filter.page ?? 1, 1);
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const termConditions: string[] = [];
    if (filter.lang) {
      termConditions.push('t.lang = @lang');
      params.lang = filter.lang;
    }
    if (filter.status) {
      termConditions.push('t.status = @status');
      params.status = filter.status;
    }
    if (filter.q) {
      termConditions.push("t.text LIKE @q ESCAPE '\\'");
      params.q = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    }
    if (termConditions.length) {
      where.push(`EXISTS (SELECT 1 FROM terms t WHERE t.concept_id = c.id AND ${termConditions.join(' AND ')})`);
    }
    if (filter.subject) {
      where.push('c.subject = @subject');
      params.subject = filter.subject;
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.#db.prepare(`SELECT count(*) AS n FROM concepts c ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.#db
      .prepare(`SELECT c.* FROM concepts c ${whereSql} ORDER BY c.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset: (page - 1) * limit }) as ConceptRow[];
    return { concepts: rows.map((r) => toConcept(r, this.#stmt.termsOf.all(r.id).map(toTerm))), total, page, limit };
  }

  create(input: ConceptInput, options: WriteOptions): Concept {
    return this.#db.transaction(() => this.require(this.#create(normaliseConceptInput(input), options, 'create', 1)))();
  }

  /**
   * Create many concepts in one transaction (seed, import). Concepts whose external id is
   * already present are skipped, so running a seed twice adds nothing.
   */
  createMany(inputs: Iterable<ConceptInput>, options: WriteOptions): { created: number; skipped: number } {
    let created = 0;
    let skipped = 0;
    this.#db.transaction(() => {
      for (const input of inputs) {
        const n = normaliseConceptInput(input);
        if (n.externalId && this.#stmt.conceptByExternal.get(n.externalId)) {
          skipped++;
          continue;
        }
        this.#create(n, options, 'create', 1);
        created++;
      }
    })();
    return { created, skipped };
  }

  update(id: number, expectedVersion: number, input: ConceptInput, options: WriteOptions): Concept {
    return this.#db.transaction(() => this.#update(id, expectedVersion, normaliseConceptInput(input), options, 'update'))();
  }

  /** Delete a concept; with a version, only if it is still that version. */
  delete(id: number, expectedVersion: number | undefined, options: WriteOptions): void {
    this.#db.transaction(() => {
      const current = this.require(id);
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw this.#conflict(current);
      const before = snapshotOf(current);
      this.#stmt.deleteConcept.run(id);
      this.#record(id, current.version, 'delete', options.actor, before, null);
    })();
  }

  history(id: number): HistoryEntry[] {
    return this.#stmt.history.all({ id }).map(toHistory);
  }

  historyEntry(id: number, historyId: number): HistoryEntry {
    const row = this.#stmt.historyEntry.get({ id, historyId });
    if (!row) throw new TermbridgeError('history-not-found');
    return toHistory(row);
  }

  /**
   * Go back to the state before a history entry: undoes a delete (the concept returns with
   * its old id) or an update. Recorded in history as a `restore`, so it can be undone too.
   */
  revert(id: number, historyId: number, options: WriteOptions & { expectedVersion?: number }): Concept {
    return this.#db.transaction(() => {
      const entry = this.historyEntry(id, historyId);
      if (!entry.before) throw new TermbridgeError('nothing-to-revert');
      const target = normaliseConceptInput(entry.before);
      const current = this.get(id);
      // Undoing a delete brings the deleted concept back; if it is back already, there is
      // nothing to undo, and its id is never anyone else's (migration 005).
      if (entry.action === 'delete' && current) throw new TermbridgeError('concept-exists');
      if (!current) {
        const last = this.#stmt.lastHistory.get(id);
        if (target.externalId && this.#stmt.conceptByExternal.get(target.externalId)) {
          throw new TermbridgeError('duplicate-external-id', `Another concept now uses the external id "${target.externalId}".`);
        }
        return this.require(this.#create(target, { ...options, id }, 'restore', (last?.version ?? 0) + 1));
      }
      const expected = options.expectedVersion ?? current.version;
      return this.#update(id, expected, target, options, 'restore');
    })();
  }

  #conflict(current: Concept): TermbridgeError {
    return new TermbridgeError('version-conflict', undefined, { details: { current } });
  }

  /** Insert a concept, its terms and its history row; returns the new id (bulk paths skip reading it back). */
  #create(input: ConceptInput, options: WriteOptions, action: HistoryAction, version: number): number {
    const at = now();
    if (input.externalId && this.#stmt.conceptByExternal.get(input.externalId)) {
      throw new TermbridgeError('duplicate-external-id', `Another concept already uses the external id "${input.externalId}".`);
    }
    if (options.id !== undefined && this.#stmt.concept.get(options.id)) throw new TermbridgeError('concept-exists');
    const info = this.#stmt.insertConcept.run({
      id: options.id ?? null,
      externalId: input.externalId ?? null,
      subject: input.subject ?? null,
      definition: input.definition ?? null,
      note: input.note ?? null,
      extra: JSON.stringify(input.extra ?? []),
      version,
      at,
    });
    const id = Number(info.lastInsertRowid);
    this.#insertTerms(id, input.terms);
    this.#record(id, version, action, options.actor, null, input);
    return id;
  }

  #update(id: number, expectedVersion: number, input: ConceptInput, options: WriteOptions, action: HistoryAction): Concept {
    const current = this.require(id);
    if (current.version !== expectedVersion) throw this.#conflict(current);
    if (input.externalId && input.externalId !== current.externalId && this.#stmt.conceptByExternal.get(input.externalId)) {
      throw new TermbridgeError('duplicate-external-id', `Another concept already uses the external id "${input.externalId}".`);
    }
    const before = snapshotOf(current);
    const result = this.#stmt.updateConcept.run({
      id,
      version: expectedVersion,
      externalId: input.externalId ?? null,
      subject: input.subject ?? null,
      definition: input.definition ?? null,
      note: input.note ?? null,
      extra: JSON.stringify(input.extra ?? []),
      at: now(),
    });
    if (result.changes !== 1) throw this.#conflict(this.require(id));
    this.#stmt.deleteTerms.run(id);
    this.#insertTerms(id, input.terms);
    const updated = this.require(id);
    this.#record(id, updated.version, action, options.actor, before, snapshotOf(updated));
    return updated;
  }

  #insertTerms(conceptId: number, terms: TermInput[]): void {
    terms.forEach((t, position) => {
      this.#stmt.insertTerm.run({
        conceptId,
        position,
        text: t.text,
        lang: t.lang,
        region: t.region ?? null,
        status: t.status,
        type: t.type ?? null,
        partOfSpeech: t.partOfSpeech ?? null,
        source: t.source ?? null,
        note: t.note ?? null,
        context: t.context ?? null,
        extra: JSON.stringify(t.extra ?? []),
        externalId: t.externalId ?? null,
        statusSource: t.statusSource ?? null,
      });
    });
  }

  #record(
    conceptId: number,
    version: number,
    action: HistoryAction,
    actor: string,
    before: ConceptSnapshot | null,
    after: ConceptSnapshot | null,
  ): void {
    this.#stmt.insertHistory.run({
      conceptId,
      version,
      action,
      actor,
      at: now(),
      summary: describeChange(before, after),
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
    });
  }
}
