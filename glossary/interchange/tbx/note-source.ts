import type { ExtraField } from '../../concept/types.ts';

/**
 * A note with its author (`<note from="developer">`, as Weblate writes it). Neither TBX core
 * structure lets a <note> carry more than an id and a language, so the writer puts such a note
 * the way TBX-Default records a note with its source, valid in every dialect that has these
 * categories (TBX-Default, our own; not TBX-Basic):
 *
 *   <note from="developer">Do not translate.</note>
 *     ⇄ <adminGrp><admin type="annotatedNote">Do not translate.</admin><adminNote type="noteSource">developer</adminNote></adminGrp>
 *
 * and the reader turns that group back into the note. The two forms say the same thing, so a
 * file that wrote the group itself is kept just as well: it goes back out as the same group.
 */

export const ANNOTATED_NOTE = 'annotatedNote';
const NOTE_SOURCE = 'noteSource';

/** The group for a note with an author; null for any other field. */
export function encodeNoteSource(f: ExtraField): ExtraField | null {
  const from = f.attrs?.from;
  if (f.element !== 'note' || !from || f.children) return null;
  const { from: _from, ...rest } = f.attrs!;
  const head: ExtraField = { element: 'admin', type: ANNOTATED_NOTE, value: f.value };
  if (Object.keys(rest).length) head.attrs = rest;
  return {
    element: 'adminGrp',
    type: '',
    value: '',
    ...(f.lang ? { lang: f.lang } : {}),
    children: [head, { element: 'adminNote', type: NOTE_SOURCE, value: from }],
  };
}

/** The note a group stands for, or null when it is not one. */
export function decodeNoteSource(f: ExtraField): ExtraField | null {
  const [head, source, ...more] = f.children ?? [];
  if (f.element !== 'adminGrp' || more.length || head?.element !== 'admin' || head.type !== ANNOTATED_NOTE) return null;
  if (source?.element !== 'adminNote' || source.type !== NOTE_SOURCE || !source.value || source.children) return null;
  return {
    element: 'note',
    type: '',
    value: head.value,
    ...(f.lang ? { lang: f.lang } : {}),
    attrs: { ...(head.attrs ?? {}), from: source.value },
  };
}
