import { compareLangTags } from '../../concept/lang.ts';
import type { ConceptInput, ExtraField, Status, TermInput } from '../../concept/types.ts';

/**
 * TBX writers. `tbx` is TBX v3 (ISO 30042:2019) TBX-Basic in DCA style; `tbx2008` is the
 * 2008 TBX-Basic <martif> that OmegaT and older CAT tools read. Both are written as a stream
 * of strings, one concept at a time, with every value XML-escaped; both validate against the
 * official RELAX NG schemas (test/unit/interchange-export.test.ts runs jing).
 */

export type TbxFlavour = 'tbx' | 'tbx2008';

/** What the writers need of a concept: stored concepts and parsed inputs both fit. */
export type ExportConcept = ConceptInput & { id?: number };

export interface Sink {
  write(chunk: string): boolean | undefined | undefined;
  once?(event: 'drain', listener: () => void): unknown;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove the control characters XML 1.0 forbids
const INVALID_XML_CHARS = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The conceptEntry id: the external id when it is a valid XML id, else one derived from it or from our id. */
export function entryId(c: ExportConcept, index: number): string {
  if (c.externalId && NCNAME.test(c.externalId)) return c.externalId;
  if (c.externalId) return `x-${c.externalId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  return `c${c.id ?? index + 1}`;
}

export const STATUS_TO_TBX: Record<Status, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts',
  // TBX-Basic has no "forbidden"; superseded ("do not use any more") is the closest, and the
  // importer reads it back as deprecated unless the termbridge marker note is present.
  forbidden: 'deprecatedTerm-admn-sts',
};
/** Marks a forbidden term in TBX so that a round trip keeps it forbidden; other tools see an ordinary note. */
export const FORBIDDEN_NOTE = 'termbridge-status: forbidden';

async function put(out: Sink, s: string): Promise<void> {
  if (out.write(s) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
}

const el = (name: string, type: string | null, value: string | null | undefined, indent: string): string =>
  value ? `${indent}<${name}${type ? ` type="${escapeXml(type)}"` : ''}>${escapeXml(value)}</${name}>\n` : '';

function extras(list: ExtraField[] | undefined, indent: string, only: (e: ExtraField) => boolean): string {
  return (list ?? [])
    .filter(only)
    .map((e) => {
      if (e.element === 'note') return el('note', null, e.value, indent);
      if (e.element === 'xref') return `${indent}<xref type="${escapeXml(e.type)}" target="${escapeXml(e.value)}"/>\n`;
      if (e.element === 'ref') return `${indent}<ref type="${escapeXml(e.type)}" target="${escapeXml(e.value)}"/>\n`;
      const name = /^(descrip|admin|termNote)$/.test(e.element) ? e.element : 'descrip';
      return el(name, e.type, e.value, indent);
    })
    .join('');
}

function termBody(t: TermInput, indent: string): string {
  const extra = t.extra ?? [];
  const notes = [t.note, t.status === 'forbidden' ? FORBIDDEN_NOTE : null].filter(Boolean) as string[];
  return (
    el('term', null, t.text, indent) +
    el('termNote', 'administrativeStatus', STATUS_TO_TBX[t.status], indent) +
    el('termNote', 'termType', t.type, indent) +
    el('termNote', 'partOfSpeech', t.partOfSpeech, indent) +
    el('termNote', 'geographicalUsage', t.region, indent) +
    extras(extra, indent, (e) => e.element === 'termNote') +
    el('descrip', 'context', t.context, indent) +
    extras(extra, indent, (e) => e.element === 'descrip') +
    el('admin', 'source', t.source, indent) +
    extras(extra, indent, (e) => e.element !== 'termNote' && e.element !== 'descrip') +
    notes.map((n) => el('note', null, n, indent)).join('')
  );
}

function conceptXml(c: ExportConcept, index: number, flavour: TbxFlavour, langs: ((lang: string) => boolean) | null): string {
  const v3 = flavour === 'tbx';
  const [entry, langEl, termEl] = v3 ? ['conceptEntry', 'langSec', 'termSec'] : ['termEntry', 'langSet', 'tig'];
  const byLang = new Map<string, TermInput[]>();
  for (const t of c.terms) {
    if (langs && !langs(t.lang)) continue;
    const list = byLang.get(t.lang);
    if (list) list.push(t);
    else byLang.set(t.lang, [t]);
  }
  if (byLang.size === 0) return '';
  let s = `<${entry} id="${escapeXml(entryId(c, index))}">\n`;
  s += el('descrip', 'subjectField', c.subject, '  ');
  s += el('descrip', 'definition', c.definition, '  ');
  s += extras(c.extra, '  ', (e) => e.element !== 'note');
  s += el('note', null, c.note, '  ');
  s += extras(c.extra, '  ', (e) => e.element === 'note');
  for (const lang of [...byLang.keys()].sort(compareLangTags)) {
    s += `  <${langEl} xml:lang="${escapeXml(lang)}">\n`;
    for (const t of byLang.get(lang)!) s += `    <${termEl}>\n${termBody(t, '      ')}    </${termEl}>\n`;
    s += `  </${langEl}>\n`;
  }
  return `${s}</${entry}>\n`;
}

export interface TbxWriteOptions {
  format?: TbxFlavour;
  /** keep only terms whose language passes */
  lang?: (lang: string) => boolean;
  title?: string;
}

/** Write concepts as TBX to a stream (honours backpressure). Concepts left without terms by the filter are omitted. */
export async function writeTbx(
  concepts: Iterable<ExportConcept> | AsyncIterable<ExportConcept>,
  out: Sink,
  options: TbxWriteOptions = {},
): Promise<number> {
  const flavour = options.format ?? 'tbx';
  const title = escapeXml(options.title ?? 'termbridge export');
  if (flavour === 'tbx') {
    await put(
      out,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n' +
        `<tbxHeader>\n<fileDesc>\n<sourceDesc>\n<p>${title}</p>\n</sourceDesc>\n</fileDesc>\n</tbxHeader>\n<text>\n<body>\n`,
    );
  } else {
    await put(
      out,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<martif type="TBX-Basic" xml:lang="en">\n' +
        `<martifHeader>\n<fileDesc>\n<sourceDesc>\n<p>${title}</p>\n</sourceDesc>\n</fileDesc>\n` +
        '<encodingDesc>\n<p type="XCSURI">TBXBasicXCSV02.xcs</p>\n</encodingDesc>\n</martifHeader>\n<text>\n<body>\n',
    );
  }
  let n = 0;
  let index = 0;
  for await (const c of concepts) {
    const xml = conceptXml(c, index++, flavour, options.lang ?? null);
    if (!xml) continue;
    n++;
    await put(out, xml);
  }
  await put(out, flavour === 'tbx' ? '</body>\n</text>\n</tbx>\n' : '</body>\n</text>\n</martif>\n');
  return n;
}
