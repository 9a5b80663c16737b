import { compareStatus } from '../../concept/concept.ts';
import { compareLangTags } from '../../concept/lang.ts';
import type { ConceptInput, ExtraField, Status, TermInput } from '../../concept/types.ts';
import { TermbridgeError } from '../../errors.ts';
import { escapeXml } from '../../text/escape.ts';
import {
  CUSTOM_DIALECT,
  DIALECTS,
  type DialectName,
  dialectByName,
  type Level,
  leafCount,
  misfit,
  type TbxFlavour,
  tbxDate,
} from './dialects.ts';
import { encodeComponents } from './components.ts';
import { encodeNoteSource } from './note-source.ts';
import { type Categories, collectCategories, xcsDocument } from './xcs.ts';

/**
 * TBX writers. `tbx` is TBX v3 (ISO 30042:2019) in DCA style; `tbx2008` is the 2008 <martif>
 * that OmegaT and older CAT tools read. Each export declares the narrowest dialect that holds
 * everything it writes (dialects.ts): TBX-Basic when the data fits, else TBX-Core (v3) or
 * TBX-Default (2008); what fits no dialect of the flavour is dropped and reported, never
 * written invalid. Everything an import kept — language-level items, groups, transactions,
 * several notes, term ids, the file's own status values — is written back where it was, and
 * the service's history goes out as transactions. Written as a stream, one concept at a time,
 * every value XML-escaped; test/unit/interchange-corpus-export.test.ts validates with jing
 * and the Schematron of the declared dialect.
 */

export type { TbxFlavour } from './dialects.ts';

/** One change from the service's history, written as a TBX transaction. */
export interface Transaction {
  type: 'origination' | 'modification';
  /** ISO date-time */
  at: string;
  by: string;
}

/** What the writers need of a concept: stored concepts and parsed inputs both fit. */
export type ExportConcept = ConceptInput & { id?: number; transactions?: Transaction[] };

export interface Sink {
  write(chunk: string): boolean | undefined | undefined;
  once?(event: 'drain', listener: () => void): unknown;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The conceptEntry id: the external id when it is a valid XML id, else one derived from it or from our id. */
function entryId(c: ExportConcept, index: number): string {
  if (c.externalId && NCNAME.test(c.externalId)) return c.externalId;
  if (c.externalId) return `x-${c.externalId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  return `c${c.id ?? index + 1}`;
}

const STATUS_TO_TBX: Record<Status, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts',
  // TBX has no "forbidden"; deprecated is the closest, and the importer reads it back as
  // forbidden when the termbridge marker note is present.
  forbidden: 'deprecatedTerm-admn-sts',
};
/** Marks a forbidden term in TBX so that a round trip keeps it forbidden; other tools see an ordinary note. */
export const FORBIDDEN_NOTE = 'termbridge-status: forbidden';
/** Term.statusSource when the imported file gave no status: the export writes none either. */
export const NO_STATUS = 'none';

/** What a file's status value means here (the reader's table, folded the same way). */
const STATUS_MEANING: Record<string, Status> = {
  preferredterm: 'preferred',
  standardizedterm: 'preferred',
  admittedterm: 'admitted',
  legalterm: 'admitted',
  regulatedterm: 'admitted',
  deprecatedterm: 'deprecated',
  supersededterm: 'deprecated',
};
/** The administrativeStatus to write: the file's own value while it still means the stored status. */
function statusValue(t: TermInput): string | null {
  if (t.statusSource === NO_STATUS) return null;
  const src = t.statusSource?.trim();
  if (src) {
    const key = src.toLowerCase().replace(/-admn-sts$/, '');
    if (STATUS_MEANING[key] === t.status) return /-admn-sts$/i.test(src) ? src : `${src}-admn-sts`;
  }
  return STATUS_TO_TBX[t.status];
}

async function put(out: Sink, s: string): Promise<void> {
  if (out.write(s) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
}

const field = (element: string, type: string, value: string | null | undefined): ExtraField[] => (value ? [{ element, type, value }] : []);

/** A group kept whole already carries this value as its head: writing the field too would double it. */
const covered = (extra: readonly ExtraField[], element: string, type: string, value: string | null | undefined) =>
  !!value && extra.some((e) => e.children?.[0]?.element === element && e.children[0].type === type && e.children[0].value === value);

interface TermModel {
  text: string;
  id: string | null;
  notes: ExtraField[];
  rest: ExtraField[];
}
interface EntryModel {
  id: string;
  fields: ExtraField[];
  langs: { lang: string; fields: ExtraField[]; terms: TermModel[] }[];
}

const TERM_NOTE_ELEMENTS = new Set(['termNote', 'termNoteGrp']);
/** auxiliary items in the order the schemas are happiest with (any order is valid; this one reads well) */
const AUX_ORDER = ['descrip', 'descripGrp', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref'];
const auxRank = (e: ExtraField) => {
  const i = AUX_ORDER.indexOf(e.element);
  return i < 0 ? AUX_ORDER.length : i;
};
const byAux = (list: ExtraField[]) =>
  list
    .map((e, i) => [e, i] as const)
    .sort((a, b) => auxRank(a[0]) - auxRank(b[0]) || a[1] - b[1])
    .map(([e]) => e);

/**
 * What the flavour has no element for goes as data categories it has, and the dialect check
 * then declares or drops them: term components (v3: none; 2008: an empty list; components.ts),
 * a note with its author (note-source.ts).
 */
const placeEncoded = (extra: readonly ExtraField[], flavour: TbxFlavour): ExtraField[] =>
  extra.map((e) =>
    e.element === 'termCompList' && (flavour === 'tbx' || !e.children?.length) ? (encodeComponents(e) ?? e) : (encodeNoteSource(e) ?? e),
  );

function termModel(t: TermInput, flavour: TbxFlavour): TermModel {
  const extra = placeEncoded(t.extra ?? [], flavour);
  const status = statusValue(t);
  const notes = [
    ...(covered(extra, 'termNote', 'administrativeStatus', status) ? [] : field('termNote', 'administrativeStatus', status)),
    ...field('termNote', 'termType', covered(extra, 'termNote', 'termType', t.type) ? null : t.type),
    ...field('termNote', 'partOfSpeech', covered(extra, 'termNote', 'partOfSpeech', t.partOfSpeech) ? null : t.partOfSpeech),
    ...field('termNote', 'geographicalUsage', covered(extra, 'termNote', 'geographicalUsage', t.region) ? null : t.region),
    ...extra.filter((e) => TERM_NOTE_ELEMENTS.has(e.element)),
  ];
  const rest = byAux([
    ...field('descrip', 'context', covered(extra, 'descrip', 'context', t.context) ? null : t.context),
    ...field('admin', 'source', covered(extra, 'admin', 'source', t.source) ? null : t.source),
    ...field('note', '', t.note),
    ...(t.status === 'forbidden' ? field('note', '', FORBIDDEN_NOTE) : []),
    ...extra.filter((e) => !TERM_NOTE_ELEMENTS.has(e.element)),
  ]);
  return { text: t.text, id: t.externalId && NCNAME.test(t.externalId) ? t.externalId : null, notes, rest };
}

/** A transaction as the field the reader makes of a <transacGrp>: so an import can tell a file's copy of our own history. */
function transactionField(tr: Transaction): ExtraField {
  return {
    element: 'transacGrp',
    type: '',
    value: '',
    children: [
      { element: 'transac', type: 'transactionType', value: tr.type },
      { element: 'date', type: '', value: tbxDate(tr.at) ?? tr.at },
      { element: 'transacNote', type: 'responsibility', value: tr.by },
    ],
  };
}

/** The same transaction, whatever the date's precision (TBX keeps the day). */
export function sameTransaction(f: ExtraField, tr: Transaction): boolean {
  const [t, d, by] = f.children ?? [];
  return (
    f.element === 'transacGrp' &&
    t?.value === tr.type &&
    tbxDate(d?.value ?? '') === tbxDate(tr.at) &&
    by?.element === 'transacNote' &&
    by.value === tr.by
  );
}

function transactionsOf(c: ExportConcept): ExtraField[] {
  return (c.transactions ?? []).map(transactionField);
}

/** Everything one concept writes, by level, before any dialect is applied; null when the language filter leaves no term. */
function entryModel(c: ExportConcept, index: number, langs: ((lang: string) => boolean) | null, flavour: TbxFlavour): EntryModel | null {
  const byLang = new Map<string, TermInput[]>();
  for (const t of c.terms) {
    if (langs && !langs(t.lang)) continue;
    const list = byLang.get(t.lang);
    if (list) list.push(t);
    else byLang.set(t.lang, [t]);
  }
  if (byLang.size === 0) return null;
  const extra = placeEncoded(c.extra ?? [], flavour);
  const conceptExtra = extra.filter((e) => !e.lang);
  const fields = byAux([
    ...field('descrip', 'subjectField', covered(conceptExtra, 'descrip', 'subjectField', c.subject) ? null : c.subject),
    ...field('descrip', 'definition', covered(conceptExtra, 'descrip', 'definition', c.definition) ? null : c.definition),
    ...field('note', '', c.note),
    ...conceptExtra,
    ...transactionsOf(c),
  ]);
  return {
    id: entryId(c, index),
    fields,
    langs: [...byLang.keys()].sort(compareLangTags).map((lang) => ({
      lang,
      fields: byAux(extra.filter((e) => e.lang === lang).map(({ lang: _l, ...e }) => e)),
      // Preferred first within a language: readers that take the first term (translate-toolkit, many CAT tools) take the right one.
      terms: [...byLang.get(lang)!].sort((a, b) => compareStatus(a.status, b.status)).map((t) => termModel(t, flavour)),
    })),
  };
}

export interface Dropped {
  /** what was dropped, e.g. `descrip type="Txt::Text Field"` */
  what: string;
  count: number;
}

type Dialect = (typeof DIALECTS)['tbx'][number];

/** Apply a dialect: keep the fields that fit, count the rest. */
function fit(model: EntryModel, d: Dialect, dropped: Map<string, number>): EntryModel {
  const keep = (level: Level) => (f: ExtraField) => {
    const why = misfit(d, level, f);
    if (why) dropped.set(why, (dropped.get(why) ?? 0) + leafCount(f));
    return !why;
  };
  return {
    id: model.id,
    fields: model.fields.filter(keep('concept')),
    langs: model.langs.map((l) => ({
      lang: l.lang,
      fields: l.fields.filter(keep('lang')),
      terms: l.terms.map((t) => ({ ...t, notes: t.notes.filter(keep('term')), rest: t.rest.filter(keep('term')) })),
    })),
  };
}

function attrsXml(f: ExtraField, ids: ReadonlySet<string>): string {
  let s = f.type ? ` type="${escapeXml(f.type)}"` : '';
  for (const [k, v] of Object.entries(f.attrs ?? {})) {
    // Only what the schemas allow on data categories: an xref's target (a URI, required), another
    // element's target when it resolves (an IDREF: a URL or an id in this export), a language, a
    // datatype. Ids are not repeated (they must be unique).
    if (k === 'target' && (f.element === 'xref' || /^https?:\/\/./.test(v) || ids.has(v))) s += ` target="${escapeXml(v)}"`;
    else if (k === 'xml:lang' || k === 'datatype') s += ` ${k}="${escapeXml(v)}"`;
  }
  return s;
}

function fieldXml(f: ExtraField, indent: string, ids: ReadonlySet<string>): string {
  const value = f.element === 'date' ? (tbxDate(f.value) ?? '') : f.value;
  if (f.children) {
    const inner = f.children.map((c) => fieldXml(c, `${indent}  `, ids)).join('');
    return `${indent}<${f.element}${attrsXml(f, ids)}>\n${inner}${indent}</${f.element}>\n`;
  }
  return `${indent}<${f.element}${attrsXml(f, ids)}>${escapeXml(value)}</${f.element}>\n`;
}

function entryXml(m: EntryModel, flavour: TbxFlavour, ids: ReadonlySet<string>): string {
  const v3 = flavour === 'tbx';
  const [entry, langEl, termEl] = v3 ? ['conceptEntry', 'langSec', 'termSec'] : ['termEntry', 'langSet', 'tig'];
  let s = `<${entry} id="${escapeXml(m.id)}">\n`;
  for (const f of m.fields) s += fieldXml(f, '  ', ids);
  for (const l of m.langs) {
    s += `  <${langEl} xml:lang="${escapeXml(l.lang)}">\n`;
    for (const f of l.fields) s += fieldXml(f, '    ', ids);
    for (const t of l.terms) {
      const id = t.id ? ` id="${escapeXml(t.id)}"` : '';
      const comp = v3 ? [] : t.rest.filter((f) => f.element === 'termCompList');
      const rest = t.rest.filter((f) => f.element !== 'termCompList');
      if (comp.length) {
        // TBX 2008 keeps term components inside <ntig><termGrp>, after the term notes.
        s += `    <ntig${id}>\n      <termGrp>\n        <term>${escapeXml(t.text)}</term>\n`;
        for (const f of [...t.notes, ...comp]) s += fieldXml(f, '        ', ids);
        s += '      </termGrp>\n';
        for (const f of rest) s += fieldXml(f, '      ', ids);
        s += '    </ntig>\n';
        continue;
      }
      s += `    <${termEl}${id}>\n      <term>${escapeXml(t.text)}</term>\n`;
      for (const f of [...t.notes, ...rest]) s += fieldXml(f, '      ', ids);
      s += `    </${termEl}>\n`;
    }
    s += `  </${langEl}>\n`;
  }
  return `${s}</${entry}>\n`;
}

export interface TbxWriteOptions {
  format?: TbxFlavour;
  /** keep only terms whose language passes */
  lang?: (lang: string) => boolean;
  title?: string;
  /** 'auto' (default): the narrowest dialect that holds everything; 'TBX-Basic': TBX-Basic, dropping what does not fit */
  dialect?: 'auto' | 'TBX-Basic';
  /** told the dialect and what will be dropped before the first byte is written (an HTTP response sets headers) */
  onPlan?: (plan: { dialect: DialectName; dropped: Dropped[] }) => void;
}

export interface TbxWriteResult {
  concepts: number;
  dialect: DialectName;
  dropped: Dropped[];
}

type Concepts = Iterable<ExportConcept> | AsyncIterable<ExportConcept>;

/**
 * Choose the dialect and the ids the export will hold, in a first pass over the concepts
 * (nothing is written, so a refusal or a drop report comes before the first byte).
 */
async function planTbx(concepts: Concepts, options: TbxWriteOptions = {}) {
  const flavour = options.format ?? 'tbx';
  const candidates = options.dialect === 'TBX-Basic' ? [dialectByName(flavour, 'TBX-Basic')] : DIALECTS[flavour];
  const fitsAll = new Set(candidates.map((d) => d.name));
  const drops = new Map(candidates.map((d) => [d.name, new Map<string, number>()]));
  const entryIds = new Set<string>();
  const termIds = new Set<string>();
  const beyondBasic = new Set<string>();
  const categories: Categories = new Map();
  const languages = new Set<string>();
  let index = 0;
  for await (const c of concepts) {
    const m = entryModel(c, index++, options.lang ?? null, flavour);
    if (!m) continue;
    entryIds.add(m.id);
    for (const l of m.langs) for (const t of l.terms) if (t.id) termIds.add(t.id);
    collectCategories(m.fields, 'concept', categories);
    for (const l of m.langs) {
      languages.add(l.lang);
      collectCategories(l.fields, 'lang', categories);
      for (const t of l.terms) collectCategories([...t.notes, ...t.rest], 'term', categories);
    }
    for (const d of candidates) {
      const dropped = drops.get(d.name)!;
      fit(m, d, dropped);
      if (dropped.size > 0) fitsAll.delete(d.name);
    }
    if (flavour === 'tbx') {
      const dropped = new Map<string, number>();
      fit(m, dialectByName('tbx', 'TBX-Basic'), dropped);
      for (const k of dropped.keys()) beyondBasic.add(k);
    }
  }
  // A term id must not repeat an entry id (ids are unique in a document); a repeated term id is written once.
  for (const id of entryIds) termIds.delete(id);
  const dialect = candidates.find((d) => fitsAll.has(d.name)) ?? candidates[candidates.length - 1]!;
  if (flavour === 'tbx') {
    // The v3 declaration names every category TBX-Basic lacks, not only the first misfit of each group.
    const basic = dialectByName('tbx', 'TBX-Basic').rules;
    for (const [element, types] of categories) {
      for (const type of types.keys()) {
        const rule = basic[element];
        if (!rule || (rule !== 'any' && !rule[type])) beyondBasic.add(`${element} type="${type}"`);
      }
    }
  }
  return {
    flavour,
    dialect,
    ids: new Set([...entryIds, ...termIds]),
    termIds,
    beyondBasic: [...beyondBasic].sort(),
    /** TBX 2008 in our own dialect: the XCS that declares its categories (v3: they are listed in DCSName) */
    xcs: xcsDocument(categories, [...languages].sort(compareLangTags)),
    entries: entryIds.size,
    /** what the chosen dialect cannot hold, told before the first byte */
    dropped: [...(drops.get(dialect.name) ?? new Map<string, number>())].map(([what, count]) => ({ what, count })) as Dropped[],
  };
}

function header(flavour: TbxFlavour, dialect: DialectName, title: string, declared: readonly string[], xcs: string): string {
  if (flavour === 'tbx') {
    // A dialect of our own says which categories beyond TBX-Basic it uses, one per line.
    const encoding =
      dialect === CUSTOM_DIALECT
        ? `<encodingDesc>\n<p type="DCSName">${escapeXml((declared.length ? ['TBX-Basic, and:', ...declared] : ['TBX-Basic']).join('\n'))}</p>\n</encodingDesc>\n`
        : '';
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<tbx type="${dialect}" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n` +
      `<tbxHeader>\n<fileDesc>\n<sourceDesc>\n<p>${title}</p>\n</sourceDesc>\n</fileDesc>\n${encoding}</tbxHeader>\n<text>\n`
    );
  }
  const constraints =
    dialect === CUSTOM_DIALECT
      ? `<p type="XCSContent">${escapeXml(xcs)}</p>`
      : `<p type="XCSURI">${dialect === 'TBX-Basic' ? 'TBXBasicXCSV02.xcs' : 'TBXXCSV02.xcs'}</p>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<martif type="${dialect}" xml:lang="en">\n` +
    `<martifHeader>\n<fileDesc>\n<sourceDesc>\n<p>${title}</p>\n</sourceDesc>\n</fileDesc>\n` +
    `<encodingDesc>\n${constraints}\n</encodingDesc>\n</martifHeader>\n<text>\n`
  );
}

/**
 * Write concepts as TBX to a stream (honours backpressure). `concepts` is read twice (plan,
 * then write): pass an array or a function that starts a new pass. Concepts left without
 * terms by the language filter are omitted.
 */
export async function writeTbx(
  concepts: readonly ExportConcept[] | (() => Concepts),
  out: Sink,
  options: TbxWriteOptions = {},
): Promise<TbxWriteResult> {
  const pass = typeof concepts === 'function' ? concepts : () => concepts;
  const plan = await planTbx(pass(), options);
  const { flavour, ids, termIds, beyondBasic, entries, xcs, dropped: planned } = plan;
  let { dialect } = plan;
  if (entries === 0) {
    // Only the v3 core structure lets <text> go without a <body>; TBX-Basic and every 2008 schema
    // want one entry at least. An empty v3 export declares our own dialect (checked against the
    // core structure); the others are refused rather than written invalid.
    if (flavour !== 'tbx' || options.dialect === 'TBX-Basic') {
      const what = flavour === 'tbx' ? 'a TBX-Basic file' : 'a TBX 2008 file';
      throw new TermbridgeError(
        'nothing-to-export',
        `No concept matches: ${what} needs at least one entry, so none was written (an empty TBX v3 export is possible).`,
      );
    }
    dialect = dialectByName('tbx', CUSTOM_DIALECT);
  }
  options.onPlan?.({ dialect: dialect.name, dropped: planned });
  await put(out, header(flavour, dialect.name, escapeXml(options.title ?? 'termbridge export'), beyondBasic, xcs));
  if (entries === 0) {
    await put(out, '</text>\n</tbx>\n');
    return { concepts: 0, dialect: dialect.name, dropped: [] };
  }
  await put(out, '<body>\n');
  const dropped = new Map<string, number>();
  let n = 0;
  let index = 0;
  const seen = new Set<string>();
  for await (const c of pass()) {
    const m = entryModel(c, index++, options.lang ?? null, flavour);
    if (!m) continue;
    for (const l of m.langs)
      for (const t of l.terms) {
        if (t.id && termIds.has(t.id) && !seen.has(t.id)) seen.add(t.id);
        else t.id = null;
      }
    n++;
    await put(out, entryXml(fit(m, dialect, dropped), flavour, ids));
  }
  await put(out, flavour === 'tbx' ? '</body>\n</text>\n</tbx>\n' : '</body>\n</text>\n</martif>\n');
  return { concepts: n, dialect: dialect.name, dropped: [...dropped].map(([what, count]) => ({ what, count })) };
}
