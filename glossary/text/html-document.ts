import { type DefaultTreeAdapterMap, parse, parseFragment } from 'parse5';
import { escapeHtmlAttribute, escapeHtmlText } from './escape.ts';

/**
 * HTML documents for review: parsed with a real HTML parser (parse5, as browsers parse), so
 * that only text the reader sees is matched, and written back through an allowlist so that
 * nothing in the document can run in our page: no script/style/iframe/object/embed/form
 * controls, no event-handler or style attributes, no javascript:/data: URLs, no images
 * (they would load from elsewhere and track the reviewer: shown as a placeholder instead).
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
export type TextNode = DefaultTreeAdapterMap['textNode'];
export type HtmlDocument = DefaultTreeAdapterMap['document'];

export interface TextRun {
  node: TextNode;
  /** the text as the reader sees it (entities decoded) */
  text: string;
  /** map [start, end) in `text` to UTF-16 offsets in the source markup */
  map(start: number, end: number): [number, number];
}

/** Elements dropped together with everything inside them. */
const DROP = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'noscript',
  'template',
  'link',
  'meta',
  'base',
  'title',
  'head',
  'svg',
  'math',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'optgroup',
  'datalist',
  'canvas',
  'audio',
  'video',
  'source',
  'track',
  'param',
  'dialog',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'portal',
  'picture',
  'map',
  'area',
  'slot',
]);

/** Elements kept (with only the attributes below); any other element is replaced by its content. */
const KEEP = new Set([
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
]);
const VOID = new Set(['br', 'hr', 'col', 'wbr']);
/** Deeper nesting of kept elements is unwrapped (browsers slow down; no document needs it). */
const MAX_DEPTH = 200;

const GLOBAL_ATTRS = new Set(['title', 'lang', 'dir']);
const TAG_ATTRS: Record<string, Set<string>> = {
  a: new Set(['href']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
  ol: new Set(['start', 'reversed']),
  time: new Set(['datetime']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
};

/** Text inside these is not prose a reader sees in the body. */
const NO_TEXT = DROP;

/**
 * A link target we let through: http(s), mailto, or relative. The scheme is judged on the
 * URL exactly as the browser will parse it (WHATWG URL: leading and trailing C0 controls and
 * spaces stripped, ASCII tab and newline removed anywhere), and that same string is what we
 * write back: a check on one string and output of another (String#trim also strips U+00A0,
 * U+3000, U+FEFF, U+2028…) is how "\u00a0javascript:" got through.
 */
export function safeUrl(raw: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL parser strips C0 controls, so must we
  const url = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  // Also judged with every space, control and invisible character removed: whatever trims
  // more than the URL parser later (a copy into a text field, another renderer) still finds
  // no script URL.
  const loose = url.replace(/[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/gu, '');
  for (const form of [url, loose]) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(form);
    if (scheme && !ALLOWED_SCHEMES.has(scheme[1]!.toLowerCase())) return null;
  }
  // A leading backslash is a slash to the browser ("\\evil.example" leaves the site).
  return loose.startsWith('\\') ? null : url;
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

/**
 * Map a text node's decoded text back to the source. parse5 decodes character references and
 * turns CR LF into LF; we rebuild that piece by piece so every decoded unit knows its source
 * span. If the rebuild disagrees (a parser recovery we do not model), each match falls back
 * to the node's whole span.
 */
function sourceMap(node: TextNode, source: string): TextRun['map'] {
  const loc = node.sourceCodeLocation;
  const text = node.value;
  if (!loc) return () => [0, 0];
  const raw = source.slice(loc.startOffset, loc.endOffset);
  if (raw === text) return (s, e) => [loc.startOffset + s, loc.startOffset + e];
  const starts: number[] = [];
  const ends: number[] = [];
  let decoded = '';
  // Character references, CR LF, and markup the tree builder ignored inside a text run (a
  // stray `</a>`), which contributes nothing to the text.
  const re = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|\r\n?|<[^>]*>/g;
  let at = 0;
  const push = (piece: string, from: number, to: number, each: boolean) => {
    for (let k = 0; k < piece.length; k++) {
      starts.push(each ? from + k : from);
      ends.push(each ? from + k + 1 : to);
    }
    decoded += piece;
  };
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    push(raw.slice(at, m.index), loc.startOffset + at, 0, true);
    const piece = m[0].startsWith('\r') ? '\n' : m[0].startsWith('<') ? '' : decodeEntity(m[0]);
    push(piece, loc.startOffset + m.index, loc.startOffset + m.index + m[0].length, false);
    at = m.index + m[0].length;
  }
  push(raw.slice(at), loc.startOffset + at, 0, true);
  if (decoded !== text) {
    // Last resort: find the matched text itself in the raw markup, else report the node's span.
    return (s, e) => {
      const at = raw.indexOf(text.slice(s, e));
      return at >= 0 ? [loc.startOffset + at, loc.startOffset + at + e - s] : [loc.startOffset, loc.endOffset];
    };
  }
  return (s, e) => [starts[s]!, ends[e - 1]!];
}

function decodeEntity(entity: string): string {
  const frag = parseFragment(entity);
  const first = frag.childNodes[0];
  return first && 'value' in first ? first.value : entity;
}

export function htmlTextRuns(source: string): { tree: HtmlDocument; runs: TextRun[] } {
  const tree = parse(source, { sourceCodeLocationInfo: true });
  const runs: TextRun[] = [];
  // Iterative, in document order: hostile input nests elements tens of thousands deep.
  const stack: Node[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n) && NO_TEXT.has(n.tagName)) continue;
    if (n.nodeName === '#text') {
      const t = n as TextNode;
      runs.push({ node: t, text: t.value, map: sourceMap(t, source) });
      continue;
    }
    // <template> content lives apart from childNodes; DROP covers it.
    if ('childNodes' in n) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return { tree, runs };
}

export interface RenderMark<M> {
  start: number;
  end: number;
  match: M;
  index: number | null;
}

/**
 * Write the document back as an HTML fragment through the allowlist, with marks inside text
 * nodes. `markHtml` must escape what it writes (glossary/review/review.ts's does).
 */
export function renderSafeHtml<M>(
  tree: HtmlDocument,
  marksFor: (node: TextNode) => RenderMark<M>[],
  markHtml: (text: string, match: M, index: number | null) => string,
): string {
  let out = '';
  const text = (t: TextNode) => {
    const marks = marksFor(t);
    let at = 0;
    for (const m of marks) {
      out += escapeHtmlText(t.value.slice(at, m.start));
      out += markHtml(t.value.slice(m.start, m.end), m.match, m.index);
      at = m.end;
    }
    out += escapeHtmlText(t.value.slice(at));
  };
  // Iterative (hostile input nests tens of thousands deep); a string on the stack is a closing
  // tag to write. Kept elements deeper than MAX_DEPTH are unwrapped so the page stays renderable.
  const stack: (Node | string)[] = [tree];
  let depth = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      depth--;
      continue;
    }
    if (n.nodeName === '#text') {
      text(n as TextNode);
      continue;
    }
    if (n.nodeName === '#comment' || n.nodeName === '#documentType') continue;
    if (isElement(n)) {
      const tag = n.tagName;
      if (DROP.has(tag)) continue;
      if (tag === 'img') {
        const alt = n.attrs.find((a) => a.name === 'alt')?.value.trim();
        out += `<span class="tb-image">[image${alt ? `: ${escapeHtmlText(alt)}` : ''}]</span>`;
        continue;
      }
      if (KEEP.has(tag) && n.namespaceURI === 'http://www.w3.org/1999/xhtml' && depth < MAX_DEPTH) {
        out += `<${tag}${attributes(n)}>`;
        if (VOID.has(tag)) continue;
        depth++;
        stack.push(`</${tag}>`);
      }
    }
    if ('childNodes' in n) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return out;
}

function attributes(el: Element): string {
  const allowed = TAG_ATTRS[el.tagName];
  let out = '';
  for (const a of el.attrs) {
    if (a.namespace) continue;
    const name = a.name.toLowerCase();
    if (!GLOBAL_ATTRS.has(name) && !allowed?.has(name)) continue;
    let value = a.value;
    if (name === 'href') {
      const safe = safeUrl(value);
      if (safe === null) continue;
      value = safe;
    }
    out += ` ${name}="${escapeHtmlAttribute(value)}"`;
  }
  if (el.tagName === 'a') out += ' rel="noopener noreferrer nofollow"';
  return out;
}

/** Sanitise HTML without highlighting (for tests and for showing untrusted HTML elsewhere). */
export function sanitiseHtml(source: string): string {
  const { tree } = htmlTextRuns(source);
  return renderSafeHtml(
    tree,
    () => [],
    () => '',
  );
}
