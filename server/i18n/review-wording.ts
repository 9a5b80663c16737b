import type { IssueParams, IssueType, ReviewWording } from '../../glossary/review/review.ts';
import { translate } from './catalogue.ts';
import type { UiLocale } from './locales.ts';

/**
 * A review issue in the reader's language: glossary/review gives its kind and values, the
 * catalogue's `reviewIssue.sentence` words them. Lists of forms are joined the language's way
 * ("A and B", "A和B"); the target region is named, not coded.
 */
export function issueSentence(issue: { type: IssueType; params: IssueParams }, locale: UiLocale): string {
  const p = issue.params;
  return translate(locale, 'reviewIssue.sentence', {
    type: issue.type,
    written: p.written,
    name: p.name,
    use: p.use ?? '',
    suggest: p.use ? 'yes' : 'no',
    region: p.locale ? translate(locale, 'lang.label', { tag: p.locale }) : '',
    derived: p.derived ? 'yes' : 'no',
    forms: new Intl.ListFormat(locale, { type: 'conjunction' }).format(p.forms ?? []),
  });
}

/** The rendered document's tooltip words for one interface language. */
export function reviewWording(locale: UiLocale): ReviewWording {
  return { issue: (i) => issueSentence(i, locale), derived: translate(locale, 'review.derived') };
}
