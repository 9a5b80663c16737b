import type { ExtraField } from '../../concept/types.ts';

/**
 * Term components (<termCompList>, e.g. the lemma of each word of a term) where the format has
 * no place for them. TBX 2008 has <termCompList> in <termGrp>, but not an empty one; TBX v3 has
 * none at all (the core structure dropped it, and a DCT extension element holds text only). So
 * our own dialect (TBX-termbridge) writes a list as ordinary data categories, declared in its
 * header, which the reader turns back into the same <termCompList> tree:
 *
 *   <termNoteGrp>                                      <termCompList type="lemma">
 *     <termNote type="termCompList">lemma</termNote>     <termComp>vostr</termComp>
 *     <admin type="termComp">vostr</admin>         ⇄     <termCompGrp>
 *     <adminGrp>                                           <termComp>World</termComp>
 *       <admin type="termComp">World</admin>               <termNote type="partOfSpeech">noun</termNote>
 *       <adminNote type="partOfSpeech">noun</adminNote>  </termCompGrp>
 *     </adminGrp>                                      </termCompList>
 *   </termNoteGrp>
 *
 * An empty list is the bare <termNote type="termCompList">. What a component group holds beyond
 * term notes, notes and links, and the list's own auxiliary data, has no place in this form:
 * such a list is left as it is, and the dialect check reports it as dropped.
 */

const COMPONENTS_TYPE = 'termCompList';
const COMPONENT_TYPE = 'termComp';
/** what a component group may hold besides its component, in the encoded form's adminGrp */
const GROUP_MEMBERS = new Set(['termNote', 'note', 'ref', 'xref']);

/** A <termCompList> as data categories a termSec holds; null when some of it has no place there. */
export function encodeComponents(list: ExtraField): ExtraField | null {
  if (list.element !== 'termCompList' || !list.type) return null;
  const members: ExtraField[] = [];
  for (const c of list.children ?? []) {
    if (c.element === 'termComp') members.push({ element: 'admin', type: COMPONENT_TYPE, value: c.value });
    else if (c.element === 'termCompGrp') {
      const [comp, ...rest] = c.children ?? [];
      if (comp?.element !== 'termComp' || rest.some((m) => !GROUP_MEMBERS.has(m.element) || m.children)) return null;
      members.push({
        element: 'adminGrp',
        type: '',
        value: '',
        children: [
          { element: 'admin', type: COMPONENT_TYPE, value: comp.value },
          ...rest.map((m) => (m.element === 'termNote' ? { ...m, element: 'adminNote' } : m)),
        ],
      });
    } else return null;
  }
  const h: ExtraField = { element: 'termNote', type: COMPONENTS_TYPE, value: list.type };
  return members.length ? { element: 'termNoteGrp', type: '', value: '', children: [h, ...members] } : h;
}

/** The <termCompList> an encoded field stands for, or null when it is not one. */
export function decodeComponents(f: ExtraField): ExtraField | null {
  const [h, ...members] = f.element === 'termNoteGrp' ? (f.children ?? []) : [f];
  if (h?.element !== 'termNote' || h.type !== COMPONENTS_TYPE || h.children || !h.value) return null;
  const children: ExtraField[] = [];
  for (const m of members) {
    if (m.element === 'admin' && m.type === COMPONENT_TYPE) children.push({ element: 'termComp', type: '', value: m.value });
    else if (m.element === 'adminGrp' && m.children?.[0]?.element === 'admin' && m.children[0].type === COMPONENT_TYPE) {
      const [comp, ...rest] = m.children;
      children.push({
        element: 'termCompGrp',
        type: '',
        value: '',
        children: [
          { element: 'termComp', type: '', value: comp!.value },
          ...rest.map((x) => (x.element === 'adminNote' ? { ...x, element: 'termNote' } : x)),
        ],
      });
    } else return null;
  }
  return { element: 'termCompList', type: h.value, value: '', children };
}
