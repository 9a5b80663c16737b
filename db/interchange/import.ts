import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { normaliseConceptInput } from '../../glossary/concept/concept.ts';
import { normaliseLangTag } from '../../glossary/concept/lang.ts';
import { conceptLimitProblem } from '../../glossary/concept/limits.ts';
import type { Concept, ConceptInput, ExtraField, TermInput } from '../../glossary/concept/types.ts';
import { isTermbridgeError, TermbridgeError } from '../../glossary/errors.ts';
import { readCsv } from '../../glossary/interchange/csv/read.ts';
import type { ImportInfo, ParsedEntry } from '../../glossary/interchange/entries.ts';
import { readTbx } from '../../glossary/interchange/tbx/read.ts';
import { sameTransaction } from '../../glossary/interchange/tbx/write.ts';
import { expectUpload } from '../../glossary/text/sniff.ts';
import { ConceptRepository } from '../concepts.ts';
import type { Database } from '../connection.ts';
import { transactionsOf } from './export.ts';

/**
 * Import a TBX or CSV glossary into the store. Two phases, so that a bad file never leaves
 * half an import behind: (1) stream-parse and validate the whole file; a file-level error or,
 * without `partial`, any bad entry refuses the file before anything is written; (2) merge
 * every entry in ONE transaction through ConceptRepository (history for each change). A dry
 * run does phase 2 too and rolls it back, so its report counts exactly what a real run would.
 */

export type ImportFormat = 'tbx' | 'csv' | 'tsv';

export interface ImportOptions {
  format?: ImportFormat | undefined;
  dryRun?: boolean | undefined;
  partial?: boolean | undefined;
  actor?: string | undefined;
  maxBytes?: number | undefined;
  /** refuse the file (413 too-many-entries) as soon as it has more entries than this (previews) */
  maxEntries?: number | undefined;
  /** file name, to guess the format from its extension */
  name?: string | undefined;
  sourceLang?: string | undefined;
  targetLang?: string | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

export interface ImportProgress {
  phase: 'reading' | 'writing' | 'done';
  bytes: number;
  entries: number;
  written: number;
}

export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  errors: { where: string; message: string }[];
  /** entries skipped without being errors (empty entries, unchanged concepts), with the reason */
  skippedEntries: { where: string; reason: string }[];
  format: ImportInfo | null;
  /** what the reader assumed and you may want to correct (a language it could not tell from the script…) */
  warnings: string[];
  dryRun: boolean;
}

class DryRunRollback extends Error {}

function formatFromName(name: string | undefined): ImportFormat | undefined {
  const ext = extname(name ?? '').toLowerCase();
  if (ext === '.tbx' || ext === '.xml' || ext === '.tbxm') return 'tbx';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  return undefined;
}

/** Look at the first bytes: XML (after an optional BOM, in UTF-8 or UTF-16) means TBX. */
function sniffFormat(head: Buffer): ImportFormat {
  let s: string;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[1] === 0 && head[0] !== 0)) s = head.toString('utf16le');
  else if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0 && head[1] !== 0)) s = Buffer.from(head).swap16().toString('utf16le');
  else s = head.toString('utf8');
  return /^\ufeff?\s*</.test(s) ? 'tbx' : 'csv';
}

/** Spool folders are named prefix + owning process id, so a later start can remove a crashed one's. */
export const SPOOL_PREFIX = 'termbridge-import-';

/**
 * Parsed entries between the two phases. Small imports stay in memory; past a few thousand
 * entries they go to a temporary file as JSON lines, so that a 100,000-concept file does not
 * hold 100,000 objects at once. Phase 2 reads them back synchronously, inside the transaction.
 */
class EntrySpool {
  static readonly IN_MEMORY = 5000;
  #memory: ParsedEntry[] = [];
  /** entries without a concept (problems, empty entries), also kept here: the report reads them without a pass over the spool */
  #notes: ParsedEntry[] = [];
  #pending: string[] = [];
  #dir: string | null = null;
  #fd: number | null = null;
  length = 0;

  push(e: ParsedEntry): void {
    this.length++;
    if (!e.concept) this.#notes.push(e);
    if (this.#fd === null && this.#memory.length < EntrySpool.IN_MEMORY) {
      this.#memory.push(e);
      return;
    }
    if (this.#fd === null) {
      this.#dir = mkdtempSync(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
      this.#fd = openSync(join(this.#dir, 'entries.jsonl'), 'w+');
    }
    this.#pending.push(JSON.stringify(e));
    if (this.#pending.length >= 1000) this.#flush();
  }

  #flush(): void {
    if (this.#fd === null || this.#pending.length === 0) return;
    writeSync(this.#fd, `${this.#pending.join('\n')}\n`);
    this.#pending = [];
  }

  *entries(): Generator<ParsedEntry> {
    yield* this.#memory;
    if (this.#fd === null) return;
    this.#flush();
    const buf = Buffer.alloc(1 << 20);
    let position = 0;
    let rest = '';
    for (;;) {
      const n = readSync(this.#fd, buf, 0, buf.length, position);
      if (n === 0) break;
      position += n;
      const lines = (rest + buf.toString('utf8', 0, n)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line) yield JSON.parse(line) as ParsedEntry;
    }
    if (rest) yield JSON.parse(rest) as ParsedEntry;
  }

  /** problems and empty entries, for the report, without the concepts */
  notes(): readonly ParsedEntry[] {
    return this.#notes;
  }

  dispose(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#fd = null;
    this.#dir = null;
  }
}

/** Parse the whole input into entries (phase 1). Throws on file-level problems. */
async function readEntries(input: AsyncIterable<Uint8Array | string>, options: ImportOptions, entries: EntrySpool) {
  let info: ImportInfo | null = null;
  let bytes = 0;
  const progress = (b: number) => {
    bytes = b;
    options.onProgress?.({ phase: 'reading', bytes, entries: entries.length, written: 0 });
  };
  // Decide the format from the name, else from the first chunk.
  const iterator = input[Symbol.asyncIterator]();
  const firstChunk = await iterator.next();
  const head = firstChunk.done ? Buffer.alloc(0) : Buffer.from(firstChunk.value as Uint8Array);
  // Judge the upload by its bytes, not its name: a PDF, archive or random binary renamed .csv
  // or .tbx is refused (415) before any parser sees it (glossary/text/sniff.ts).
  if (head.length) expectUpload(head, ['tbx', 'xml', 'text'], 'file');
  const format = options.format ?? formatFromName(options.name) ?? sniffFormat(head);
  async function* all() {
    if (!firstChunk.done) yield head;
    for (;;) {
      const n = await iterator.next();
      if (n.done) return;
      yield n.value;
    }
  }
  const common = { maxBytes: options.maxBytes, onProgress: progress, onInfo: (i: ImportInfo) => (info = i) };
  const reader =
    format === 'tbx'
      ? readTbx(all(), common)
      : readCsv(all(), {
          ...common,
          ...(format === 'tsv' ? { delimiter: '\t' } : {}),
          ...(options.sourceLang ? { sourceLang: options.sourceLang } : {}),
          ...(options.targetLang ? { targetLang: options.targetLang } : {}),
        });
  // The API's limits, applied as each entry is read: an oversized entry is an entry problem
  // (refusing the file, or skipped under --partial) and is never spooled or stored.
  for await (const e of reader) {
    if (options.maxEntries !== undefined && entries.length >= options.maxEntries) throw tooManyEntries(options.maxEntries);
    const tooLong = e.concept ? conceptLimitProblem(e.concept) : null;
    entries.push(tooLong ? { where: e.where, problem: `${tooLong}.` } : e);
  }
  return { info: info as ImportInfo | null, bytes };
}

const sameTerm = (a: TermInput, b: TermInput) => a.lang === b.lang && a.text === b.text;
const extraKey = (e: ExtraField) => `${e.element}\u0000${e.type}\u0000${e.value}`;

/** The existing concept with what the file says laid over it: file values win, nothing is deleted. */
function mergeConcept(existing: Concept, incoming: ConceptInput): ConceptInput {
  const terms: TermInput[] = existing.terms.map(({ id: _id, ...t }) => {
    const from = incoming.terms.find((i) => sameTerm(i, t));
    if (!from) return t;
    return {
      ...t,
      status: from.status,
      type: from.type ?? t.type,
      region: from.region ?? t.region,
      partOfSpeech: from.partOfSpeech ?? t.partOfSpeech,
      source: from.source ?? t.source,
      note: from.note ?? t.note,
      context: from.context ?? t.context,
      extra: mergeExtra(t.extra ?? [], from.extra ?? []),
    };
  });
  for (const t of incoming.terms) if (!terms.some((e) => sameTerm(e, t))) terms.push(t);
  return {
    externalId: existing.externalId ?? incoming.externalId ?? null,
    subject: incoming.subject ?? existing.subject,
    definition: incoming.definition ?? existing.definition,
    note: incoming.note ?? existing.note,
    extra: mergeExtra(existing.extra, incoming.extra ?? []),
    terms,
  };
}

function mergeExtra(a: ExtraField[], b: ExtraField[]): ExtraField[] {
  const keys = new Set(a.map(extraKey));
  return [...a, ...b.filter((e) => !keys.has(extraKey(e)))];
}

function comparable(c: ConceptInput): string {
  return JSON.stringify(normaliseConceptInput(c));
}

/** Import from any byte stream (file, upload). */
export async function importStream(
  db: Database,
  input: AsyncIterable<Uint8Array | string>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const entries = new EntrySpool();
  try {
    return await importEntries(db, entries, await readEntries(input, options, entries), options);
  } finally {
    entries.dispose();
  }
}

async function importEntries(
  db: Database,
  entries: EntrySpool,
  { info, bytes }: { info: ImportInfo | null; bytes: number },
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    created: 0,
    updated: 0,
    skipped: 0,
    errors: [],
    skippedEntries: [],
    format: info,
    warnings: info?.warnings ?? [],
    dryRun: Boolean(options.dryRun),
  };
  for (const e of entries.notes()) {
    if (e.problem) report.errors.push({ where: e.where, message: e.problem });
    if (e.empty) report.skippedEntries.push({ where: e.where, reason: 'empty entry (no term, or a term without its translation)' });
  }
  if (report.errors.length && !options.partial) throw refusal(report.errors);

  const repo = new ConceptRepository(db);
  // One query per incoming concept for all its terms (an OR of index lookups), rather than one per term.
  const byTermsStmts = new Map<number, Statement<string[], { id: number; external_id: string | null }>>();
  type Hit = { id: number; external_id: string | null };
  const byTerms = (terms: TermInput[]): Hit[] => {
    if (terms.length === 0) return [];
    const n = Math.min(terms.length, 16);
    let stmt = byTermsStmts.get(n);
    if (!stmt) {
      const where = Array.from({ length: n }, () => '(t.lang = ? AND t.text = ?)').join(' OR ');
      stmt = db.prepare(
        `SELECT DISTINCT c.id, c.external_id FROM terms t JOIN concepts c ON c.id = t.concept_id WHERE ${where} ORDER BY c.id`,
      );
      byTermsStmts.set(n, stmt);
    }
    const hits = stmt.all(...terms.slice(0, n).flatMap((t) => [t.lang, t.text]));
    return terms.length > n ? [...hits, ...byTerms(terms.slice(n))] : hits;
  };
  const idByExternal = db.prepare<[string], { id: number }>('SELECT id FROM concepts WHERE external_id = ?');
  const actor = options.actor ?? 'import';
  // Concepts this import makes get ids above every existing one (ids are never reused); with the
  // concepts it matched, they are the file's own, and an entry with another file key is not one of them.
  const firstNew = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM concepts').get() as { n: number }).n;
  const changedFor = new Map<number, string>();
  const otherOfFile = (hit: Hit, key: string | undefined) =>
    key !== undefined && (hit.id >= firstNew || (changedFor.has(hit.id) && changedFor.get(hit.id) !== key));
  let written = 0;
  const total = entries.length;
  // New concepts are created in batches (one savepoint per batch, not per concept); an entry
  // that could match a concept still in the batch flushes it first, so matching sees it.
  const pending: ConceptInput[] = [];
  const pendingKeys = new Set<string>();
  const matchTerms = (c: ConceptInput, lang: string | undefined) => (lang ? c.terms.filter((t) => t.lang === lang) : c.terms);
  const keysOf = (c: ConceptInput, lang?: string) => [
    ...matchTerms(c, lang).map((t) => `${t.lang}\u0000${t.text}`),
    ...(c.externalId ? [`id\u0000${c.externalId}`] : []),
  ];
  const flush = () => {
    if (pending.length === 0) return;
    report.created += repo.createMany(pending, { actor }).created;
    pending.length = 0;
    pendingKeys.clear();
  };
  const run = db.transaction(() => {
    for (const e of entries.entries()) {
      written++;
      if (written % 1000 === 0) options.onProgress?.({ phase: 'writing', bytes, entries: total, written });
      if (!e.concept) {
        if (e.problem) report.skipped++;
        else if (e.empty) report.skipped++;
        continue;
      }
      try {
        const incoming = normaliseConceptInput(e.concept);
        const lang = e.matchLang ? normaliseLangTag(e.matchLang) : undefined;
        if (pending.length && keysOf(incoming, lang).some((k) => pendingKeys.has(k))) flush();
        const byId = incoming.externalId ? idByExternal.get(incoming.externalId) : undefined;
        let existing: Concept | null = byId ? repo.get(byId.id) : null;
        if (!existing) {
          // An identical term matches, unless both concepts carry different external ids (then the source tool says they differ).
          const hits = byTerms(matchTerms(incoming, lang)).filter(
            (r) => (!incoming.externalId || !r.external_id || r.external_id === incoming.externalId) && !otherOfFile(r, e.fileKey),
          );
          // Our lossless CSV names each concept by its id here: back where it came from, that one is the match.
          const hit = hits.find((r) => String(r.id) === e.fileKey) ?? hits[0];
          if (hit) existing = repo.get(hit.id);
        }
        if (!existing && !options.partial) {
          pending.push(incoming);
          for (const k of keysOf(incoming, lang)) pendingKeys.add(k);
          if (pending.length >= 500) flush();
          continue;
        }
        if (!existing) {
          repo.create(incoming, { actor });
          report.created++;
          continue;
        }
        if (e.fileKey !== undefined) changedFor.set(existing.id, e.fileKey);
        // A file's copy of this concept's own history (our export, imported back) is not news.
        const own = transactionsOf(repo.history(existing.id));
        incoming.extra = (incoming.extra ?? []).filter((f) => !own.some((tr) => sameTransaction(f, tr)));
        const merged = mergeConcept(existing, incoming);
        const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...current } = existing;
        if (comparable(merged) === comparable({ ...current, terms: current.terms.map(({ id: _id, ...t }) => t) })) {
          report.skipped++;
          report.skippedEntries.push({ where: e.where, reason: `unchanged: same as concept ${existing.id}` });
          continue;
        }
        repo.update(existing.id, existing.version, merged, { actor });
        report.updated++;
      } catch (err) {
        if (!options.partial || !isTermbridgeError(err)) {
          if (isTermbridgeError(err)) throw new TermbridgeError('import-refused', `${e.where}: ${err.message}`);
          throw err;
        }
        report.errors.push({ where: e.where, message: err.message });
        report.skipped++;
      }
    }
    flush();
    if (options.dryRun) throw new DryRunRollback();
  });
  try {
    run();
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  options.onProgress?.({ phase: 'done', bytes, entries: total, written });
  return report;
}

function tooManyEntries(max: number): TermbridgeError {
  return new TermbridgeError(
    'too-many-entries',
    `The file has more than ${max.toLocaleString('en')} entries, the most a preview checks at once. Import it without a preview (an import is all or nothing), from the command line, or in parts.`,
  );
}

function refusal(errors: ImportReport['errors']): TermbridgeError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return new TermbridgeError('import-refused', `${first.where}: ${first.message.replace(/\.$/, '')}${more}. Nothing was imported.`, {
    details: { errors },
  });
}

/** Import a file by path (CLI, benchmark). */
export function importFile(db: Database, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importStream(db, createReadStream(path, { highWaterMark: 256 * 1024 }), { name: path, ...options });
}
