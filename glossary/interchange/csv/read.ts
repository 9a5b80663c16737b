import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { isValidLangTag, normaliseLangTag } from '../../concept/lang.ts';
import { type ConceptInput, type ExtraField, STATUSES, type Status, type TermInput } from '../../concept/types.ts';
import { TermbridgeError } from '../../errors.ts';
import { hasHan, KANA, regexClass } from '../../text/chars.ts';
import { type DecodeOptions, decodeStream } from '../../text/decode.ts';
import { finishTerms, type CsvLayout, type ImportInfo, type ParsedEntry } from '../entries.ts';
import { TERM_ROW_COLUMNS, unguardCell, unpackTerms } from './write.ts';

/**
 * Glossary CSV/TSV reader. Real files come in a few layouts, and the file does not say
 * which, so the reader looks at the first lines and reports what it assumed:
 * - a header row of language tags (Google / Zanata: `en-US,es,zh,pos,description`, and our
 *   own export: `id,subject,definition,note,en,en status,zh-CN,zh-CN status,…`);
 * - a `source,target` header, or no header at all: column 1 is the source language, column
 *   2 the target, column 3 a comment (OmegaT, Weblate, Okapi);
 * - OmegaT's `#` comment lines (the `-*- coding: utf-8 -*-` magic comment) are skipped;
 * - the delimiter is sniffed (tab, comma, semicolon; runs of spaces as a last resort).
 * - our lossless layout (one term per row, header `concept,external id,…`; csv/write.ts).
 * Quoting is RFC 4180 (csv-parse). Several terms in one cell are separated by ` | ` (a literal
 * `|` in a term is `\|`). Cells guarded against formulas (`'=…`) are unguarded.
 */

export interface CsvReadOptions extends DecodeOptions {
  /** language of the first column when there is no language header (default: guessed from the script, else en) */
  sourceLang?: string;
  /** language of the second column when there is no language header (default: guessed from the script) */
  targetLang?: string;
  /** force the delimiter instead of sniffing ("\t" for --format tsv) */
  delimiter?: string;
  onInfo?: (info: ImportInfo) => void;
}

type Column =
  | { kind: 'lang'; lang: string }
  | { kind: 'status'; lang: string }
  | { kind: 'termNote'; lang: string }
  | { kind: 'id' | 'subject' | 'definition' | 'note' | 'pos' | 'synonyms' | 'ignore' };

const NAMED: Record<string, Column['kind']> = {
  id: 'id',
  'external id': 'id',
  externalid: 'id',
  subject: 'subject',
  'subject field': 'subject',
  subjectfield: 'subject',
  definition: 'definition',
  description: 'definition',
  note: 'note',
  notes: 'note',
  comment: 'note',
  comments: 'note',
  pos: 'pos',
  partofspeech: 'pos',
  'part of speech': 'pos',
  synonyms: 'synonyms',
};
const PLAIN_HEADER = new Set(['source', 'target', 'term', 'translation', 'comment', 'comments', 'note', 'notes', 'description']);

/** Language names people put in spreadsheet headers instead of tags. */
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  chinese: 'zh-CN',
  'simplified chinese': 'zh-CN',
  'chinese (simplified)': 'zh-CN',
  'chinese simplified': 'zh-CN',
  中文: 'zh-CN',
  简体中文: 'zh-CN',
  'traditional chinese': 'zh-TW',
  'chinese (traditional)': 'zh-TW',
  'chinese traditional': 'zh-TW',
  繁體中文: 'zh-TW',
  繁体中文: 'zh-TW',
  英文: 'en',
  英语: 'en',
  japanese: 'ja',
  korean: 'ko',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  russian: 'ru',
  arabic: 'ar',
  portuguese: 'pt',
  italian: 'it',
};

function headerColumn(cell: string): Column | null {
  const c = cell.trim();
  const lower = c.toLowerCase();
  if (NAMED[lower]) return { kind: NAMED[lower] } as Column;
  if (LANGUAGE_NAMES[lower]) return { kind: 'lang', lang: LANGUAGE_NAMES[lower]! };
  const suffixed = /^(.+?)[ _-](status|note)$/i.exec(c);
  if (suffixed && isValidLangTag(suffixed[1]!)) {
    const lang = normaliseLangTag(suffixed[1]!);
    return suffixed[2]!.toLowerCase() === 'status' ? { kind: 'status', lang } : { kind: 'termNote', lang };
  }
  if (isValidLangTag(c)) return { kind: 'lang', lang: normaliseLangTag(c) };
  return null;
}

/**
 * Guess a column's language from the script most of its cells use: the product is about Chinese
 * and English. A clear majority of the sampled cells decides (a few kana in a Czech column do
 * not make it Japanese); the share is reported so that the import can say how sure it is.
 */
const KANA_RE = new RegExp(regexClass(KANA), 'u');

function guessLang(samples: string[], fallback: string): { lang: string; share: number } {
  const votes = new Map<string, number>();
  let total = 0;
  for (const cell of samples) {
    if (!cell.trim()) continue;
    const lang = KANA_RE.test(cell)
      ? 'ja'
      : /[\uac00-\ud7af]/.test(cell)
        ? 'ko'
        : hasHan(cell)
          ? 'zh-CN'
          : /\p{Script=Cyrillic}/u.test(cell)
            ? 'ru'
            : fallback;
    votes.set(lang, (votes.get(lang) ?? 0) + 1);
    total++;
  }
  let best = fallback;
  let most = 0;
  for (const [lang, n] of votes) if (n > most) [best, most] = [lang, n];
  // Japanese mixes Han with kana: a column of Han with kana in a good part of it is Japanese.
  const kana = votes.get('ja') ?? 0;
  if (best === 'zh-CN' && kana > 0 && kana * 3 >= total) best = 'ja';
  if (total === 0) return { lang: fallback, share: 0 };
  return { lang: best, share: (best === 'ja' ? most + kana : most) / total };
}

function sniffDelimiter(lines: string[]): string | 'spaces' {
  const scores = ['\t', ',', ';'].map((d) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    const withIt = counts.filter((n) => n > 0).length;
    return { d, withIt };
  });
  scores.sort((a, b) => b.withIt - a.withIt);
  if (scores[0]!.withIt > 0) {
    // A tab is never part of a term, a comma often is: prefer the tab when both appear.
    const tab = scores.find((s) => s.d === '\t')!;
    if (tab.withIt > 0 && tab.withIt >= lines.length / 2) return '\t';
    return scores[0]!.d;
  }
  if (lines.some((l) => /\S\s{2,}\S/.test(l))) return 'spaces';
  return ',';
}

export async function* readCsv(input: AsyncIterable<Uint8Array | string>, options: CsvReadOptions = {}): AsyncGenerator<ParsedEntry> {
  const decoded = await decodeStream(input, options);
  // Sample the start for sniffing, then parse sample + rest as one stream.
  let sample = '';
  const rest = decoded.text;
  while (sample.length < 64 * 1024) {
    const next = await rest.next();
    if (next.done) break;
    sample += next.value;
  }
  const sampleLines = sample
    .split(/\r\n|\n|\r/)
    .slice(0, 200)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (sample.length >= 64 * 1024) sampleLines.pop(); // possibly cut in half
  const sniffed = options.delimiter ?? sniffDelimiter(sampleLines);
  const delimiter = sniffed === 'spaces' ? '\t' : sniffed;
  const bySpaces = sniffed === 'spaces';

  async function* text(): AsyncGenerator<string> {
    if (bySpaces) {
      // Columns separated by runs of spaces (a hand-edited OmegaT file): turn the runs into tabs.
      let all = sample;
      for await (const t of rest) all += t;
      yield all.replace(/[ \u3000]{2,}/g, '\t');
      return;
    }
    yield sample;
    yield* rest;
  }
  const parser = parse({
    delimiter,
    quote: bySpaces || delimiter === '\t' ? false : '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    comment: '#',
    comment_no_infix: true,
    info: true,
  });
  const source = Readable.from(text());
  // pipe() does not pass errors on: a decoding error (too large, bad bytes) must end the parse, not hang it.
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);

  let columns: Column[] | null = null;
  let layout = '';
  let first = true;
  let sourceLang = 'en';
  let targetLang = 'und';
  const columnNames: string[] = [];
  const warnings: string[] = [];
  let lossless: LosslessReader | null = null;
  let twoColumn = false;
  const records = (async function* () {
    try {
      for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield r;
    } catch (e) {
      if (e instanceof TermbridgeError) throw e;
      // csv-parse's own errors (an unbalanced quote…) are the file's fault: a 400 with where it is.
      const err = e as { message?: string; lines?: number };
      throw new TermbridgeError('invalid-csv', `This is not a well-formed CSV file: ${err.message ?? String(e)}`, {
        ...(typeof err.lines === 'number' ? { details: { line: err.lines } } : {}),
      });
    }
  })();
  for await (const { record, info } of records) {
    const cells = record.map((c) => unguardCell(c).trim());
    const where = `line ${info.lines}`;
    if (cells.every((c) => c === '')) continue;
    if (first) {
      first = false;
      const delimiterName = bySpaces ? 'runs of spaces' : delimiter === '\t' ? 'tab' : delimiter === ',' ? 'comma' : `"${delimiter}"`;
      if (cells[0]?.toLowerCase() === TERM_ROW_COLUMNS[0] && cells.includes('term') && cells.includes('lang')) {
        lossless = new LosslessReader(cells);
        layout = `termbridge lossless layout (one term per row), ${delimiterName}-separated`;
        columnNames.push(...cells);
        options.onInfo?.(info2(delimiter, layout, { kind: 'lossless' }, columnNames, decoded.encoding, bySpaces));
        continue;
      }
      const header = cells.map(headerColumn);
      const nonEmpty = cells.map((c, i) => [c, header[i]] as const).filter(([c]) => c !== '');
      const isLangHeader = nonEmpty.every(([, h]) => h !== null) && header.some((h) => h?.kind === 'lang');
      if (isLangHeader) {
        columns = header.map((h) => h ?? { kind: 'ignore' });
        const tags = cells.filter(Boolean).join(', ');
        layout = `header row of language tags (${tags}), ${delimiterName}-separated`;
        columnNames.push(...cells);
        options.onInfo?.(info2(delimiter, layout, { kind: 'languageHeader', columns: tags }, columnNames, decoded.encoding, bySpaces));
        continue;
      }
      const split = bySpaces ? /[ \u3000]{2,}/ : delimiter;
      const prose = looksLikeProse(sampleLines, split);
      if (prose) {
        throw new TermbridgeError(
          'not-a-glossary',
          `This does not look like a glossary: ${prose}. A glossary CSV has a term and its translation on each line.`,
        );
      }
      const source = options.sourceLang
        ? { lang: normaliseLangTag(options.sourceLang), share: 1 }
        : guessLang(sampleRows(sampleLines, split, 0), 'en');
      const target = options.targetLang
        ? { lang: normaliseLangTag(options.targetLang), share: 1 }
        : guessLang(sampleRows(sampleLines, split, 1), 'und');
      sourceLang = source.lang;
      targetLang = target.lang;
      for (const [side, g, flag] of [
        ['source', source, 'sourceLang'],
        ['target', target, 'targetLang'],
      ] as const) {
        if (g.lang === 'und')
          warnings.push(`The ${side} language cannot be told from its script and is "und" (unknown): give ${flag} to set it.`);
        else if (g.share < 1 && !options[flag])
          warnings.push(
            `The ${side} language was guessed as ${g.lang} from ${Math.round(g.share * 100)}% of the sampled lines: give ${flag} if that is wrong.`,
          );
      }
      columns = [{ kind: 'lang', lang: sourceLang }, { kind: 'lang', lang: targetLang }, { kind: 'note' }];
      twoColumn = true;
      const plainHeader = nonEmpty.length > 0 && nonEmpty.every(([c]) => PLAIN_HEADER.has(c.toLowerCase()));
      layout =
        `${plainHeader ? `header row "${cells.join(',')}" skipped; ` : 'no header; '}` +
        `source ${sourceLang} | target ${targetLang} | comment, ${delimiterName}-separated`;
      columnNames.push(sourceLang, targetLang, 'note');
      const parts: CsvLayout = { kind: 'sourceTarget', header: plainHeader ? cells.join(',') : null, source: sourceLang, target: targetLang };
      options.onInfo?.({ ...info2(delimiter, layout, parts, columnNames, decoded.encoding, bySpaces), warnings });
      if (plainHeader) continue;
    }
    if (lossless) {
      const done = lossless.row(cells, where);
      if (done) yield done;
      continue;
    }
    const entry = rowToEntry(cells, columns!, where);
    // One row is one concept: it matches an existing concept by its source term only, so two rows
    // that share a translation ("bank" → "banka", "shore" → "banka") stay two concepts.
    if (twoColumn && entry.concept) entry.matchLang = sourceLang;
    yield entry;
  }
  if (lossless) {
    const last = lossless.end();
    if (last) yield last;
  }
  if (first) options.onInfo?.(info2(delimiter, 'empty file', { kind: 'empty' }, [], decoded.encoding, bySpaces));
}

/** Rows of the lossless layout, grouped into concepts by the `concept` column (its rows are together). */
class LosslessReader {
  readonly #index: Map<string, number>;
  #current: { key: string; where: string; concept: ConceptInput; problems: string[] } | null = null;
  readonly #seen = new Set<string>();

  constructor(header: string[]) {
    this.#index = new Map(header.map((h, i) => [h.toLowerCase(), i]));
  }

  #cell(cells: string[], name: (typeof TERM_ROW_COLUMNS)[number]): string {
    const i = this.#index.get(name);
    return i === undefined ? '' : (cells[i] ?? '');
  }

  #json(cells: string[], name: (typeof TERM_ROW_COLUMNS)[number], problems: string[]): ExtraField[] {
    const raw = this.#cell(cells, name);
    if (!raw) return [];
    try {
      const v = JSON.parse(raw) as unknown;
      if (Array.isArray(v)) return v as ExtraField[];
    } catch {}
    problems.push(`the "${name}" column is not a JSON list`);
    return [];
  }

  /** Take a row; returns the previous concept when this row starts another one. */
  row(cells: string[], where: string): ParsedEntry | null {
    const key = this.#cell(cells, 'concept');
    let done: ParsedEntry | null = null;
    if (!this.#current || this.#current.key !== key) {
      done = this.end();
      const problems: string[] = [];
      if (this.#seen.has(key)) problems.push(`the rows of concept "${key}" are not together`);
      this.#seen.add(key);
      const text = (n: (typeof TERM_ROW_COLUMNS)[number]) => this.#cell(cells, n) || null;
      this.#current = {
        key,
        where,
        problems,
        concept: {
          externalId: text('external id'),
          subject: text('subject'),
          definition: text('definition'),
          note: text('concept note'),
          extra: this.#json(cells, 'concept extra', problems),
          terms: [],
        },
      };
    }
    const cur = this.#current;
    const status = this.#cell(cells, 'status');
    if (!(STATUSES as readonly string[]).includes(status))
      cur.problems.push(`${where}: "${status}" is not a status (expected ${STATUSES.join(', ')})`);
    const type = this.#cell(cells, 'type');
    const opt = (n: (typeof TERM_ROW_COLUMNS)[number]) => this.#cell(cells, n) || null;
    cur.concept.terms.push({
      text: this.#cell(cells, 'term'),
      lang: this.#cell(cells, 'lang'),
      status: status as Status,
      type: (type || null) as TermInput['type'],
      partOfSpeech: opt('part of speech'),
      region: opt('region'),
      source: opt('source'),
      note: opt('note'),
      context: opt('context'),
      externalId: opt('term id'),
      statusSource: opt('status source'),
      extra: this.#json(cells, 'term extra', cur.problems),
    });
    return done;
  }

  end(): ParsedEntry | null {
    const cur = this.#current;
    this.#current = null;
    if (!cur) return null;
    if (cur.problems.length) return { where: cur.where, problem: cur.problems.join('; ') };
    return { where: cur.where, concept: cur.concept, fileKey: cur.key };
  }
}

function info2(delimiter: string, layout: string, layoutParts: CsvLayout, columns: string[], encoding: string, bySpaces: boolean): ImportInfo {
  return {
    format: delimiter === '\t' && !bySpaces ? 'tsv' : 'csv',
    encoding,
    layout,
    layoutParts,
    delimiter: bySpaces ? 'spaces' : delimiter,
    columns,
  };
}

function sampleRows(lines: string[], delimiter: string | RegExp, index: number): string[] {
  return lines.map((l) => l.split(delimiter)[index]?.replace(/^"|"$/g, '') ?? '');
}

/**
 * A letter or an article is not a glossary, whatever its commas: refuse a header-less file whose
 * lines mostly are not a term and its translation — no second column, or a sentence (more than
 * eight words, or a full stop followed by more text) where a term should be. Commas split prose
 * into clauses, so a letter has "columns"; its clauses are what give it away.
 */
const SENTENCE_BREAK = /[.!?]\s+\p{Lu}|[。！？]./u;
const wordsIn = (cell: string) => cell.trim().split(/\s+/).filter(Boolean).length;
const sentenceLike = (cell: string | undefined) => !!cell && (wordsIn(cell) > 8 || SENTENCE_BREAK.test(cell));

function looksLikeProse(lines: string[], delimiter: string | RegExp): string | null {
  if (lines.length < 3) return null;
  let oneColumn = 0;
  let sentences = 0;
  for (const line of lines) {
    const [source, target] = line.split(delimiter);
    if (!target?.trim()) oneColumn++;
    else if (sentenceLike(source) || sentenceLike(target)) sentences++;
  }
  if ((oneColumn + sentences) * 2 <= lines.length) return null;
  return `${oneColumn} of ${lines.length} lines have no second column and ${sentences} hold sentences rather than terms`;
}

function rowToEntry(cells: string[], columns: Column[], where: string): ParsedEntry {
  const concept: ConceptInput = { externalId: null, subject: null, definition: null, note: null, terms: [] };
  const terms: (TermInput & { explicit: boolean })[] = [];
  const statuses = new Map<string, string[]>();
  const termNotes = new Map<string, string[]>();
  let pos: string | null = null;
  const synonyms: string[] = [];
  const notes: string[] = [];
  let firstLang: string | null = null;
  columns.forEach((col, i) => {
    const cell = cells[i] ?? '';
    if (!cell) return;
    switch (col.kind) {
      case 'lang':
        firstLang ??= col.lang;
        for (const text of unpackTerms(cell)) terms.push({ text, lang: col.lang, status: 'admitted', explicit: false });
        break;
      case 'status':
        statuses.set(col.lang, cell.split(/\s*\|\s*/));
        break;
      case 'termNote':
        termNotes.set(col.lang, unpackTerms(cell, true));
        break;
      case 'id':
        concept.externalId = cell;
        break;
      case 'subject':
        concept.subject = cell;
        break;
      case 'definition':
        concept.definition = cell;
        break;
      case 'note':
        notes.push(cell);
        break;
      case 'pos':
        pos = cell;
        break;
      case 'synonyms':
        synonyms.push(
          ...cell
            .split(/[,;|]/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      default:
        break;
    }
  });
  if (firstLang) for (const s of synonyms) terms.push({ text: s, lang: firstLang, status: 'admitted', explicit: false });
  // Statuses and notes line up with the terms of their language, in order.
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const t of terms) {
    const n = seen.get(t.lang) ?? 0;
    seen.set(t.lang, n + 1);
    const s = statuses.get(t.lang)?.[n];
    if (s) {
      if ((STATUSES as readonly string[]).includes(s)) {
        t.status = s as Status;
        t.explicit = true;
      } else problems.push(`"${s}" is not a status (expected ${STATUSES.join(', ')})`);
    }
    const note = termNotes.get(t.lang)?.[n];
    if (note) t.note = note;
    if (pos) t.partOfSpeech = pos;
  }
  if (notes.length) concept.note = notes.join('\n');
  if (problems.length) return { where, problem: problems.join('; ') };
  if (terms.length === 0) return { where, empty: true };
  const langs = new Set(terms.map((t) => t.lang));
  if (columns.filter((c) => c.kind === 'lang').length === 2 && columns.length === 3 && langs.size < 2 && !concept.note) {
    // Two-column layout with only one side filled: a term without its translation.
    return { where, empty: true };
  }
  concept.terms = finishTerms(terms);
  return { where, concept };
}
