import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SaxesParser } from 'saxes';
import { normaliseLangTag } from '../../glossary/concept/lang.ts';
import { DCT_CLASS } from '../../glossary/interchange/tbx/read.ts';

/**
 * Checking TBX files the way a strict reader would: jing for RELAX NG, Saxon-HE (Debian's
 * libsaxonhe-java) for Schematron, and a counter of data categories to compare a file with its
 * export. Each tool runs once per schema over a whole directory, since a JVM start costs a second.
 */

const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';
export const validationSkip = !existsSync('/usr/bin/jing')
  ? 'jing is not installed (apt-get install jing)'
  : !existsSync(SAXON_JAR)
    ? 'Saxon-HE is not installed (apt-get install libsaxonhe-java)'
    : !existsSync('/usr/bin/xmllint')
      ? 'xmllint is not installed (apt-get install libxml2-utils)'
      : false;

/** xmllint over many files with one DTD: file → its error lines (none = valid). */
function dtdValidate(dtd: string, files: string[]): Map<string, string[]> {
  const result = new Map<string, string[]>(files.map((f) => [f, []]));
  if (files.length === 0) return result;
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', dtd, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of run.stderr.split('\n')) {
    const file = files.find((f) => line.startsWith(`${f}:`) || line.startsWith(`Document ${f} does not validate`));
    if (file) result.get(file)!.push(line.startsWith('Document') ? line : line.slice(file.length + 1));
  }
  if (run.status !== 0 && [...result.values()].every((e) => e.length === 0)) throw new Error(`xmllint failed: ${run.stderr}`);
  return result;
}

const XCS_LEVELS: Record<string, string> = { termEntry: 'termEntry', langSet: 'langSet', tig: 'term', ntig: 'term' };
const XCS_SPECS = new Set([
  'admin',
  'adminNote',
  'descrip',
  'descripNote',
  'ref',
  'termCompList',
  'termNote',
  'transac',
  'transacNote',
  'xref',
]);

/**
 * A TBX 2008 file that carries its own XCS (<p type="XCSContent">): the XCS must be valid against
 * tbxxcsdtd.dtd, and every typed data category of the body declared in it (a descrip at a level
 * its spec names). Returns the problems (none = valid).
 */
function checkInlineXcs(file: string, xcsDtd: string, work: string): string[] {
  const xml = readFileSync(file, 'utf8');
  let xcs: string | null = null;
  let inXcs = false;
  const used: { key: string; level: string }[] = [];
  const levels: string[] = ['file'];
  const p = new SaxesParser();
  p.on('opentag', (t) => {
    if (t.name === 'p' && t.attributes.type === 'XCSContent') {
      inXcs = true;
      xcs = '';
    }
    if (XCS_LEVELS[t.name]) levels.push(XCS_LEVELS[t.name]!);
    const type = t.attributes.type;
    if (XCS_SPECS.has(t.name) && typeof type === 'string') used.push({ key: `${t.name}Spec ${type}`, level: levels[levels.length - 1]! });
  });
  p.on('text', (x) => {
    if (inXcs) xcs += x;
  });
  p.on('closetag', (t) => {
    if (t.name === 'p') inXcs = false;
    if (XCS_LEVELS[t.name]) levels.pop();
  });
  p.write(xml).close();
  if (xcs === null) return ['declares its own dialect but carries no <p type="XCSContent">'];
  mkdirSync(work, { recursive: true });
  const xcsFile = join(work, `${file.replace(/[^A-Za-z0-9]+/g, '_')}.xcs`);
  writeFileSync(xcsFile, xcs);
  const problems = [...dtdValidate(xcsDtd, [xcsFile]).get(xcsFile)!].map((x) => `XCS: ${x}`);
  const declared = new Map<string, string | null>();
  const q = new SaxesParser();
  let spec: { key: string } | null = null;
  let levelText: string | null = null;
  q.on('opentag', (t) => {
    if (/Spec$/.test(t.name) && typeof t.attributes.name === 'string') {
      spec = { key: `${t.name} ${t.attributes.name}` };
      declared.set(spec.key, null);
    }
    if (t.name === 'levels') levelText = '';
  });
  q.on('text', (x) => {
    if (levelText !== null) levelText += x;
  });
  q.on('closetag', (t) => {
    if (t.name === 'levels' && spec) {
      declared.set(spec.key, levelText);
      levelText = null;
    }
  });
  q.write(xcs).close();
  for (const u of new Map(used.map((x) => [`${x.key}@${x.level}`, x])).values()) {
    if (!declared.has(u.key)) problems.push(`${u.key} is not declared in the XCS`);
    else if (u.key.startsWith('descripSpec ') && !(declared.get(u.key) ?? '').split(/\s+/).includes(u.level)) {
      problems.push(`${u.key} at ${u.level}: not a level the XCS allows`);
    }
  }
  return problems;
}

/** jing over many files with one schema: file → its error lines (none = valid). */
function jing(schema: string, files: string[]): Map<string, string[]> {
  const result = new Map<string, string[]>(files.map((f) => [f, []]));
  if (files.length === 0) return result;
  const run = spawnSync('jing', [schema, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of run.stdout.split('\n')) {
    const file = files.find((f) => line.startsWith(`${f}:`));
    if (file) result.get(file)!.push(line.slice(file.length + 1));
  }
  if (run.status !== 0 && [...result.values()].every((e) => e.length === 0)) throw new Error(`jing failed: ${run.stderr}${run.stdout}`);
  return result;
}

/**
 * A small Schematron compiler, as an XSLT stylesheet that writes an XSLT stylesheet: each
 * pattern becomes a mode, each rule a template (earlier rules win, as Schematron says), each
 * failed assert one output line. It reads ISO Schematron and the Schematron 1.5 rules embedded
 * in the TBX 2008 RELAX NG files; the 1.5 rules are run in XPath 1.0 compatibility mode
 * (version="1.0"), where they were written (`. = not(*)` compares as booleans there).
 */
const COMPILER = `<?xml version="1.0"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:iso="http://purl.oclc.org/dsdl/schematron" xmlns:s15="http://www.ascc.net/xml/schematron"
  xmlns:axsl="urn:x-alias" exclude-result-prefixes="iso s15">
  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:param name="version" select="'2.0'"/>
  <xsl:template match="/">
    <axsl:stylesheet version="{$version}">
      <xsl:for-each select="//(iso:ns|s15:ns)"><xsl:namespace name="{@prefix}" select="string(@uri)"/></xsl:for-each>
      <axsl:output method="text"/>
      <axsl:template match="/">
        <xsl:for-each select="//(iso:pattern|s15:pattern)">
          <axsl:apply-templates select="/" mode="p{position()}"/>
        </xsl:for-each>
      </axsl:template>
      <xsl:for-each select="//(iso:pattern|s15:pattern)">
        <xsl:variable name="p" select="position()"/>
        <xsl:for-each select="iso:rule|s15:rule">
          <axsl:template match="{@context}" mode="p{$p}" priority="{1000 - position()}">
            <xsl:for-each select="iso:assert|s15:assert">
              <axsl:if test="not({@test})">
                <axsl:text>FAILED: <xsl:value-of select="normalize-space(.)"/> (at </axsl:text>
                <axsl:value-of select="name(parent::*)"/><axsl:text>/</axsl:text><axsl:value-of select="name()"/>
                <axsl:text>)&#10;</axsl:text>
              </axsl:if>
            </xsl:for-each>
            <axsl:apply-templates select="@*|node()" mode="p{$p}"/>
          </axsl:template>
        </xsl:for-each>
        <axsl:template match="@*|node()" mode="p{$p}" priority="-10"><axsl:apply-templates select="@*|node()" mode="p{$p}"/></axsl:template>
      </xsl:for-each>
    </axsl:stylesheet>
  </xsl:template>
</xsl:stylesheet>`;

const saxon = (args: string[]) =>
  execFileSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', ...args], { encoding: 'utf8', stdio: 'pipe' });

/** Schematron over every file of a directory: file name → failed assertions (none = valid). */
function schematron(schema: string, dir: string, work: string, version: '1.0' | '2.0'): Map<string, string[]> {
  mkdirSync(work, { recursive: true });
  const compiler = join(work, 'compiler.xsl');
  const compiled = join(work, 'compiled.xsl');
  writeFileSync(compiler, COMPILER);
  saxon([`-s:${schema}`, `-xsl:${compiler}`, `-o:${compiled}`, `version=${version}`]);
  const out = join(work, 'out');
  mkdirSync(out, { recursive: true });
  saxon([`-s:${dir}`, `-xsl:${compiled}`, `-o:${out}`]);
  const result = new Map<string, string[]>();
  for (const f of readdirSync(dir)) {
    // Saxon names each result after its source, with its own extension added.
    const path = [join(out, f), join(out, `${f}.xml`)].find((p) => existsSync(p));
    const text = path ? readFileSync(path, 'utf8') : 'FAILED: no output';
    result.set(
      f,
      text.split('\n').filter((l) => l.startsWith('FAILED')),
    );
  }
  return result;
}

/**
 * The schemas of each dialect an export may declare, as `<flavour> <dialect>`. TBX-Core.sch has
 * no licence and is not stored anywhere here: RNG only. Our own v3 dialect (categories beyond
 * TBX-Basic) is checked against the core structure schema, which takes any DCA category.
 */
const DIALECT_SCHEMAS: Record<string, { rng?: string; dtd?: string; xcs?: string; sch?: string; schVersion?: '1.0' | '2.0' }> = {
  'tbx TBX-Basic': { rng: 'TBXcoreStructV03_TBX-Basic_integrated.rng', sch: 'TBX-Basic_DCA.sch', schVersion: '2.0' },
  'tbx TBX-Core': { rng: 'TBXcoreStructV03_TBX-Core_integrated.rng' },
  'tbx TBX-termbridge': { rng: 'TBXcoreStructV03.rng' },
  'tbx2008 TBX-Basic': { rng: 'TBXBasicRNGV02.rng', sch: 'TBXBasicRNGV02.rng', schVersion: '1.0' },
  'tbx2008 TBX-Default': { rng: 'TBX_RNGV02.rng', sch: 'TBX_RNGV02.rng', schVersion: '1.0' },
  // Our own 2008 dialect: the core structure DTD, and its inline XCS declares every category.
  'tbx2008 TBX-termbridge': { dtd: 'TBXcoreStructV02.dtd', xcs: 'tbxxcsdtd.dtd' },
};

/** An exported file, placed by `placeExport` in the directory of the dialect it declares. */
export interface PlacedExport {
  path: string;
  format: 'tbx' | 'tbx2008';
  dialect: string;
}

/** Where an export goes so that validateExports finds it: one directory per declared dialect. */
export function placeExport(work: string, format: 'tbx' | 'tbx2008', dialect: string, name: string): string {
  const dir = join(work, `${format} ${dialect}`);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/**
 * Validate exports against the schemas of the dialect each declares: one jing run and one
 * Saxon run per dialect, over all its files. Returns path → errors (none = valid); an export
 * declaring a dialect without schemas here is an error too.
 */
export function validateExports(schemas: string, work: string, files: readonly PlacedExport[]): Map<string, string[]> {
  const result = new Map<string, string[]>(files.map((f) => [f.path, []]));
  const byKey = new Map<string, PlacedExport[]>();
  for (const f of files) byKey.set(`${f.format} ${f.dialect}`, [...(byKey.get(`${f.format} ${f.dialect}`) ?? []), f]);
  for (const [key, group] of byKey) {
    const check = DIALECT_SCHEMAS[key];
    if (!check) {
      for (const f of group) result.get(f.path)!.push(`declares ${key}, which has no schema here`);
      continue;
    }
    if (check.rng) {
      for (const [path, errors] of jing(
        join(schemas, check.rng),
        group.map((f) => f.path),
      )) {
        result.get(path)!.push(...errors.map((x) => `RNG ${check.rng}: ${x}`));
      }
    }
    if (check.dtd) {
      for (const [path, errors] of dtdValidate(
        join(schemas, check.dtd),
        group.map((f) => f.path),
      )) {
        result.get(path)!.push(...errors.map((x) => `DTD ${check.dtd}: ${x}`));
      }
    }
    if (check.xcs) {
      for (const f of group) result.get(f.path)!.push(...checkInlineXcs(f.path, join(schemas, check.xcs), join(work, 'xcs')));
    }
    if (!check.sch) continue;
    const dir = dirname(group[0]!.path);
    for (const [name, errors] of schematron(join(schemas, check.sch), dir, join(work, `sch-${key}`), check.schVersion!)) {
      const path = join(dir, name);
      result.get(path)?.push(...errors.map((x) => `SCH ${check.sch}: ${x}`));
    }
  }
  return result;
}

const LEVEL: Record<string, string> = {
  termEntry: 'concept',
  conceptEntry: 'concept',
  langSet: 'lang',
  langSec: 'lang',
  langGroup: 'lang',
  tig: 'term',
  ntig: 'term',
  termSec: 'term',
};
/** inline markup of TBX text (hi, foreign, placeholders): text of the element it is in */
const INLINE = new Set(['hi', 'foreign', 'ph', 'bpt', 'ept', 'sc', 'ec']);
const DCA = new Set(['descrip', 'admin', 'termNote', 'ref', 'xref', 'transacNote', 'descripNote', 'adminNote', 'note']);
/** what a status value means, so that "preferred" (TBX-Min) and "preferredTerm-admn-sts" count as one */
const statusKey = (v: string) => {
  const k = v
    .trim()
    .toLowerCase()
    .replace(/-admn-sts$/, '')
    .replace(/\s+/g, '');
  return (
    {
      preferred: 'preferredterm',
      admitted: 'admittedterm',
      notrecommended: 'deprecatedterm',
      obsolete: 'deprecatedterm',
      deprecated: 'deprecatedterm',
    }[k] ?? k
  );
};

/**
 * Count the data categories of a TBX file by where they are: `term|en|termNote:partOfSpeech`,
 * `lang|es|descrip:definition`, `group:descripGrp/admin:source`, `transactions`, `notes`,
 * `term ids`, `status:supersededterm`. Empty elements carry nothing and are not counted.
 * DCT elements (TBX-Min, <min:…>) are counted under their DCA name, so files of different
 * styles can be compared. A term-component list counts once, as <termCompList> or in the
 * form our own dialect writes where the format has none (a termNote of type termCompList); a
 * note with its author counts as a note, as <note from> or as TBX-Default's annotatedNote group.
 */
export function countCategories(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const parser = new SaxesParser({ xmlns: true });
  type Frame = { name: string; type: string; text: string; children: number; ns: string; components?: boolean; authoredNote?: boolean };
  const stack: Frame[] = [];
  let level = 'file';
  let lang = '';
  const levels: string[] = [];
  let rootLang = '';
  let minRoot = false;
  let inComponents = 0;
  let termId: { id: boolean; text: boolean } | null = null;
  const isInline = (name: string) => INLINE.has(name) || (minRoot && (name === 'noteKey' || name === 'noteValue'));
  parser.on('opentag', (tag) => {
    const name = tag.local;
    if (stack.length === 0) {
      minRoot = name === 'TBX';
      rootLang = tag.attributes['xml:lang']?.value ?? '';
    }
    if (name === 'languages' && !rootLang) rootLang = tag.attributes.source?.value ?? '';
    // Inline markup is part of its element's text, not a child category.
    if (stack.length && !isInline(name)) stack[stack.length - 1]!.children++;
    stack.push({ name, type: tag.attributes.type?.value ?? '', text: '', children: 0, ns: tag.uri });
    if (LEVEL[name]) {
      levels.push(level);
      level = LEVEL[name]!;
      if (level === 'lang') {
        const raw = tag.attributes['xml:lang']?.value ?? rootLang;
        try {
          lang = normaliseLangTag(raw);
        } catch {
          lang = raw;
        }
      }
      // An id counts when its term has text: an empty <term> is no term (fromSDL has 44), and is not imported.
      if (level === 'term') termId = { id: Boolean(tag.attributes.id?.value), text: false };
    }
    // A term id may sit on the <term> itself (Weblate, Maryland); it is the term's id all the same.
    if (name === 'term' && termId && tag.attributes.id?.value) termId.id = true;
    if (name === 'transacGrp') add('transactions');
    if (name === 'termCompList') add(`${level}|termCompList`);
    if (name === 'termCompList') inComponents++;
    // The same list where the format has no <termCompList> (components.ts): counted as one too.
    const frame = stack[stack.length - 1]!;
    // A note with its author, as TBX-Default writes one (note-source.ts): counted as the note it is.
    const holder = stack[stack.length - 2];
    if (name === 'admin' && frame.type === 'annotatedNote' && holder?.name === 'adminGrp' && holder.children === 1)
      holder.authoredNote = true;
    if (name === 'termNote' && frame.type === 'termCompList') {
      add(`${level}|termCompList`);
      const parent = stack[stack.length - 2];
      const holder = parent?.name === 'termNoteGrp' && parent.children === 1 ? parent : frame;
      holder.components = true;
      inComponents++;
    }
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    const f = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (isInline(f.name)) {
      // TBX-Min 2014 notes are a key and a value: one note, as the importer makes of them.
      if (parent) parent.text += f.name === 'noteKey' ? `${f.text}: ` : f.text;
      return;
    }
    if (f.name === 'term' && termId && f.text.trim()) termId.text = true;
    if (LEVEL[f.name] === 'term' && termId) {
      if (termId.id && termId.text) add('term ids');
      termId = null;
    }
    if (LEVEL[f.name]) level = levels.pop() ?? 'file';
    if (f.name === 'termCompList' || f.components) inComponents--;
    if (f.components) return;
    // A term's components are counted as one termCompList, not by their parts.
    if (inComponents > 0) return;
    const text = f.text.trim();
    if (!text || f.children > 0 || level === 'file') return;
    // noteGrp is TBX-Min 2014's list of notes, not a TBX group.
    const inGroup = (g: Frame | undefined) =>
      g && /Grp$/.test(g.name) && g.name !== 'termGrp' && g.name !== 'termCompGrp' && g.name !== 'noteGrp';
    let key: string | null = null;
    if (DCA.has(f.name) && (f.ns === '' || f.ns === 'urn:iso:std:iso:30042:ed-2')) key = f.name === 'note' ? 'note' : `${f.name}:${f.type}`;
    else if (DCT_CLASS[f.name] && (f.ns !== '' && f.ns !== 'urn:iso:std:iso:30042:ed-2' ? true : minRoot)) {
      const type = f.name === 'termStatus' ? 'administrativeStatus' : f.name === 'customer' ? 'customerSubset' : f.name;
      key = `${DCT_CLASS[f.name]}:${type}`;
    }
    if (!key) return;
    let group = parent;
    if (parent?.authoredNote) {
      // its noteSource is the note's author, not a category of its own
      if (key !== 'admin:annotatedNote') return;
      key = 'note';
      group = stack[stack.length - 2];
    }
    if (key === 'note') add('notes');
    if (key === 'termNote:administrativeStatus') add(`status:${statusKey(text)}`);
    // Inside a transaction, the parts are counted with it; elsewhere by level and language.
    if (parent?.name === 'transacGrp') return;
    const where = level === 'concept' ? 'concept' : `${level}|${lang}`;
    add(inGroup(group) ? `${where}|group:${group!.name}/${key}` : `${where}|${key}`);
  });
  parser.write(xml.replace(/^\ufeff/, '')).close();
  return counts;
}
