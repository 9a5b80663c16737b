import { marked } from 'marked';
import { englishTerm, findInconsistency, formKey as fold, type Inconsistency, isApproved, isInconsistentUse } from '../concept/concept.ts';
import { type ChineseLocale, isChinese, primaryLanguage } from '../concept/lang.ts';
import { type RegionalForms, regionalForms } from '../concept/regional-forms.ts';
import { type Concept, conceptRef, type Status } from '../concept/types.ts';
import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { escapeHtmlAttribute, escapeHtmlText } from '../text/escape.ts';
import { htmlTextRuns, type RenderMark, renderSafeHtml, type TextRun } from '../text/html-document.ts';
import { type FrontMatterField, frontMatter } from '../text/front-matter.ts';
import { guessLocaleFromScript } from '../text/script.ts';
import { type DisplayBreak, displayBreaks } from './reflow.ts';

/**
 * Document review (PRODUCT.md "Matching semantics", issue #3): every glossary name in a
 * document, with the issues an editor must look at, and the document rendered with those
 * names marked. Pure: the caller brings the matcher and the concepts (server/ caches both
 * per glossary revision).
 */

export const DOCUMENT_FORMATS = ['text', 'html', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const ISSUE_TYPES = ['not-preferred-for-locale', 'deprecated', 'forbidden', 'inconsistent'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/**
 * What an issue sentence says, as values: pages word it in their own language from these
 * (server/i18n/review-wording.ts); `message` is the English sentence, for the API and the report.
 */
export interface IssueParams {
  /** the name as written in the document */
  written: string;
  /** the concept: its English name, else the glossary term */
  name: string;
  /** the form to use instead, when there is one */
  use?: string;
  /** not-preferred-for-locale: the target region, and whether `use` is an opencc conversion of zh-CN */
  locale?: ChineseLocale;
  derived?: boolean;
  /** inconsistent: every form of the concept seen in the document */
  forms?: string[];
}

export interface ReviewIssue {
  type: IssueType;
  params: IssueParams;
  message: string;
  /** the form to use instead, when there is one */
  suggestion?: string;
  /** for `inconsistent`: every form of the concept seen in the document */
  forms?: string[];
}

export interface ReviewMatch {
  /** UTF-16 offsets into the document as given (for HTML/Markdown: into the markup) */
  start: number;
  end: number;
  /** the text as written in the document */
  text: string;
  /** conceptRef: the TBX conceptEntry id when the concept came from TBX, else our id */
  conceptId: string;
  lang: string;
  status: Status;
  /** preferred English term */
  english: string | null;
  /** the glossary term matched (may differ from `text` by script, width, case or line breaks) */
  term: string;
  /** the form to use per locale; `derived` ones come from opencc conversion */
  forms: RegionalForms;
  issues: ReviewIssue[];
}

export interface ConceptSummary {
  conceptId: string;
  /** our numeric id (for links to /concepts/:id) */
  id: number;
  english: string | null;
  label: string;
  count: number;
  /** distinct written forms, in order of first appearance */
  forms: string[];
  issues: number;
  /** index in `matches` of the first match of this concept */
  first: number;
}

export interface ReviewSummary {
  locale: ChineseLocale;
  localeGuessed: boolean;
  format: DocumentFormat;
  characters: number;
  matchCount: number;
  conceptCount: number;
  issueCount: number;
  issues: Record<IssueType, number>;
  concepts: ConceptSummary[];
}

export interface ReviewResult {
  matches: ReviewMatch[];
  summary: ReviewSummary;
}

export interface ReviewOptions {
  format?: DocumentFormat;
  locale?: ChineseLocale;
  /** also return the document rendered as sanitised HTML with the names marked */
  render?: boolean;
  /** the words of the rendering's tooltips, in the reader's language (English by default) */
  wording?: ReviewWording;
}

/** How the rendered document words its tooltips: an issue's sentence, and the mark of a converted form. */
export interface ReviewWording {
  issue(issue: ReviewIssue): string;
  derived: string;
}

const ENGLISH_WORDING: ReviewWording = { issue: (i) => i.message, derived: '(derived)' };

/** What the highlighter needs from the glossary; build once per glossary revision. */
export interface ReviewGlossary {
  matcher: Matcher;
  concept(id: number): Concept | undefined;
  forms(id: number): RegionalForms;
}

export function reviewGlossary(matcher: Matcher, concepts: readonly Concept[]): ReviewGlossary {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const forms = new Map<number, RegionalForms>();
  return {
    matcher,
    concept: (id) => byId.get(id),
    forms(id) {
      let f = forms.get(id);
      if (!f) {
        const c = byId.get(id);
        f = c ? regionalForms(c) : { 'zh-CN': null, 'zh-TW': null, 'zh-HK': null, en: null };
        forms.set(id, f);
      }
      return f;
    },
  };
}

/** A matcher hit plus what was written. */
interface Hit extends TermMatch {
  written: string;
}

interface Choice extends Inconsistency {
  /** the usual form as written in the document */
  display: string;
  /** every rival form as written, in order of first use */
  forms: string[];
}

interface DocumentContext {
  locale: ChineseLocale;
  /** per concept and primary language with rival forms in the document: the one to use */
  inconsistent: Map<string, Choice>;
}

const choiceKey = (conceptId: number, lang: string) => `${conceptId}\u0000${primaryLanguage(lang)}`;
/** zh-TW and zh-HK share a script: when the text is Traditional, the names found decide. */
function refineTraditional(hits: readonly Hit[], glossary: ReviewGlossary): ChineseLocale {
  let tw = 0;
  let hk = 0;
  for (const h of hits) {
    const c = glossary.concept(h.conceptId);
    if (!c) continue;
    const key = fold(h.written);
    const inLocale = (lang: string) => c.terms.some((t) => t.lang === lang && isApproved(t.status) && fold(t.text) === key);
    const isTw = inLocale('zh-TW');
    const isHk = inLocale('zh-HK');
    if (isTw && !isHk) tw++;
    if (isHk && !isTw) hk++;
  }
  return hk > tw ? 'zh-HK' : 'zh-TW';
}

function documentContext(hits: readonly Hit[], glossary: ReviewGlossary, locale: ChineseLocale): DocumentContext {
  const groups = new Map<string, { conceptId: number; lang: string; hits: Hit[] }>();
  for (const h of hits) {
    const key = choiceKey(h.conceptId, h.term.lang);
    const g = groups.get(key);
    if (g) g.hits.push(h);
    else groups.set(key, { conceptId: h.conceptId, lang: h.term.lang, hits: [h] });
  }
  const inconsistent = new Map<string, Choice>();
  for (const [key, g] of groups) {
    const preferred = glossary.forms(g.conceptId)[isChinese(g.lang) ? locale : 'en'];
    const found = findInconsistency(
      g.hits.map((h) => h.term),
      preferred?.text,
    );
    if (!found) continue;
    // What the document wrote for each folded form, first occurrence first.
    const written = new Map<string, string>();
    for (const h of g.hits) {
      const k = fold(h.term.text);
      if (!written.has(k)) written.set(k, h.written.replace(/\s+/g, isChinese(h.term.lang) ? '' : ' '));
    }
    inconsistent.set(key, { ...found, display: written.get(found.usual)!, forms: found.rivals.map((k) => written.get(k)!) });
  }
  return { locale, inconsistent };
}

/** The English sentence of an issue (the API's and the report's words). */
export function issueMessage(type: IssueType, p: IssueParams): string {
  switch (type) {
    case 'deprecated':
    case 'forbidden':
      return `${p.written} is ${type} for ${p.name}${p.use ? `; use ${p.use}` : ''}.`;
    case 'not-preferred-for-locale':
      return `${p.written} is not the ${p.locale} form of ${p.name}; use ${p.use}${p.derived ? ' (converted from zh-CN)' : ''}.`;
    case 'inconsistent':
      return `${p.name} is written ${(p.forms ?? []).join(' and ')} in this document; use ${p.use} throughout.`;
  }
}

const issue = (type: IssueType, params: IssueParams): ReviewIssue => ({
  type,
  params,
  message: issueMessage(type, params),
  ...(params.use !== undefined ? { suggestion: params.use } : {}),
  ...(params.forms ? { forms: params.forms } : {}),
});

function issuesFor(hit: Hit, glossary: ReviewGlossary, ctx: DocumentContext, english: string | null): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  const concept = glossary.concept(hit.conceptId);
  const forms = glossary.forms(hit.conceptId);
  const { locale } = ctx;
  const same = [hit, ...(hit.alternatives ?? [])].filter((c) => c.conceptId === hit.conceptId).map((c) => c.term);
  const chinese = isChinese(hit.term.lang);
  const target = chinese ? forms[locale] : forms.en;
  const targetLang = chinese ? locale : 'en';
  const acceptedHere = same.some((t) => t.lang === targetLang && isApproved(t.status));
  const name = english ?? hit.term.text;

  if ((hit.term.status === 'deprecated' || hit.term.status === 'forbidden') && !acceptedHere) {
    const use = target && fold(target.text) !== fold(hit.written) ? target.text : undefined;
    issues.push(issue(hit.term.status, { written: hit.written, name, ...(use ? { use } : {}) }));
  } else if (chinese && target && !acceptedHere && fold(target.text) !== fold(hit.written)) {
    // A derived form is only a conversion of the zh-CN one: writing the zh-CN form is fine.
    const derivedOk = target.derived && same.some((t) => t.lang === 'zh-CN' && isApproved(t.status));
    const ownLocaleTerms = concept?.terms.some((t) => t.lang === locale) ?? false;
    if (!derivedOk && (ownLocaleTerms || target.derived)) {
      issues.push(
        issue('not-preferred-for-locale', { written: hit.written, name, use: target.text, locale, derived: Boolean(target.derived) }),
      );
    }
  }
  const choice = ctx.inconsistent.get(choiceKey(hit.conceptId, hit.term.lang));
  // A form already flagged (wrong region, deprecated) says what to use; one flag per name is enough.
  if (choice && issues.length === 0 && isInconsistentUse(hit.term, choice)) {
    issues.push(issue('inconsistent', { written: hit.written, name, use: choice.display, forms: choice.forms }));
  }
  return issues;
}

interface MatchFacts {
  conceptId: string;
  english: string | null;
  issues: ReviewIssue[];
}

/**
 * Everything about a match but its place depends only on the term, the written form and the
 * alternatives (same for every occurrence of that form), so it is computed once per form: a
 * long report repeats a few hundred names hundreds of thousands of times.
 */
function toMatch(hit: Hit, glossary: ReviewGlossary, ctx: DocumentContext, memo?: Map<string, MatchFacts>): ReviewMatch {
  const key = memo ? `${hit.term.id}\u0000${hit.conceptId}\u0000${hit.alternatives?.length ?? 0}\u0000${hit.written}` : '';
  let facts = memo?.get(key);
  if (!facts) {
    const concept = glossary.concept(hit.conceptId);
    const english = concept ? (englishTerm(concept.terms)?.text ?? null) : null;
    facts = {
      conceptId: concept ? conceptRef(concept) : String(hit.conceptId),
      english,
      issues: issuesFor(hit, glossary, ctx, english),
    };
    memo?.set(key, facts);
  }
  return {
    start: hit.start,
    end: hit.end,
    text: hit.written,
    conceptId: facts.conceptId,
    lang: hit.term.lang,
    status: hit.term.status,
    english: facts.english,
    term: hit.term.text,
    forms: glossary.forms(hit.conceptId),
    issues: facts.issues,
  };
}

function hitsIn(text: string, matcher: Matcher, base = 0, map?: TextRun['map']): Hit[] {
  return matcher.match(text).map((m) => {
    const written = text.slice(m.start, m.end);
    if (!map) return { ...m, start: m.start + base, end: m.end + base, written };
    const [start, end] = map(m.start, m.end);
    return { ...m, start: start + base, end: end + base, written };
  });
}

/** Which format a document is in when the caller does not say (file name first, then content). */
export function detectFormat(text: string, filename?: string): DocumentFormat {
  const name = filename?.toLowerCase() ?? '';
  if (/\.(html?|xhtml)$/.test(name)) return 'html';
  if (/\.(md|markdown)$/.test(name)) return 'md';
  if (/\.(txt|text)$/.test(name)) return 'text';
  const head = text.slice(0, 20_000);
  if (/^\s*<(!doctype html|html|body)[\s>]/i.test(head)) return 'html';
  if ((head.match(/<\/?(p|div|span|a|br|table|tr|td|h[1-6]|ul|ol|li|strong|em|img|section|article)\b[^<>]*>/gi)?.length ?? 0) >= 2)
    return 'html';
  return 'text';
}

export interface RenderedReview extends ReviewResult {
  /** the document's YAML front matter, shown as metadata and not reviewed as text */
  frontMatter?: FrontMatterField[];
  /** sanitised HTML of the document with names marked (see renderSafeHtml) */
  html?: string;
  /** the tooltips the marks' `data-tip` refer to */
  tips?: MarkTip[];
}

export function reviewDocument(source: string, glossary: ReviewGlossary, options: ReviewOptions = {}): RenderedReview {
  const format = options.format ?? 'text';
  const { matcher } = glossary;
  // Front matter is metadata: only the body after it is reviewed (offsets stay into the source).
  const meta = frontMatter(source);
  const bodyStart = meta?.end ?? 0;
  const body = bodyStart ? source.slice(bodyStart) : source;
  // Offsets refer to the document as given: HTML is matched text node by text node (mapped
  // back through entities), Markdown on its source (markup rarely cuts through a name).
  let hits: Hit[];
  let runs: TextRun[] | undefined;
  let tree: ReturnType<typeof htmlTextRuns>['tree'] | undefined;
  if (format === 'html') {
    ({ runs, tree } = htmlTextRuns(body));
    hits = runs.flatMap((r) => hitsIn(r.text, matcher, bodyStart, r.map));
  } else {
    hits = hitsIn(body, matcher, bodyStart);
  }
  let locale = options.locale;
  const localeGuessed = !locale;
  if (!locale) {
    locale = guessLocaleFromScript(format === 'html' && runs ? runs.map((r) => r.text).join('\n') : body);
    if (locale !== 'zh-CN') locale = refineTraditional(hits, glossary);
  }
  const ctx = documentContext(hits, glossary, locale);
  const memo = new Map<string, MatchFacts>();
  const matches = hits.map((h) => toMatch(h, glossary, ctx, memo));
  const result: RenderedReview = {
    matches,
    summary: summarise(matches, hits, glossary, { locale, localeGuessed, format, characters: source.length }),
  };
  if (meta) result.frontMatter = meta.fields;
  if (!options.render) return result;

  const marker = new Marker(options.wording ?? ENGLISH_WORDING);
  result.tips = marker.tips;
  const metadata = meta ? renderFrontMatter(meta.fields) : '';
  if (format === 'text') {
    result.html = metadata + renderText(source, bodyStart, matches, hits, marker, displayBreaks(source, bodyStart));
  } else {
    // Markdown is rendered to HTML first; its marks are found again in the rendered text.
    if (format === 'md') {
      let rendered: string;
      try {
        rendered = marked.parse(body, { async: false, gfm: true });
      } catch {
        // marked recurses per nesting level; pathological input (100,000 '>') overflows it.
        // The matches come from the source anyway: show the source as preformatted text.
        rendered = `<pre>${escapeHtmlText(body)}</pre>`;
      }
      ({ runs, tree } = htmlTextRuns(rendered));
    }
    const markedRuns = new Map<TextRun['node'], RenderMark<{ match: ReviewMatch; id: number }>[]>();
    let index = 0;
    for (const run of runs!) {
      const local = matcher.match(run.text);
      if (!local.length) continue;
      markedRuns.set(
        run.node,
        local.map((m) => {
          const hit: Hit = { ...m, written: run.text.slice(m.start, m.end) };
          // HTML: the rendered marks are the reported matches, in order.
          const match = format === 'html' ? matches[index]! : toMatch(hit, glossary, ctx);
          return { start: m.start, end: m.end, match: { match, id: m.conceptId }, index: format === 'html' ? index++ : null };
        }),
      );
    }
    result.html =
      metadata +
      renderSafeHtml(
        tree!,
        (node) => markedRuns.get(node) ?? [],
        (text, m, i) => marker.mark(escapeHtmlText(text), m.match, m.id, i),
      );
  }
  return result;
}

function summarise(
  matches: ReviewMatch[],
  hits: Hit[],
  glossary: ReviewGlossary,
  meta: Pick<ReviewSummary, 'locale' | 'localeGuessed' | 'format' | 'characters'>,
): ReviewSummary {
  const issues = Object.fromEntries(ISSUE_TYPES.map((t) => [t, 0])) as Record<IssueType, number>;
  const concepts = new Map<number, ConceptSummary>();
  const shownForms = new Map<string, string>();
  matches.forEach((m, i) => {
    for (const issue of m.issues) issues[issue.type]++;
    const id = hits[i]!.conceptId;
    let s = concepts.get(id);
    if (!s) {
      const c = glossary.concept(id);
      s = { conceptId: m.conceptId, id, english: m.english, label: m.english ?? m.term, count: 0, forms: [], issues: 0, first: i };
      if (!m.english && c) s.label = m.term;
      concepts.set(id, s);
    }
    s.count++;
    s.issues += m.issues.length;
    let shown = shownForms.get(m.text);
    if (shown === undefined) {
      shown = writtenForm(m);
      shownForms.set(m.text, shown);
    }
    if (!s.forms.includes(shown)) s.forms.push(shown);
  });
  const list = [...concepts.values()].sort((a, b) => b.issues - a.issues || b.count - a.count || a.first - b.first);
  return {
    ...meta,
    matchCount: matches.length,
    conceptCount: list.length,
    issueCount: Object.values(issues).reduce((a, b) => a + b, 0),
    issues,
    concepts: list,
  };
}

/** A name as written, on one line: a line break inside a Chinese name is no space, inside an English one it is. */
export function writtenForm(m: Pick<ReviewMatch, 'text' | 'lang'>): string {
  return m.text.replace(/\s+/g, isChinese(m.lang) ? '' : ' ');
}

/** What the review page's tooltip shows for a mark; shared by every mark with the same data. */
export interface MarkTip {
  key: number;
  english: string;
  term: string;
  lang: string;
  status: Status;
  /** one line per region: "zh-TW: 普里斯汀納" ("(derived)" when converted) */
  forms: string;
  /** one line per issue */
  issues: string;
}

/**
 * Writes marks. A long document has hundreds of thousands of marks but few distinct tooltips,
 * so each mark carries only its classes, a short `title` (the no-JavaScript fallback) and
 * `data-tip`, the key of its tooltip in `tips` (the page renders those once). Every value
 * written is escaped.
 */
class Marker {
  readonly tips: MarkTip[] = [];
  private readonly openings = new Map<string, string>();

  constructor(private readonly wording: ReviewWording) {}

  /** `html` is the marked text, already escaped; `id` the concept's numeric id: the mark links to /concepts/:id. */
  mark(html: string, m: ReviewMatch, id: number, index: number | null): string {
    const issueText = m.issues.map((i) => this.wording.issue(i)).join('\n');
    const signature = `${m.conceptId}\u0000${m.term}\u0000${m.lang}\u0000${m.status}\u0000${issueText}`;
    let opening = this.openings.get(signature);
    if (opening === undefined) {
      const forms = (['zh-CN', 'zh-TW', 'zh-HK'] as const)
        .map((l) => {
          const f = m.forms[l];
          return f ? `${l}: ${f.text}${f.derived ? ` ${this.wording.derived}` : ''}` : null;
        })
        .filter(Boolean)
        .join('\n');
      const key = this.tips.length;
      const english = m.english ?? m.term;
      this.tips.push({ key, english, term: m.term, lang: m.lang, status: m.status, forms, issues: issueText });
      const classes = ['tb-term', `tb-status-${m.status}`];
      if (m.issues.length) classes.push('tb-has-issue', ...m.issues.map((i) => `tb-issue-${i.type}`));
      const title = [english, ...m.issues.map((i) => this.wording.issue(i))].join('\n');
      opening = `<mark class="${classes.join(' ')}" tabindex="-1" title="${escapeHtmlAttribute(title)}" data-concept="${escapeHtmlAttribute(m.conceptId)}" data-english="${escapeHtmlAttribute(english)}" data-tip="${key}"`;
      this.openings.set(signature, opening);
    }
    // The concept's page as data-href, not an <a>: a name inside a link of the document would
    // nest links, and the document stays one tab stop (review.js follows it on Enter or a click).
    return `${opening} data-href="/concepts/${id}"${index !== null ? ` id="m-${index}"` : ''}>${html}</mark>`;
  }
}

/**
 * Plain text from `from` on, escaped, with the matches marked and the line breaks reflowed
 * for display (reflow.ts). One pass over matches and breaks together: both are in order.
 */
function renderText(
  source: string,
  from: number,
  matches: ReviewMatch[],
  hits: readonly Hit[],
  marker: Marker,
  breaks: readonly DisplayBreak[],
): string {
  const out: string[] = [];
  let b = 0;
  // source[start, end) escaped, each break inside it shown as its display text.
  const shown = (start: number, end: number): string => {
    let s = '';
    let at = start;
    while (b < breaks.length && breaks[b]!.end <= at) b++;
    while (b < breaks.length && breaks[b]!.start < end) {
      const br = breaks[b]!;
      if (br.start > at) s += escapeHtmlText(source.slice(at, br.start));
      if (br.end > end) {
        // A break reaching past the slice (a mark ends inside white space): the rest comes next.
        s += br.start >= at ? br.text : '';
        return s;
      }
      if (br.start >= at) s += br.text;
      at = Math.max(at, br.end);
      b++;
    }
    return s + escapeHtmlText(source.slice(at, end));
  };
  let at = from;
  matches.forEach((m, i) => {
    out.push(shown(at, m.start), marker.mark(shown(m.start, m.end), m, hits[i]!.conceptId, i));
    at = m.end;
  });
  out.push(shown(at, source.length));
  return out.join('');
}

/** Front matter as a definition list above the document: metadata, never marked. */
function renderFrontMatter(fields: readonly FrontMatterField[]): string {
  const rows = fields.map((f) => `<dt>${escapeHtmlText(f.key)}</dt><dd>${escapeHtmlText(f.value)}</dd>`).join('');
  return `<dl class="review-front-matter">${rows}</dl>`;
}
