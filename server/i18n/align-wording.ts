import type { QaIssue } from '../../glossary/align/qa.ts';
import { translate } from './catalogue.ts';
import type { UiLocale } from './locales.ts';

/**
 * An alignment QA issue in the reader's language: glossary/align/qa.ts gives its kind and
 * values, the catalogue's `js.align.issue` words them (align.js does the same in the browser,
 * from the same message). Names are quoted the script's way (“…”, 「…」) and the terms to use
 * joined as alternatives ("A or B", "A或B").
 */
export function qaIssueSentence(issue: Pick<QaIssue, 'type' | 'params'>, locale: UiLocale): string {
  const p = issue.params;
  const quote = (text: string) => translate(locale, 'js.align.quote', { text });
  return translate(locale, 'js.align.issue', {
    type: issue.type,
    written: quote(p.written),
    used: p.used === undefined ? '' : quote(p.used),
    other: p.other ?? '',
    hasOther: p.other === undefined ? 'no' : 'yes',
    expected: new Intl.ListFormat(locale, { type: 'disjunction' }).format(p.expected.map(quote)),
    hasExpected: p.expected.length ? 'yes' : 'no',
    count: p.count ?? 0,
  });
}
