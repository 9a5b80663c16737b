import { lineGroups, lineJoin } from '../align/sentences.ts';

/**
 * Reflowing a plain-text document for display (issue 17). PDF extraction leaves a line break
 * (often a blank line too) where the page line ended, so shown as it is the document is
 * double-spaced with gaps and sentences broken mid-word. For display, the white space between
 * two lines becomes what it means: nothing or a space inside a paragraph (the join rule of
 * sentence splitting), a line break between lines that stand alone, an empty line between
 * paragraphs. Only the display changes: matches and every offset still point into the text as
 * given. Linear in the document.
 */

export interface DisplayBreak {
  /** the white space between two lines: [start, end) in the source */
  start: number;
  end: number;
  /** what is shown instead */
  text: '' | ' ' | '\n' | '\n\n';
}

/** The breaks of `source.slice(from)` (offsets into `source`), in order. */
export function displayBreaks(source: string, from = 0): DisplayBreak[] {
  const body = from ? source.slice(from) : source;
  const out: DisplayBreak[] = [];
  let previous: { end: number; text: string } | null = null;
  for (const group of lineGroups(body)) {
    group.lines.forEach((line, i) => {
      const lead = line.text.length - line.text.trimStart().length;
      const content = line.text.trim();
      const start = from + line.start + lead;
      if (previous) {
        const text = i > 0 ? lineJoin(previous.text, content[0]!) : group.afterBlank ? '\n\n' : '\n';
        out.push({ start: previous.end, end: start, text });
      }
      previous = { end: start + content.length, text: content.slice(-2) };
    });
  }
  return out;
}
