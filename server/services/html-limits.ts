import { TermbridgeError } from '../../glossary/errors.ts';

/**
 * How deeply a posted HTML (or Markdown) document may nest. parse5's tree building slows down
 * with depth (100,000 nested <div>s, 500 KB, took 10 s; 7.5 MB took 1.95 GB), far out of
 * proportion to the input. Real documents nest a few dozen levels; browsers stop building a
 * deeper tree at 512. So the depth is measured first, in one linear pass, and a deeper
 * document is refused (413) before it is parsed.
 */
const MAX_HTML_DEPTH = 512;

/** Elements that never have an end tag, or whose end tag is usually left out: they do not nest. */
const FLAT = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th option optgroup rb rt rp colgroup thead tbody tfoot'.split(
    ' ',
  ),
);

/** An upper bound of the element nesting depth: start tags minus end tags, self-closing and flat elements aside. */
function htmlNestingDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,40})\b[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (FLAT.has(name)) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3]) {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) return max;
    }
  }
  return max;
}

/** Markdown nests through block quotes (`> > >`) and indented lists; inline HTML counts too. */
function markdownNestingDepth(md: string, stopAt = Number.POSITIVE_INFINITY): number {
  let max = 0;
  for (const m of md.matchAll(/^[ \t]*((?:>[ \t]*)+)/gm)) {
    const quotes = (m[1]!.match(/>/g) ?? []).length;
    if (quotes > max) max = quotes;
    if (max > stopAt) return max;
  }
  return Math.max(max, htmlNestingDepth(md, stopAt));
}

export function checkNesting(text: string, format: 'html' | 'md' | 'text'): void {
  if (format === 'text') return;
  const depth = format === 'html' ? htmlNestingDepth(text, MAX_HTML_DEPTH) : markdownNestingDepth(text, MAX_HTML_DEPTH);
  if (depth > MAX_HTML_DEPTH) {
    throw new TermbridgeError(
      'too-deeply-nested',
      `The document nests more than ${MAX_HTML_DEPTH} levels deep; no real document does. Send it as plain text, or flatten it.`,
    );
  }
}
