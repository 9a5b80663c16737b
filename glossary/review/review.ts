import { marked } from 'marked';
import { englishTerm } from '../concept/concept.ts';
import { CHINESE_LOCALES, type ChineseLocale, isChinese, primaryLanguage } from '../concept/lang.ts';
import { type RegionalForms, regionalForms } from '../concept/regional-forms.ts';
import { type Concept, conceptRef, type Status } from '../concept/types.ts';
import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { fold as foldText } from '../text/fold.ts';
import { htmlTextRuns, renderSafeHtml, type TextRun } from '../text/html-document.ts';
import { guessLocaleFromScript } from '../text/script.ts';

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

export interface ReviewIssue {
  type: IssueType;
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
}

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

/**
 * Names repeat through a document, so their folded forms are memoised (a long document has
 * hundreds of thousands of matches but a few hundred distinct names).
 */
const foldMemo = new Map<string, string>();
function fold(s: string): string {
  let f = foldMemo.get(s);
  if (f === undefined) {
    if (foldMemo.size > 50_000) foldMemo.clear();
    f = foldText(s);
    foldMemo.set(s, f);
  }
  return f;
}

const OK_STATUS = new Set<Status>(['preferred', 'admitted']);
/** Abbreviations and short forms sit beside full forms in good writing: they are not rival spellings. */
const NOT_RIVAL = new Set(['abbreviation', 'acronym', 'shortForm']);

/** A matcher hit plus what was written. */
interface Hit extends TermMatch {
  written: string;
}

interface Choice {
  /** folded form to use throughout */
  key: string;
  display: string;
  forms: string[];
}

interface DocumentContext {
  locale: ChineseLocale;
  /** per concept with rival forms in the document: the one to use */
  inconsistent: Map<number, Choice>;
}

function englishOf(concept: Concept | undefined): string | null {
  if (!concept) return null;
  return englishTerm(concept.terms)?.text ?? null;
}

/** zh-TW and zh-HK share a script: when the text is Traditional, the names found decide. */
function refineTraditional(hits: readonly Hit[], glossary: ReviewGlossary): ChineseLocale {
  let tw = 0;
  let hk = 0;
  for (const h of hits) {
    const c = glossary.concept(h.conceptId);
    if (!c) continue;
    const key = fold(h.written);
    const inLocale = (lang: string) => c.terms.some((t) => t.lang === lang && OK_STATUS.has(t.status) && fold(t.text) === key);
    const isTw = inLocale('zh-TW');
    const isHk = inLocale('zh-HK');
    if (isTw && !isHk) tw++;
    if (isHk && !isTw) hk++;
  }
  return hk > tw ? 'zh-HK' : 'zh-TW';
}

function documentContext(hits: readonly Hit[], glossary: ReviewGlossary, locale: ChineseLocale): DocumentContext {
  const byConcept = new Map<number, Map<string, { display: string; count: number; order: number; lang: string }>>();
  let order = 0;
  for (const h of hits) {
    if (h.term.type && NOT_RIVAL.has(h.term.type)) continue;
    const key = fold(h.term.text);
    let forms = byConcept.get(h.conceptId);
    if (!forms) {
      forms = new Map();
      byConcept.set(h.conceptId, forms);
    }
    const f = forms.get(key);
    if (f) f.count++;
    else
      forms.set(key, {
        display: h.written.replace(/\s+/g, isChinese(h.term.lang) ? '' : ' '),
        count: 1,
        order: order++,
        lang: primaryLanguage(h.term.lang),
      });
  }
  const inconsistent = new Map<number, Choice>();
  for (const [conceptId, forms] of byConcept) {
    // Rivals: two forms in one language where neither contains the other (普京 inside
    // 弗拉基米尔·普京 is the same name, shortened).
    const byLang = new Map<string, string[]>();
    for (const [key, f] of forms) byLang.set(f.lang, [...(byLang.get(f.lang) ?? []), key]);
    for (const keys of byLang.values()) {
      const rivals = keys.filter((k) => !keys.some((o) => o !== k && o.includes(k)) && !keys.some((o) => o !== k && k.includes(o)));
      if (rivals.length < 2) continue;
      const preferred = glossary.forms(conceptId)[locale];
      const preferredKey = preferred ? fold(preferred.text) : undefined;
      const ranked = [...rivals].sort((a, b) => forms.get(b)!.count - forms.get(a)!.count || forms.get(a)!.order - forms.get(b)!.order);
      const key = preferredKey && rivals.includes(preferredKey) ? preferredKey : ranked[0]!;
      const shown = [...rivals].sort((a, b) => forms.get(a)!.order - forms.get(b)!.order).map((k) => forms.get(k)!.display);
      inconsistent.set(conceptId, { key, display: forms.get(key)!.display, forms: shown });
    }
  }
  return { locale, inconsistent };
}

function issuesFor(hit: Hit, glossary: ReviewGlossary, ctx: DocumentContext, english: string | null): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  const concept = glossary.concept(hit.conceptId);
  const forms = glossary.forms(hit.conceptId);
  const { locale } = ctx;
  const same = [hit, ...(hit.alternatives ?? [])].filter((c) => c.conceptId === hit.conceptId).map((c) => c.term);
  const chinese = isChinese(hit.term.lang);
  const target = chinese ? forms[locale] : forms.en;
  const targetLang = chinese ? locale : 'en';
  const acceptedHere = same.some((t) => t.lang === targetLang && OK_STATUS.has(t.status));
  const name = english ?? hit.term.text;

  if ((hit.term.status === 'deprecated' || hit.term.status === 'forbidden') && !acceptedHere) {
    const use = target && fold(target.text) !== fold(hit.written) ? target.text : undefined;
    issues.push({
      type: hit.term.status,
      message: `${hit.written} is ${hit.term.status} for ${name}${use ? `; use ${use}` : ''}.`,
      ...(use ? { suggestion: use } : {}),
    });
  } else if (chinese && target && !acceptedHere && fold(target.text) !== fold(hit.written)) {
    // A derived form is only a conversion of the zh-CN one: writing the zh-CN form is fine.
    const derivedOk = target.derived && same.some((t) => t.lang === 'zh-CN' && OK_STATUS.has(t.status));
    const ownLocaleTerms = concept?.terms.some((t) => t.lang === locale) ?? false;
    if (!derivedOk && (ownLocaleTerms || target.derived)) {
      issues.push({
        type: 'not-preferred-for-locale',
        message: `${hit.written} is not the ${locale} form of ${name}; use ${target.text}${target.derived ? ' (converted from zh-CN)' : ''}.`,
        suggestion: target.text,
      });
    }
  }
  const choice = ctx.inconsistent.get(hit.conceptId);
  // A form already flagged (wrong region, deprecated) says what to use; one flag per name is enough.
  if (choice && issues.length === 0 && !(hit.term.type && NOT_RIVAL.has(hit.term.type))) {
    const key = fold(hit.term.text);
    if (key !== choice.key && choice.forms.length > 1) {
      issues.push({
        type: 'inconsistent',
        message: `${name} is written ${choice.forms.join(' and ')} in this document; use ${choice.display} throughout.`,
        suggestion: choice.display,
        forms: choice.forms,
      });
    }
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
    const english = englishOf(concept);
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
    return { ...m, start, end, written };
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
  /** sanitised HTML of the document with names marked (see renderSafeHtml) */
  html?: string;
  /** the tooltips the marks' `data-tip` refer to */
  tips?: MarkTip[];
}

export function reviewDocument(source: string, glossary: ReviewGlossary, options: ReviewOptions = {}): RenderedReview {
  const format = options.format ?? 'text';
  const { matcher } = glossary;
  // Offsets refer to the document as given: HTML is matched text node by text node (mapped
  // back through entities), Markdown on its source (markup rarely cuts through a name).
  let hits: Hit[];
  let runs: TextRun[] | undefined;
  let tree: ReturnType<typeof htmlTextRuns>['tree'] | undefined;
  if (format === 'html') {
    ({ runs, tree } = htmlTextRuns(source));
    hits = runs.flatMap((r) => hitsIn(r.text, matcher, 0, r.map));
  } else {
    hits = hitsIn(source, matcher);
  }
  let locale = options.locale;
  const localeGuessed = !locale;
  if (!locale) {
    locale = guessLocaleFromScript(format === 'html' && runs ? runs.map((r) => r.text).join('\n') : source);
    if (locale !== 'zh-CN') locale = refineTraditional(hits, glossary);
  }
  const ctx = documentContext(hits, glossary, locale);
  const memo = new Map<string, MatchFacts>();
  const matches = hits.map((h) => toMatch(h, glossary, ctx, memo));
  const result: RenderedReview = {
    matches,
    summary: summarise(matches, hits, glossary, { locale, localeGuessed, format, characters: source.length }),
  };
  if (!options.render) return result;

  const marker = new Marker();
  result.tips = marker.tips;
  if (format === 'text') {
    result.html = renderText(source, matches, marker);
  } else {
    // Markdown is rendered to HTML first; its marks are found again in the rendered text.
    if (format === 'md') {
      let rendered: string;
      try {
        rendered = marked.parse(source, { async: false, gfm: true });
      } catch {
        // marked recurses per nesting level; pathological input (100,000 '>') overflows it.
        // The matches come from the source anyway: show the source as preformatted text.
        rendered = `<pre>${escapeHtml(source)}</pre>`;
      }
      ({ runs, tree } = htmlTextRuns(rendered));
    }
    const markedRuns = new Map<TextRun['node'], { start: number; end: number; match: ReviewMatch; index: number | null }[]>();
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
          return { start: m.start, end: m.end, match, index: format === 'html' ? index++ : null };
        }),
      );
    }
    result.html = renderSafeHtml(
      tree!,
      (node) => markedRuns.get(node) ?? [],
      (text, m, i) => marker.mark(text, m, i),
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
      shown = m.text.replace(/\s+/g, isChinese(m.lang) ? '' : ' ');
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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
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

  mark(text: string, m: ReviewMatch, index: number | null): string {
    const issueText = m.issues.map((i) => i.message).join('\n');
    const signature = `${m.conceptId}\u0000${m.term}\u0000${m.lang}\u0000${m.status}\u0000${issueText}`;
    let opening = this.openings.get(signature);
    if (opening === undefined) {
      const forms = (['zh-CN', 'zh-TW', 'zh-HK'] as const)
        .map((l) => {
          const f = m.forms[l];
          return f ? `${l}: ${f.text}${f.derived ? ' (derived)' : ''}` : null;
        })
        .filter(Boolean)
        .join('\n');
      const key = this.tips.length;
      const english = m.english ?? m.term;
      this.tips.push({ key, english, term: m.term, lang: m.lang, status: m.status, forms, issues: issueText });
      const classes = ['tb-term', `tb-status-${m.status}`];
      if (m.issues.length) classes.push('tb-has-issue', ...m.issues.map((i) => `tb-issue-${i.type}`));
      const title = [english, ...m.issues.map((i) => i.message)].join('\n');
      opening = `<mark class="${classes.join(' ')}" tabindex="-1" title="${escapeHtml(title)}" data-concept="${escapeHtml(m.conceptId)}" data-english="${escapeHtml(english)}" data-tip="${key}"`;
      this.openings.set(signature, opening);
    }
    return `${opening}${index !== null ? ` id="m-${index}"` : ''}>${escapeHtml(text)}</mark>`;
  }
}

function renderText(source: string, matches: ReviewMatch[], marker: Marker): string {
  const out: string[] = [];
  let at = 0;
  matches.forEach((m, i) => {
    out.push(escapeHtml(source.slice(at, m.start)), marker.mark(source.slice(m.start, m.end), m, i));
    at = m.end;
  });
  out.push(escapeHtml(source.slice(at)));
  return out.join('');
}

export function isChineseLocale(tag: string): tag is ChineseLocale {
  return (CHINESE_LOCALES as readonly string[]).includes(tag);
}
