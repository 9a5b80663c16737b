import { type Candidate, type CandidateForm, type Evidence, type ExtractResult, GUESS_NOTE } from '../glossary/candidates/index.ts';
import type { Concept, ConceptInput, TermInput } from '../glossary/concept/types.ts';
import { TermbridgeError } from '../glossary/errors.ts';
import { fold } from '../glossary/text/fold.ts';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';
import { type ExtractionContext, glossarySnapshot } from './snapshot.ts';

export const CANDIDATE_STATUSES = ['pending', 'accepted', 'merged', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface StoredCandidate extends Candidate {
  id: number;
  documentId: number;
  documentName: string;
  status: CandidateStatus;
  /** the concept an accepted candidate created, or the one it was merged into */
  conceptId: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface CandidateDocument {
  id: number;
  name: string;
  chars: number;
  script: string;
  actor: string;
  createdAt: string;
}

interface CandidateRow {
  id: number;
  document_id: number;
  document_name: string;
  key: string;
  kind: Candidate['kind'];
  forms: string;
  evidence: string;
  score: number;
  frequency: number;
  subject: string | null;
  known_concept_id: number | null;
  status: CandidateStatus;
  concept_id: number | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

function toCandidate(r: CandidateRow): StoredCandidate {
  const forms = JSON.parse(r.forms) as CandidateForm[];
  return {
    id: r.id,
    documentId: r.document_id,
    documentName: r.document_name,
    key: r.key,
    kind: r.kind,
    forms,
    evidence: JSON.parse(r.evidence) as Evidence[],
    score: r.score,
    frequency: r.frequency,
    subject: r.subject,
    known: r.known_concept_id === null ? null : { conceptId: r.known_concept_id, forms: [] },
    status: r.status,
    conceptId: r.concept_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
  };
}

/** What extraction needs from the current glossary snapshot (rebuilt only when the glossary changes). */
function extractionContext(db: Database): ExtractionContext {
  return glossarySnapshot(db).extraction;
}

export interface AcceptOptions {
  actor: string;
  /** the forms as edited by the reviewer; default: the candidate's verified forms */
  forms?: CandidateForm[];
  subject?: string | null;
}

export interface MergeOptions {
  actor: string;
  conceptId: number;
  /** the concept version the reviewer saw; a newer one is a conflict */
  version?: number;
  forms?: CandidateForm[];
}

const now = () => new Date().toISOString();

/**
 * The review queue. Decisions go through ConceptRepository, so an accepted or merged
 * candidate leaves history like any other edit; candidate and concept change in one
 * transaction.
 */
export class CandidateRepository {
  readonly #db: Database;
  readonly #concepts: ConceptRepository;
  readonly #stmt;

  constructor(db: Database) {
    this.#db = db;
    this.#concepts = new ConceptRepository(db);
    const select = `SELECT c.*, d.name AS document_name FROM candidates c JOIN candidate_documents d ON d.id = c.document_id`;
    this.#stmt = {
      insertDocument: db.prepare(
        'INSERT INTO candidate_documents (name, chars, script, actor, created_at) VALUES (@name, @chars, @script, @actor, @at)',
      ),
      insertCandidate: db.prepare(
        `INSERT OR IGNORE INTO candidates (document_id, key, kind, forms, evidence, score, frequency, subject, known_concept_id, created_at)
         VALUES (@documentId, @key, @kind, @forms, @evidence, @score, @frequency, @subject, @known, @at)`,
      ),
      get: db.prepare<[number], CandidateRow>(`${select} WHERE c.id = ?`),
      pendingKeys: db.prepare<[], { key: string }>("SELECT key FROM candidates WHERE status = 'pending'"),
      rejections: db.prepare<[], { key: string }>('SELECT key FROM candidate_rejections'),
      insertRejection: db.prepare('INSERT OR IGNORE INTO candidate_rejections (key, text, actor, at) VALUES (@key, @text, @actor, @at)'),
      decide: db.prepare(
        `UPDATE candidates SET status = @status, concept_id = @conceptId, decided_by = @actor, decided_at = @at, forms = @forms
         WHERE id = @id AND status = 'pending'`,
      ),
      editForms: db.prepare("UPDATE candidates SET forms = @forms WHERE id = @id AND status = 'pending'"),
      documents: db.prepare<[], CandidateDocument>(
        'SELECT id, name, chars, script, actor, created_at AS createdAt FROM candidate_documents ORDER BY id DESC LIMIT 50',
      ),
      counts: db.prepare<[], { status: CandidateStatus; n: number }>('SELECT status, count(*) AS n FROM candidates GROUP BY status'),
    };
  }

  /** Folded forms a terminologist rejected: extraction never proposes them again. */
  rejectedKeys(): Set<string> {
    return new Set(this.#stmt.rejections.all().map((r) => r.key));
  }

  /**
   * Store what one extraction found. Candidates already waiting in the queue (from another
   * document) or rejected before are not stored twice; fully known ones are not stored.
   */
  store(
    document: { name: string; text: string; actor: string },
    result: ExtractResult,
  ): { documentId: number; stored: StoredCandidate[]; skipped: number } {
    return this.#db.transaction(() => {
      const at = now();
      const info = this.#stmt.insertDocument.run({
        name: document.name,
        chars: document.text.length,
        script: result.script,
        actor: document.actor,
        at,
      });
      const documentId = Number(info.lastInsertRowid);
      const skip = new Set([...this.rejectedKeys(), ...this.#stmt.pendingKeys.all().map((r) => r.key)]);
      const ids: number[] = [];
      let skipped = 0;
      for (const c of result.candidates) {
        if (skip.has(c.key)) {
          skipped++;
          continue;
        }
        const r = this.#stmt.insertCandidate.run({
          documentId,
          key: c.key,
          kind: c.kind,
          forms: JSON.stringify(c.forms),
          evidence: JSON.stringify(c.evidence),
          score: c.score,
          frequency: c.frequency,
          subject: c.subject,
          known: c.known?.conceptId ?? null,
          at,
        });
        if (r.changes) ids.push(Number(r.lastInsertRowid));
        skip.add(c.key);
      }
      return { documentId, stored: ids.map((id) => this.require(id)), skipped };
    })();
  }

  get(id: number): StoredCandidate | null {
    const row = this.#stmt.get.get(id);
    return row ? toCandidate(row) : null;
  }

  require(id: number): StoredCandidate {
    const c = this.get(id);
    if (!c) throw new TermbridgeError('candidate-not-found', `There is no candidate ${id}.`);
    return c;
  }

  list(
    filter: { status?: CandidateStatus | undefined; documentId?: number | undefined; limit?: number | undefined } = {},
  ): StoredCandidate[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000) };
    if (filter.status) {
      where.push('c.status = @status');
      params.status = filter.status;
    }
    if (filter.documentId) {
      where.push('c.document_id = @documentId');
      params.documentId = filter.documentId;
    }
    const rows = this.#db
      .prepare(
        `SELECT c.*, d.name AS document_name FROM candidates c JOIN candidate_documents d ON d.id = c.document_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.score DESC, c.frequency DESC, c.id LIMIT @limit`,
      )
      .all(params) as CandidateRow[];
    return rows.map(toCandidate);
  }

  documents(): CandidateDocument[] {
    return this.#stmt.documents.all();
  }

  counts(): Record<CandidateStatus, number> {
    const out: Record<CandidateStatus, number> = { pending: 0, accepted: 0, merged: 0, rejected: 0 };
    for (const r of this.#stmt.counts.all()) out[r.status] = r.n;
    return out;
  }

  /** Change the proposed forms before deciding (fix a boundary, add the English, drop a guess). */
  editForms(id: number, forms: CandidateForm[]): StoredCandidate {
    this.#pending(id);
    this.#stmt.editForms.run({ id, forms: JSON.stringify(cleanForms(forms)) });
    return this.require(id);
  }

  /** Create a concept from the candidate (recorded in the concept's history). */
  accept(id: number, options: AcceptOptions): { candidate: StoredCandidate; concept: Concept } {
    return this.#db.transaction(() => {
      const c = this.#pending(id);
      const forms = cleanForms(options.forms ?? c.forms.filter((f) => f.verified));
      const input: ConceptInput = {
        subject: options.subject === undefined ? c.subject : options.subject,
        note: `Proposed by term extraction (${c.kind}) from "${c.documentName}".`,
        terms: toTerms(forms, c),
      };
      const concept = this.#concepts.create(input, { actor: options.actor });
      this.#decide(c, 'accepted', concept.id, options.actor, forms);
      return { candidate: this.require(id), concept };
    })();
  }

  /** Add the candidate's forms to an existing concept, refusing a stale version (409). */
  merge(id: number, options: MergeOptions): { candidate: StoredCandidate; concept: Concept } {
    return this.#db.transaction(() => {
      const c = this.#pending(id);
      const target = this.#concepts.require(options.conceptId);
      const version = options.version ?? target.version;
      const forms = cleanForms(options.forms ?? c.forms.filter((f) => f.verified));
      const have = new Set(target.terms.map((t) => `${t.lang}\u0000${fold(t.text)}`));
      const added = toTerms(forms, c, true).filter((t) => !have.has(`${t.lang}\u0000${fold(t.text)}`));
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = target;
      const concept = added.length
        ? this.#concepts.update(
            target.id,
            version,
            { ...rest, terms: [...target.terms.map(({ id: _t, ...t }) => t), ...added] },
            { actor: options.actor },
          )
        : target;
      if (!added.length && options.version !== undefined && options.version !== target.version) {
        throw new TermbridgeError('version-conflict', undefined, { details: { current: target } });
      }
      this.#decide(c, 'merged', concept.id, options.actor, forms);
      return { candidate: this.require(id), concept };
    })();
  }

  /** Reject: remembered by the folded form, so no later document proposes it again. */
  reject(id: number, options: { actor: string }): StoredCandidate {
    return this.#db.transaction(() => {
      const c = this.#pending(id);
      const primary = c.forms.find((f) => f.verified) ?? c.forms[0];
      this.#stmt.insertRejection.run({ key: c.key, text: primary?.text ?? c.key, actor: options.actor, at: now() });
      this.#decide(c, 'rejected', null, options.actor, c.forms);
      return this.require(id);
    })();
  }

  /** The concept whose term folds to this text, for "merge into …" by name. */
  conceptByForm(text: string): number | undefined {
    return extractionContext(this.#db).known.conceptOf(fold(text));
  }

  #pending(id: number): StoredCandidate {
    const c = this.require(id);
    if (c.status !== 'pending') {
      throw new TermbridgeError('candidate-decided', `Candidate ${id} was already ${c.status}.`);
    }
    return c;
  }

  #decide(c: StoredCandidate, status: CandidateStatus, conceptId: number | null, actor: string, forms: CandidateForm[]): void {
    const r = this.#stmt.decide.run({ id: c.id, status, conceptId, actor, at: now(), forms: JSON.stringify(forms) });
    if (r.changes !== 1) throw new TermbridgeError('candidate-decided', `Candidate ${c.id} was decided meanwhile.`);
  }
}

function cleanForms(forms: CandidateForm[]): CandidateForm[] {
  const out: CandidateForm[] = [];
  for (const f of forms) {
    const text = f.text.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    if (out.some((o) => o.lang === f.lang && o.text === text)) continue;
    out.push({ ...f, text });
  }
  if (!out.length) throw new TermbridgeError('invalid-input', 'A candidate needs at least one form.');
  return out;
}

/**
 * Terms for the glossary: per language the first form as listed (the pattern lists the
 * full form first) is preferred, the rest admitted; a form the document did not contain (the opencc-js
 * guess) is admitted only, with a note saying it is unverified. Merged forms are admitted.
 */
function toTerms(forms: CandidateForm[], c: StoredCandidate, merging = false): TermInput[] {
  const preferredLang = new Set<string>();
  const ordered = [...forms].sort((a, b) => Number(b.verified) - Number(a.verified));
  const context = c.evidence[0]?.sentence ?? null;
  return ordered.map((f) => {
    let status: TermInput['status'] = 'admitted';
    if (!merging && f.verified && !preferredLang.has(f.lang)) {
      status = 'preferred';
      preferredLang.add(f.lang);
    }
    return {
      text: f.text,
      lang: f.lang,
      status,
      type: f.type ?? null,
      source: `term extraction: ${c.documentName}`,
      note: f.verified ? (f.note ?? null) : GUESS_NOTE,
      context: f.verified && context?.includes(f.text) ? context.slice(0, 1000) : null,
    };
  });
}
