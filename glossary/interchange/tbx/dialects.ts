import type { ExtraField } from '../../concept/types.ts';
import { TBX_BASIC, TBX_DEFAULT } from './datcats.ts';

/**
 * Which TBX dialect an export can truthfully declare. An export names one dialect on its root
 * (`type="TBX-Basic"`…), and a reader that trusts it validates against that dialect's schemas,
 * so the writer first checks every data category it is about to write against the dialect's
 * rules — element, type, picklist value and level — and picks the narrowest dialect that holds
 * them all: TBX-Basic when the data fits it, else TBX-Core (v3, any DCA category) or TBX-Default
 * (2008, the categories of TBXXCSV02.xcs). What fits none of them is dropped and reported.
 *
 * The rules are those of the official schemas: TBX-Basic_DCA.sch and the TBX-Basic integrated
 * RNG (v3), TBXBasicRNGV02.rng with its embedded Schematron (2008), TBX_RNGV02.rng (2008
 * Default). test/unit/interchange-corpus-export.test.ts validates real exports against them.
 */

export type Level = 'concept' | 'lang' | 'term';
export type TbxFlavour = 'tbx' | 'tbx2008';
export type DialectName = 'TBX-Core' | 'TBX-Basic' | 'TBX-Default' | typeof CUSTOM_DIALECT;
/**
 * TBX v3 has no public dialect for the categories beyond TBX-Basic (TBX-Core has none at all):
 * such an export declares its own dialect, lists its categories in the header, and is valid
 * against the core structure schema (TBXcoreStructV03.rng), which takes any DCA category.
 * A TBX 2008 export beyond TBX-Default declares it too, with an XCS of its categories.
 */
export const CUSTOM_DIALECT = 'TBX-termbridge';

interface Rule {
  levels?: readonly Level[];
  values?: readonly string[] | null;
  /** may not be the head of a group (TBX-Basic 2008: a subject field sits right in the termEntry) */
  ungrouped?: boolean;
}

interface Dialect {
  name: DialectName;
  /** element → type → rule; an element missing here is not allowed, a type missing is not allowed */
  rules: Record<string, Record<string, Rule> | 'any'>;
  /** groups the dialect has (head element → group element) */
  groups: ReadonlySet<string>;
  /** members allowed after a group's head, per group */
  members: Record<string, ReadonlySet<string>>;
}

const ALL: readonly Level[] = ['concept', 'lang', 'term'];
const CONCEPT_TERM: readonly Level[] = ['concept', 'term'];
const TERM: readonly Level[] = ['term'];

const V3_MEMBERS: Record<string, ReadonlySet<string>> = {
  descripGrp: new Set(['descripNote', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref']),
  adminGrp: new Set(['adminNote', 'note', 'ref', 'xref']),
  termNoteGrp: new Set(['note', 'admin', 'adminGrp', 'transacGrp', 'ref', 'xref']),
  transacGrp: new Set(['transacNote', 'date', 'note', 'ref', 'xref']),
};

const picklist = (table: typeof TBX_BASIC, element: string, type: string) => table[element]?.[type] ?? null;

const V3_BASIC: Dialect = {
  name: 'TBX-Basic',
  rules: {
    admin: { customerSubset: { levels: CONCEPT_TERM }, projectSubset: { levels: CONCEPT_TERM }, source: { levels: ALL } },
    descrip: { subjectField: { levels: ['concept'] }, context: { levels: TERM }, definition: { levels: ['concept', 'lang'] } },
    ref: { crossReference: { levels: CONCEPT_TERM } },
    termNote: {
      administrativeStatus: {
        levels: TERM,
        values: ['admittedTerm-admn-sts', 'deprecatedTerm-admn-sts', 'supersededTerm-admn-sts', 'preferredTerm-admn-sts'],
      },
      // TBX-Basic v3 dropped properNoun from the 2008 list (TBX-Basic_DCA.sch).
      partOfSpeech: { levels: TERM, values: ['adjective', 'noun', 'other', 'verb', 'adverb'] },
      geographicalUsage: { levels: TERM },
      grammaticalGender: { levels: TERM, values: picklist(TBX_BASIC, 'termNote', 'grammaticalGender') },
      termLocation: { levels: TERM },
      termType: { levels: TERM, values: picklist(TBX_BASIC, 'termNote', 'termType') },
    },
    transac: { transactionType: { levels: ALL, values: ['origination', 'modification'] } },
    transacNote: { responsibility: { levels: ALL } },
    xref: { externalCrossReference: { levels: ALL }, xGraphic: { levels: ['concept', 'lang'] } },
    note: { '': { levels: ALL } },
    date: { '': { levels: ALL } },
  },
  groups: new Set(['descripGrp', 'adminGrp', 'transacGrp', 'termNoteGrp']),
  members: V3_MEMBERS,
};

/** TBX-Core: the core structure and no data category at all (its integrated RNG allows no type). */
const V3_CORE: Dialect = { name: 'TBX-Core', rules: {}, groups: new Set(), members: {} };

const V3_CUSTOM: Dialect = {
  name: CUSTOM_DIALECT,
  rules: Object.fromEntries(
    ['descrip', 'admin', 'termNote', 'ref', 'xref', 'transac', 'transacNote', 'descripNote', 'adminNote'].map((e) => [e, 'any']),
  ),
  groups: V3_BASIC.groups,
  members: V3_MEMBERS,
};
V3_CUSTOM.rules.note = { '': { levels: ALL } };
V3_CUSTOM.rules.date = { '': { levels: ALL } };

const V2_BASIC: Dialect = {
  name: 'TBX-Basic',
  rules: {
    admin: { customerSubset: { levels: TERM }, projectSubset: { levels: TERM }, source: { levels: ALL } },
    descrip: {
      subjectField: { levels: ['concept'], ungrouped: true },
      context: { levels: TERM },
      definition: { levels: ['concept', 'lang'] },
    },
    ref: { crossReference: { levels: CONCEPT_TERM } },
    termNote: Object.fromEntries(Object.entries(TBX_BASIC.termNote!).map(([t, values]) => [t, { levels: TERM, values }])),
    transac: { transactionType: { levels: ALL, values: ['origination', 'modification'] } },
    transacNote: { responsibility: { levels: ALL } },
    xref: { externalCrossReference: { levels: CONCEPT_TERM }, xGraphic: { levels: ['concept'] } },
    note: { '': { levels: ALL } },
    date: { '': { levels: ALL } },
  },
  groups: new Set(['descripGrp', 'transacGrp']),
  members: {
    descripGrp: new Set(['admin', 'note', 'ref', 'xref']),
    transacGrp: new Set(['transacNote', 'date']),
  },
};

const fromTable = (element: string, levels: readonly Level[]): Record<string, Rule> =>
  Object.fromEntries(Object.entries(TBX_DEFAULT[element] ?? {}).map(([t, values]) => [t, { levels, values }]));

const V2_DEFAULT: Dialect = {
  name: 'TBX-Default',
  rules: {
    admin: fromTable('admin', ALL),
    descrip: fromTable('descrip', ALL),
    descripNote: fromTable('descripNote', ALL),
    adminNote: fromTable('adminNote', ALL),
    ref: fromTable('ref', ALL),
    xref: fromTable('xref', ALL),
    termNote: fromTable('termNote', TERM),
    transac: fromTable('transac', ALL),
    transacNote: fromTable('transacNote', ALL),
    note: { '': { levels: ALL } },
    date: { '': { levels: ALL } },
  },
  groups: new Set(['descripGrp', 'adminGrp', 'transacGrp', 'termNoteGrp', 'termCompList']),
  members: {
    descripGrp: new Set(['descripNote', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref']),
    adminGrp: new Set(['adminNote', 'note', 'ref', 'xref']),
    termNoteGrp: new Set(['note', 'admin', 'adminGrp', 'transacGrp', 'ref', 'xref']),
    transacGrp: new Set(['transacNote', 'date', 'note', 'ref', 'xref']),
  },
};

/**
 * TBX 2008 beyond TBX-Default (categories a file brought that TBXXCSV02.xcs does not have, values
 * outside its picklists, an empty term-component list): our own dialect again, its XCS carried
 * in the header (<p type="XCSContent">), valid against the core structure DTD
 * (TBXcoreStructV02.dtd), which takes any type the XCS declares.
 */
const V2_CUSTOM: Dialect = {
  name: CUSTOM_DIALECT,
  rules: { ...V3_CUSTOM.rules },
  groups: new Set([...V2_DEFAULT.groups]),
  members: V2_DEFAULT.members,
};

/** Candidates per flavour, narrowest first; the last one is used (with drops) when none holds everything. */
export const DIALECTS: Record<TbxFlavour, readonly Dialect[]> = {
  tbx: [V3_CORE, V3_BASIC, V3_CUSTOM],
  tbx2008: [V2_BASIC, V2_DEFAULT, V2_CUSTOM],
};

export function dialectByName(flavour: TbxFlavour, name: DialectName): Dialect {
  const d = DIALECTS[flavour].find((x) => x.name === name);
  if (!d) throw new Error(`no ${name} for ${flavour}`);
  return d;
}

/** TBX dates are xsd:date; tools write ISO basic or date-times, which keep their day. */
export function tbxDate(value: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** How many data categories a field holds (a group counts its members), for drop reports. */
export function leafCount(f: ExtraField): number {
  return f.children ? f.children.reduce((n, c) => n + leafCount(c), 0) : 1;
}

/** what a <termCompList> and a <termCompGrp> may hold besides components (TBXcoreStructV02.dtd) */
const COMPONENT_AUX = new Set(['descrip', 'descripGrp', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref']);
const COMPONENT_GROUP_MEMBERS = new Set(['termNote', 'termNoteGrp', 'admin', 'adminGrp', 'transacGrp', 'note', 'ref', 'xref']);

/** Why a field does not fit the dialect at this level, or null when it fits. */
export function misfit(d: Dialect, level: Level, f: ExtraField): string | null {
  // Structure, in every dialect: term notes belong to a term.
  if ((f.element === 'termNote' || f.element === 'termNoteGrp' || f.element === 'termCompList') && level !== 'term') {
    return `<${f.element}> at ${level} level`;
  }
  if (f.element === 'termCompList') {
    if (!d.groups.has(f.element)) return '<termCompList>';
    if (!f.children?.length) return '<termCompList> without components';
    // Its members are components, component groups (a component, then its term notes and links)
    // or auxiliary data; every one follows the dialect's rules, so nothing else is ever written.
    for (const c of f.children) {
      if (c.element === 'termComp') {
        if (c.children) return '<termComp> with members';
        continue;
      }
      if (c.element !== 'termCompGrp') {
        const why = COMPONENT_AUX.has(c.element) ? misfit(d, 'term', c) : `<${c.element}> in <termCompList>`;
        if (why) return why;
        continue;
      }
      const [comp, ...rest] = c.children ?? [];
      if (comp?.element !== 'termComp' || comp.children) return '<termCompGrp> without its <termComp>';
      for (const m of rest) {
        const why = COMPONENT_GROUP_MEMBERS.has(m.element) ? misfit(d, 'term', m) : `<${m.element}> in <termCompGrp>`;
        if (why) return why;
      }
    }
    return null;
  }
  if (f.children) {
    if (!d.groups.has(f.element)) return `<${f.element}>`;
    const [head, ...rest] = f.children;
    const want = f.element.slice(0, -3);
    if (!head || head.element !== want) return `<${f.element}> without its <${want}>`;
    const headRule = d.rules[head.element];
    if (headRule && headRule !== 'any' && headRule[head.type]?.ungrouped) return `${head.element} type="${head.type}" in <${f.element}>`;
    return (
      misfit(d, level, head) ??
      rest.map((m) => (d.members[f.element]?.has(m.element) ? misfit(d, level, m) : `<${m.element}> in <${f.element}>`)).find(Boolean) ??
      null
    );
  }
  if (f.element === 'date') return tbxDate(f.value) ? null : `date "${f.value}"`;
  const byType = d.rules[f.element];
  const label = `${f.element}${f.type ? ` type="${f.type}"` : ''}`;
  if (!byType) return `<${f.element}>`;
  if (byType === 'any') return f.type ? null : `${label} without a type`;
  const rule = byType[f.type];
  if (!rule) return label;
  if (rule.levels && !rule.levels.includes(level)) return `${label} at ${level} level`;
  if (rule.values && !rule.values.includes(f.value)) return `${label} "${f.value}"`;
  return null;
}
