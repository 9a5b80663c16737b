import { SaxesParser, type SaxesTagNS } from 'saxes';
import { normaliseLangTag } from '../../concept/lang.ts';
import { shortForMessage } from '../../concept/limits.ts';
import { type ConceptInput, type ExtraField, type Status, TERM_TYPES, type TermInput, type TermType } from '../../concept/types.ts';
import { type ErrorCode, TermbridgeError } from '../../errors.ts';
import { type DecodeOptions, decodeStream } from '../../text/decode.ts';
import { finishTerms, type ImportInfo, type ParsedEntry } from '../entries.ts';
import { decodeComponents } from './components.ts';
import { type DatCatTable, TBX_BASIC, TBX_DEFAULT } from './datcats.ts';
import { CUSTOM_DIALECT } from './dialects.ts';
import { ANNOTATED_NOTE, decodeNoteSource } from './note-source.ts';
import { FORBIDDEN_NOTE, NO_STATUS } from './write.ts';

/**
 * Streaming TBX reader. saxes gives events; only one entry (termEntry / conceptEntry) at a
 * time is kept as a small tree, interpreted, validated and handed on, so memory stays flat
 * however large the file. Reads TBX v3 (<tbx>, DCA and DCT), TBX 2008 and older MARTIF
 * (<martif>), and the 2014 TBX-Min (<TBX dialect="TBX-Min">).
 *
 * Safety: saxes never fetches a DTD and does not expand entities declared in one; a DOCTYPE
 * whose internal subset declares entities (XXE, billion laughs) is refused outright, a plain
 * `<!DOCTYPE martif SYSTEM "…dtd">` is ignored.
 */

const TBX_NS = 'urn:iso:std:iso:30042:ed-2';

interface Node {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: (Node | string)[];
  line: number;
  column: number;
}

/** Limits per entry: a single entry is small in any real file; a huge one is an attack or a broken file. */
const MAX_ENTRY_NODES = 20_000;
const MAX_ENTRY_CHARS = 4_000_000;
const MAX_DEPTH = 200;

const AUX = ['descrip', 'descripGrp', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref'];
const ALLOWED: Record<string, string[]> = {
  termEntry: [...AUX, 'langSet'],
  conceptEntry: [...AUX, 'langSec'],
  langSet: [...AUX, 'tig', 'ntig'],
  langSec: [...AUX, 'termSec'],
  tig: [...AUX, 'term', 'termNote', 'termNoteGrp'],
  termSec: [...AUX, 'term', 'termNote', 'termNoteGrp'],
  ntig: [...AUX, 'termGrp'],
  termGrp: ['term', 'termNote', 'termNoteGrp', 'termCompList'],
};
const TERM_CONTAINERS = new Set(['tig', 'ntig', 'termSec']);
const LANG_CONTAINERS = new Set(['langSet', 'langSec']);

const DCA_ELEMENTS = new Set([
  'descrip',
  'admin',
  'termNote',
  'ref',
  'xref',
  'transac',
  'transacNote',
  'descripNote',
  'adminNote',
  'note',
  'date',
  'termComp',
]);

/** Data categories named by element (DCT style, TBX-Min 2014) → their DCA element class. */
export const DCT_CLASS: Record<string, string> = {
  administrativeStatus: 'termNote',
  termStatus: 'termNote',
  termType: 'termNote',
  partOfSpeech: 'termNote',
  geographicalUsage: 'termNote',
  grammaticalGender: 'termNote',
  termLocation: 'termNote',
  subjectField: 'descrip',
  definition: 'descrip',
  context: 'descrip',
  source: 'admin',
  customerSubset: 'admin',
  customer: 'admin',
  projectSubset: 'admin',
  crossReference: 'ref',
  externalCrossReference: 'xref',
  xGraphic: 'xref',
};

const STATUS_VALUES: Record<string, Status> = {
  'preferredterm-admn-sts': 'preferred',
  'standardizedterm-admn-sts': 'preferred',
  'admittedterm-admn-sts': 'admitted',
  'legalterm-admn-sts': 'admitted',
  'regulatedterm-admn-sts': 'admitted',
  'deprecatedterm-admn-sts': 'deprecated',
  'supersededterm-admn-sts': 'deprecated',
  preferredterm: 'preferred',
  standardizedterm: 'preferred',
  admittedterm: 'admitted',
  deprecatedterm: 'deprecated',
  supersededterm: 'deprecated',
  preferred: 'preferred',
  admitted: 'admitted',
  deprecated: 'deprecated',
  forbidden: 'forbidden',
  notrecommended: 'deprecated',
  obsolete: 'deprecated',
  superseded: 'deprecated',
};
const STATUS_CATEGORIES = new Set(['administrativeStatus', 'normativeAuthorization', 'termStatus']);

interface Item {
  cls: string;
  type: string;
  value: string;
  node: Node;
}

interface Context {
  format: ImportInfo['format'];
  /** data-category table to validate against, when the file claims a dialect we know exactly */
  strict: { name: string; table: DatCatTable } | null;
  rootLang: string | null;
  /** the file declares our own dialect, whose encoded forms (components.ts) are read back */
  ours: boolean;
}

const textOf = (n: Node | string): string => (typeof n === 'string' ? n : n.children.map(textOf).join(''));
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Notes keep their line breaks (a multi-line note stays multi-line); each line is trimmed, blank edges dropped. */
const cleanLines = (s: string) =>
  s
    .split(/\r\n|\n|\r/)
    .map(clean)
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
    .replace(/\n{3,}/g, '\n\n');
/** Elements that hold other data categories rather than a value; kept whole as a tree. */
const GROUPS = new Set(['descripGrp', 'adminGrp', 'termNoteGrp', 'transacGrp', 'termCompList', 'termCompGrp']);
const elements = (n: Node) => n.children.filter((c): c is Node => typeof c !== 'string');

function strictTableFor(root: string, dialect: string | null, xcs: string | null): Context['strict'] {
  const xcsName = xcs?.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (root === 'martif' || root === 'tbx') {
    if (dialect === 'TBX-Basic' || xcsName === 'tbxbasicxcsv02.xcs') return { name: 'TBX-Basic', table: TBX_BASIC };
    if (dialect === 'TBX-Default' || xcsName === 'tbxxcsv02.xcs') return { name: 'TBX-Default (TBXXCSV02.xcs)', table: TBX_DEFAULT };
  }
  return null;
}

/** One entry tree → a concept, or the problems that make it unusable. */
function interpret(entry: Node, ctx: Context): ParsedEntry {
  const id = entry.attrs.id ?? null;
  const where = `line ${entry.line}, <${entry.name}>${id ? ` id="${shortForMessage(id)}"` : ''}`;
  const problems: string[] = [];
  const problem = (n: Node, message: string) => problems.push(`line ${n.line}, column ${n.column}: ${message}`);
  const concept: Required<Pick<ConceptInput, 'extra'>> & ConceptInput = {
    externalId: id?.trim() ? id.trim() : null,
    subject: null,
    definition: null,
    note: null,
    extra: [],
    terms: [],
  };
  const lenient = ctx.format === 'tbx-min-2014';

  const isForeign = (n: Node) => n.uri !== '' && n.uri !== TBX_NS;
  /** A data-category element as a field tree, DCT elements turned into their DCA class and type. */
  const fieldOf = (n: Node, lang?: string): ExtraField => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(n.attrs)) if (k !== 'type') attrs[k] = v;
    let element = n.name;
    let type = n.attrs.type ?? '';
    const dct = (isForeign(n) || lenient) && !GROUPS.has(n.name) && !DCA_ELEMENTS.has(n.name);
    if (dct) {
      type = n.name === 'termStatus' ? 'administrativeStatus' : n.name === 'customer' ? 'customerSubset' : n.name;
      element = DCT_CLASS[n.name] ?? 'descrip';
    }
    const f: ExtraField = { element, type, value: '' };
    if (GROUPS.has(n.name)) f.children = elements(n).map((c) => fieldOf(c));
    // Notes keep their lines, also as the head of a note with its author (note-source.ts).
    else f.value = n.name === 'note' || (n.name === 'admin' && type === ANNOTATED_NOTE) ? cleanLines(textOf(n)) : clean(textOf(n));
    if (lang) f.lang = lang;
    if (Object.keys(attrs).length) f.attrs = attrs;
    return f;
  };
  /** Turn a data-category element into items (groups give their head), validating as we go. */
  const itemsOf = (n: Node): Item[] => {
    switch (n.name) {
      case 'descripGrp':
      case 'adminGrp':
      case 'termNoteGrp': {
        const head = elements(n)[0];
        const want = n.name.slice(0, -3);
        if (head?.name !== want) {
          problem(n, `<${n.name}> must start with <${want}>.`);
          return [];
        }
        for (const inner of elements(n).slice(1)) itemsOf(inner);
        return itemsOf(head);
      }
      case 'transacGrp': {
        const head = elements(n)[0];
        if (head?.name !== 'transac') problem(n, '<transacGrp> must start with <transac>.');
        for (const inner of elements(n)) {
          if (!['transac', 'transacNote', 'date', 'note', 'ref', 'xref'].includes(inner.name)) {
            problem(inner, `<${inner.name}> is not allowed in <transacGrp>.`);
          } else if (inner.name !== 'date') itemsOf(inner);
        }
        // Kept whole (fieldOf) by the caller; nothing in it maps onto a concept or term field.
        return [];
      }
      case 'note':
        return [{ cls: 'note', type: '', value: cleanLines(textOf(n)), node: n }];
      case 'noteGrp': {
        // TBX-Min 2014: <noteGrp><note><noteKey>k</noteKey><noteValue>v</noteValue></note></noteGrp>
        return elements(n).map((note) => {
          const key = elements(note).find((c) => c.name === 'noteKey');
          const value = elements(note).find((c) => c.name === 'noteValue');
          const text = key && value ? `${clean(textOf(key))}: ${clean(textOf(value))}` : clean(textOf(note));
          return { cls: 'note', type: '', value: text, node: note };
        });
      }
      default: {
        const dca = ['descrip', 'admin', 'termNote', 'ref', 'xref', 'transac', 'transacNote', 'descripNote', 'adminNote'];
        if (dca.includes(n.name) && !isForeign(n)) {
          const type = n.attrs.type ?? '';
          if (!type) problem(n, `<${n.name}> has no type attribute.`);
          const value = n.name === 'xref' || n.name === 'ref' ? (n.attrs.target ?? clean(textOf(n))) : clean(textOf(n));
          checkDatCat(n, n.name, type, value);
          return [{ cls: n.name, type, value, node: n }];
        }
        if (isForeign(n) || lenient) {
          // DCT style: the element name is the data category.
          const type = n.name === 'termStatus' ? 'administrativeStatus' : n.name === 'customer' ? 'customerSubset' : n.name;
          const cls = DCT_CLASS[n.name] ?? 'descrip';
          return [{ cls, type, value: clean(textOf(n)), node: n }];
        }
        problem(n, `<${n.name}> is not a TBX element.`);
        return [];
      }
    }
  };

  const checkDatCat = (n: Node, cls: string, type: string, value: string) => {
    if (!ctx.strict) return;
    const allowed = ctx.strict.table[cls];
    if (!allowed) return;
    if (!(type in allowed)) {
      problem(n, `data category ${cls} type="${type}" is not allowed in ${ctx.strict.name}.`);
      return;
    }
    let picklist = allowed[type];
    if (ctx.strict.table === TBX_BASIC && type === 'partOfSpeech') picklist = TBX_BASIC.termNote!.partOfSpeech!;
    if (picklist && !picklist.includes(value)) {
      problem(n, `"${value}" is not a permitted value of ${type} in ${ctx.strict.name} (expected one of: ${picklist.join(', ')}).`);
    }
  };

  const checkChildren = (n: Node) => {
    const allowed = ALLOWED[n.name] ?? [];
    for (const c of elements(n)) {
      if (isForeign(c) || lenient) continue;
      if (!allowed.includes(c.name)) problem(c, `<${c.name}> is not allowed in <${n.name}>.`);
    }
  };

  const extraOf = (f: ExtraField) => concept.extra.push(f);
  /** The first-class concept field an item fills, if it is a plain value the field is still free for. */
  const conceptField = (it: Item): 'subject' | 'definition' | null =>
    it.type === 'subjectField' && !concept.subject ? 'subject' : it.type === 'definition' && !concept.definition ? 'definition' : null;
  /**
   * A child of the entry or of a language section. Entry-level plain values fill the concept's
   * fields (first note, subject, definition); everything else is kept whole in `extra`, with its
   * language when it sits in a langSec/langSet, so that an export writes it back where it was.
   * A group is kept whole AND may fill a field with its head (the writer then skips the field).
   */
  const placeConcept = (c: Node, lang?: string) => {
    if (c.name === 'noteGrp') {
      for (const it of itemsOf(c)) if (it.value) extraOf({ element: 'note', type: '', value: it.value, ...(lang ? { lang } : {}) });
      return;
    }
    const items = itemsOf(c);
    const field = fieldOf(c, lang);
    const authored = c.name === 'adminGrp' ? decodeNoteSource(field) : null;
    if (authored) {
      extraOf(authored);
      return;
    }
    const head = items[0];
    if (!lang && head && head.cls === 'note' && !field.attrs && !concept.note && !GROUPS.has(c.name)) {
      if (head.value) concept.note = head.value;
      return;
    }
    const target = !lang && head && (head.cls === 'descrip' || DCT_CLASS[c.name] === 'descrip') ? conceptField(head) : null;
    if (target && head && !field.attrs) {
      concept[target] = head.value || null;
      if (!GROUPS.has(c.name)) return;
    }
    extraOf(field);
  };

  checkChildren(entry);
  const langNodes: Node[] = [];
  for (const c of elements(entry)) {
    if (LANG_CONTAINERS.has(c.name)) langNodes.push(c);
    else if (ALLOWED[entry.name]?.includes(c.name) || isForeign(c) || lenient) placeConcept(c);
  }
  if (langNodes.length === 0) problem(entry, `<${entry.name}> has no ${entry.name === 'conceptEntry' ? '<langSec>' : '<langSet>'}.`);

  const terms: (TermInput & { explicit: boolean })[] = [];
  for (const ls of langNodes) {
    checkChildren(ls);
    const rawLang = ls.attrs['xml:lang'] ?? ls.attrs.lang ?? ctx.rootLang ?? '';
    const termNodes = elements(ls).filter((c) => TERM_CONTAINERS.has(c.name) || (lenient && c.name === 'tig'));
    if (termNodes.length === 0) problem(ls, `<${ls.name}> has no terms.`);
    for (const c of elements(ls)) {
      if (TERM_CONTAINERS.has(c.name)) continue;
      if (ALLOWED[ls.name]?.includes(c.name) || isForeign(c) || lenient) placeConcept(c, langTagOrRaw(rawLang));
    }
    for (const tn of termNodes) {
      checkChildren(tn);
      let body: Node[] = elements(tn);
      if (tn.name === 'ntig') {
        const grp = body[0];
        if (grp?.name !== 'termGrp') {
          problem(tn, '<ntig> must start with <termGrp>.');
          continue;
        }
        checkChildren(grp);
        body = [...elements(grp), ...body.slice(1)];
      }
      const termNode = body[0];
      if (termNode?.name !== 'term') {
        problem(tn, `<${tn.name}> must start with <term>.`);
        continue;
      }
      let seenOther = false;
      const children: Node[] = [];
      for (const c of body.slice(1)) {
        const isTermNote = c.name === 'termNote' || c.name === 'termNoteGrp' || (isForeign(c) && DCT_CLASS[c.name] === 'termNote');
        // Order is a schema rule; files that claim a dialect must keep it, tool exports that claim none are let off.
        if (isTermNote && seenOther && ctx.strict && !isForeign(c)) {
          problem(c, `<${c.name}> must come before the other data categories of <${tn.name}>.`);
        }
        if (!isTermNote && c.name !== 'termCompList') seenOther = true;
        if (c.name === 'term') {
          problem(c, `<${tn.name}> has more than one <term>.`);
          continue;
        }
        if (ALLOWED[tn.name]?.includes(c.name) || ALLOWED.termGrp!.includes(c.name) || isForeign(c) || lenient) children.push(c);
      }
      const text = clean(textOf(termNode));
      if (!text) continue;
      let lang = '';
      try {
        lang = normaliseLangTag(rawLang);
      } catch {
        problem(ls, `xml:lang="${rawLang}" is not a language tag.`);
        continue;
      }
      const term: TermInput & { explicit: boolean } = { text, lang, status: 'admitted', explicit: false, extra: [] };
      const id = tn.attrs.id ?? termNode.attrs.id;
      if (id) term.externalId = id;
      for (const c of children) placeTerm(term, c);
      // No status in the file: the one finishTerms infers is ours, and an export must not claim the file said it.
      if (!term.explicit) term.statusSource = NO_STATUS;
      terms.push(term);
    }
  }

  /**
   * A child of a term container. Plain values fill the term's fields (status, type, part of
   * speech, region, source, context, first note); the rest is kept whole in the term's `extra`.
   * A group is kept whole and may also fill a field with its head (the writer then skips the field).
   */
  function placeTerm(term: TermInput & { explicit: boolean }, c: Node) {
    const extra = term.extra as ExtraField[];
    if (c.name === 'termCompList') {
      extra.push(fieldOf(c));
      return;
    }
    if (ctx.ours && (c.name === 'termNote' || c.name === 'termNoteGrp')) {
      const components = decodeComponents(fieldOf(c));
      if (components) {
        extra.push(components);
        return;
      }
    }
    const items = itemsOf(c);
    if (c.name === 'noteGrp') {
      for (const it of items) if (it.value) extra.push({ element: 'note', type: '', value: it.value });
      return;
    }
    const field = fieldOf(c);
    const authored = c.name === 'adminGrp' ? decodeNoteSource(field) : null;
    if (authored) {
      extra.push(authored);
      return;
    }
    const head = items[0];
    if (!head) {
      if (GROUPS.has(c.name)) extra.push(field);
      return;
    }
    if (head.cls === 'note' && !GROUPS.has(c.name)) {
      if (head.value === FORBIDDEN_NOTE) {
        term.status = 'forbidden';
        term.explicit = true;
      } else if (!field.attrs && term.note == null && head.value) term.note = head.value;
      else if (head.value) extra.push(field);
      return;
    }
    const group = GROUPS.has(c.name);
    const mapped = (group || !field.attrs) && mapTerm(term, head);
    if (!mapped || group) extra.push(field);
  }

  function mapTerm(term: TermInput & { explicit: boolean }, it: Item): boolean {
    if (STATUS_CATEGORIES.has(it.type)) {
      const s = STATUS_VALUES[it.value.toLowerCase().replace(/\s+/g, '')];
      if (!s || term.explicit) return false;
      term.status = s;
      term.explicit = true;
      term.statusSource = it.value;
      return true;
    }
    if (it.type === 'termType' && (TERM_TYPES as readonly string[]).includes(it.value) && !term.type) {
      term.type = it.value as TermType;
      return true;
    }
    if (it.type === 'partOfSpeech' && !term.partOfSpeech && it.value) {
      term.partOfSpeech = it.value;
      return true;
    }
    if (it.type === 'geographicalUsage' && !term.region && it.value) {
      term.region = it.value;
      return true;
    }
    if (it.type === 'source' && it.cls === 'admin' && !term.source && it.value) {
      term.source = it.value;
      return true;
    }
    if (it.type === 'context' && !term.context && it.value) {
      term.context = it.value;
      return true;
    }
    return false;
  }

  if (problems.length) return { where, problem: problems.join('; ') };
  if (terms.length === 0) return { where, empty: true };
  concept.terms = finishTerms(terms);
  return { where, concept };
}

export interface TbxReadOptions extends DecodeOptions {
  onInfo?: (info: ImportInfo) => void;
}

/** A language section's tag, normalised when it is one (the terms' check reports it when it is not). */
function langTagOrRaw(raw: string): string {
  try {
    return normaliseLangTag(raw);
  } catch {
    return raw;
  }
}

/** Parse a TBX byte stream into entries, one at a time. Throws TermbridgeError for file-level problems. */
export async function* readTbx(input: AsyncIterable<Uint8Array | string>, options: TbxReadOptions = {}): AsyncGenerator<ParsedEntry> {
  const decoded = await decodeStream(input, { ...options, xml: true });
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: ParsedEntry[] = [];
  const stack: string[] = [];
  let root: string | null = null;
  let ctx: Context | null = null;
  let dialect: string | null = null;
  let style: string | null = null;
  let xcs: string | null = null;
  let legacyDtd = false;
  let rootLang: string | null = null;
  /** the tree being built: an entry, or the header (for the XCS name) */
  let tree: Node[] = [];
  let building: 'entry' | 'header' | null = null;
  let nodes = 0;
  let chars = 0;
  let entries = 0;

  const fail = (message: string, code: ErrorCode = 'invalid-file'): never => {
    // The place as values too, so pages say it in their own language (the message stays English).
    throw new TermbridgeError(code, `line ${parser.line}, column ${parser.column}: ${message}`, {
      details: { line: parser.line, column: parser.column },
    });
  };
  const info = (): ImportInfo => ({
    format: root === 'tbx' ? 'tbx-v3' : root === 'TBX' ? 'tbx-min-2014' : legacyDtd ? 'martif' : 'tbx-2008',
    dialect,
    style,
    encoding: decoded.encoding,
  });

  // What a well-formedness error is about: the close tag just read (saxes does not say) and the
  // element it should have closed, with where that one opened.
  const opened: { line: number; column: number }[] = [];
  let lastClosed = { name: '', line: 0, column: 0 };
  let tail = '';
  let chunkText = '';
  let chunkStart = 0;
  const closeTagRead = () => {
    const before = tail + chunkText.slice(0, Math.max(0, parser.position - chunkStart));
    return /<\/\s*([^\s>]+)[^<]*$/.exec(before)?.[1] ?? null;
  };
  parser.on('error', (e) => {
    let message = e.message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, '');
    if (message === 'unexpected close tag.') {
      const closing = closeTagRead();
      message =
        `unexpected close tag${closing ? ` </${closing}>` : ''}: the element open here is <${lastClosed.name}> ` +
        `(opened at line ${lastClosed.line}, column ${lastClosed.column}).`;
    } else if (/^unclosed tag: /.test(message) && opened.length) {
      const at = opened[opened.length - 1]!;
      message = `unclosed tag: <${message.slice('unclosed tag: '.length).replace(/\.$/, '')}> (opened at line ${at.line}, column ${at.column}) is never closed.`;
    }
    fail(message, 'malformed-xml');
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      fail('the DOCTYPE declares entities; entity declarations are refused (XXE / entity expansion).', 'xml-entities');
    if (/DXFcdV04|TBXcdv04/i.test(doctype)) legacyDtd = true;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    stack.push(name);
    opened.push({ line: parser.line, column: parser.column });
    if (stack.length > MAX_DEPTH) fail('elements are nested too deeply.');
    if (stack.length === 1) {
      root = name;
      if (name !== 'martif' && name !== 'tbx' && name !== 'TBX')
        fail(`the root element is <${tag.name}>, not <martif>, <tbx> or <TBX>: this is not a TBX file.`, 'not-tbx');
      const attr = (k: string) => tag.attributes[k]?.value ?? null;
      dialect = attr('type') ?? attr('dialect');
      style = attr('style');
      rootLang = attr('xml:lang');
      if (name === 'TBX' && dialect !== 'TBX-Min')
        fail(`<TBX dialect="${dialect ?? ''}"> is not TBX-Min; only the TBX-Min 2014 format uses a <TBX> root.`, 'not-tbx');
      return;
    }
    const parent = stack[stack.length - 2];
    if (!building) {
      const isHeader = (name === 'martifHeader' || name === 'tbxHeader' || name === 'header') && stack.length === 2;
      const isEntry = parent === 'body' && ((root === 'tbx' && name === 'conceptEntry') || (root !== 'tbx' && name === 'termEntry'));
      if (parent === 'body' && !isEntry && stack[stack.length - 3] !== 'back') {
        fail(`<${tag.name}> is not allowed in <body>; expected <${root === 'tbx' ? 'conceptEntry' : 'termEntry'}>.`, 'invalid-tbx');
      }
      if (stack.length === 2 && !['martifHeader', 'tbxHeader', 'header', 'text', 'body'].includes(name)) {
        fail(`<${tag.name}> is not allowed in <${root}>.`, 'invalid-tbx');
      }
      if (!isHeader && !isEntry) return;
      building = isHeader ? 'header' : 'entry';
      tree = [];
      nodes = 0;
      chars = 0;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      attrs[a.prefix === 'xml' ? `xml:${a.local}` : a.local] = a.value;
      // Attribute values count as entry text: a 30 MB id is as costly as a 30 MB term.
      chars += a.value.length;
    }
    if (chars > MAX_ENTRY_CHARS) fail('an entry holds too much text.', 'entry-too-large');
    const node: Node = { name, uri: tag.uri, attrs, children: [], line: parser.line, column: parser.column };
    if (++nodes > MAX_ENTRY_NODES) fail('an entry has too many elements.', 'entry-too-large');
    tree[tree.length - 1]?.children.push(node);
    tree.push(node);
  });
  const onText = (t: string) => {
    if (!building || tree.length === 0) return;
    chars += t.length;
    if (chars > MAX_ENTRY_CHARS) fail('an entry holds too much text.', 'entry-too-large');
    tree[tree.length - 1]!.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    stack.pop();
    const at = opened.pop();
    lastClosed = { name: tag.name, line: at?.line ?? 0, column: at?.column ?? 0 };
    if (!building) return;
    const node = tree.pop()!;
    if (tree.length > 0) return;
    if (building === 'header') {
      const find = (n: Node): void => {
        if (n.name === 'p' && (n.attrs.type === 'XCSURI' || n.attrs.type === 'DCSName')) xcs = clean(textOf(n));
        if (n.name === 'languages' && !rootLang) rootLang = n.attrs.source ?? null;
        for (const c of elements(n)) find(c);
      };
      find(node);
    } else {
      ctx ??= { format: info().format, strict: strictTableFor(root!, dialect, xcs), rootLang, ours: dialect === CUSTOM_DIALECT };
      if (entries === 0) options.onInfo?.(info());
      entries++;
      queue.push(interpret(node, ctx));
    }
    building = null;
  });

  for await (const chunk of decoded.text) {
    chunkText = chunk;
    parser.write(chunk);
    chunkStart += chunk.length;
    tail = chunk.length >= 256 ? chunk.slice(-256) : (tail + chunk).slice(-256);
    while (queue.length) yield queue.shift()!;
  }
  parser.close();
  if (!root) fail('the file holds no XML element: this is not a TBX file.', 'not-tbx');
  if (entries === 0) options.onInfo?.(info());
  while (queue.length) yield queue.shift()!;
}
