import type { ExtraField } from '../../concept/types.ts';
import { escapeXml } from '../../text/escape.ts';
import type { Level } from './dialects.ts';

/**
 * The XCS (eXtensible Constraint Specification, TBX 2008) of a TBX 2008 export in our own
 * dialect: the data categories it uses, each declared once with the levels it is found at,
 * and its languages. It goes inline in the header (<p type="XCSContent">), so a reader needs no
 * file from elsewhere; it is valid against tbxxcsdtd.dtd. Values are declared as plain text:
 * the export writes back what the imported files held, picklist or not.
 */

/** element → type → levels where it occurs */
export type Categories = Map<string, Map<string, Set<Level>>>;

/** elements that are data categories with a type, as the XCS names them (`<descripSpec>`…) */
const SPEC_ELEMENTS = new Set([
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

/** Add the categories of fields at one level (groups and their members included). */
export function collectCategories(fields: readonly ExtraField[], level: Level, into: Categories): void {
  for (const f of fields) {
    if (SPEC_ELEMENTS.has(f.element) && f.type) {
      const byType = into.get(f.element) ?? new Map<string, Set<Level>>();
      into.set(f.element, byType);
      const levels = byType.get(f.type) ?? new Set<Level>();
      byType.set(f.type, levels);
      levels.add(level);
    }
    if (f.children && f.element !== 'termCompList') collectCategories(f.children, level, into);
    // A component list's term notes are about its components: declared for terms, as the TBX XCS does.
    if (f.children && f.element === 'termCompList')
      collectCategories(
        f.children.flatMap((c) => c.children ?? []),
        'term',
        into,
      );
  }
}

const LEVEL_NAMES: Record<Level, string> = { concept: 'termEntry', lang: 'langSet', term: 'term' };

/** The XCS document, as text (it is escaped once more where it goes into the header). */
export function xcsDocument(categories: Categories, langs: readonly string[]): string {
  const specs: string[] = [];
  for (const element of [...categories.keys()].sort()) {
    for (const [type, levels] of [...categories.get(element)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // Only descripSpec names its levels (tbxxcsdtd.dtd); the others are fixed by their element.
      const lv = element === 'descrip' ? `<levels>${[...levels].map((l) => LEVEL_NAMES[l]).join(' ')}</levels>` : '';
      specs.push(`<${element}Spec name="${escapeXml(type)}" datcatId=""><contents datatype="plainText"/>${lv}</${element}Spec>`);
    }
  }
  const languages = (langs.length ? langs : ['en'])
    .map((l) => `<langInfo><langCode>${escapeXml(l)}</langCode><langName>${escapeXml(l)}</langName></langInfo>`)
    .join('');
  return (
    '<TBXXCS name="TBX-termbridge" version="1" lang="en">' +
    '<header><title>Data categories of this termbridge export</title></header>' +
    `<languages>${languages}</languages>` +
    // The DTD wants one spec at least; a file with none still declares the definition.
    `<datCatSet>${specs.length ? specs.join('') : '<descripSpec name="definition" datcatId=""><contents datatype="plainText"/><levels>termEntry langSet term</levels></descripSpec>'}</datCatSet>` +
    '</TBXXCS>'
  );
}
