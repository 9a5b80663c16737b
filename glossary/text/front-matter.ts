import { parseDocument } from 'yaml';

/**
 * YAML front matter: the `---` block a static-site or Markdown file starts with (title,
 * author, date, categories — seed 003). It is data about the document, not its text: review
 * shows it as metadata and does not highlight names in it (issue 17).
 *
 * Only a block that opens the document (after blank lines at most), closes with `---` or
 * `...` on a line of its own, and parses as a YAML mapping counts; anything else is left to
 * be text. The `yaml` package parses with its core schema (no custom tags, nothing runs), and
 * aliases are bounded so that an alias bomb is refused rather than expanded.
 */

export interface FrontMatterField {
  key: string;
  /** the value as one line: a list joined with ", ", anything nested as JSON */
  value: string;
}

export interface FrontMatter {
  fields: FrontMatterField[];
  /** UTF-16 offset where the document's body begins (after the closing line) */
  end: number;
}

/** Front matter longer than this is not front matter but a document that happens to start with ---. */
const MAX_FRONT_MATTER = 64 * 1024;

const OPENING = /^(?:[ \t]*\r?\n)*---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

export function frontMatter(source: string): FrontMatter | null {
  const open = OPENING.exec(source.slice(0, MAX_FRONT_MATTER));
  if (!open) return null;
  const rest = source.slice(open[0].length, open[0].length + MAX_FRONT_MATTER);
  const close = CLOSING.exec(rest);
  if (!close) return null;
  const yamlText = rest.slice(0, close.index);
  let data: unknown;
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length) return null;
    data = doc.toJS({ maxAliasCount: 50 });
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const fields = Object.entries(data as Record<string, unknown>).map(([key, value]) => ({ key, value: oneLine(value) }));
  return { fields, end: open[0].length + close.index + close[0].length };
}

function oneLine(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(oneLine).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
