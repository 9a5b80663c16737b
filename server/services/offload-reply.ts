import { type AlignmentTmxOptions, alignmentToTmx, type DocumentAlignment } from '../../glossary/align/document-alignment.ts';
import { type ReportFormat, renderReport } from '../../glossary/review/report.ts';
import type { RenderedReview, ReviewMatch } from '../../glossary/review/review.ts';
import type { OffloadTask } from './offload.ts';

/**
 * How an offloaded result comes back when it is the whole HTTP answer: already serialised, by
 * the worker. A 10 MB document's review is hundreds of thousands of match objects; copying
 * them across threads and running JSON.stringify and an ETag hash over them on the event loop
 * blocked /healthz for seconds (issue 13). As bytes, the copy is one memcpy and the main
 * thread only writes them out.
 */
export type Reply =
  /** the result as JSON, or only these of its top-level fields */
  | { as: 'json'; fields?: readonly string[] | undefined }
  /** a review's report (glossary/review/report.ts) */
  | { as: 'report'; format: ReportFormat }
  /** an alignment as TMX */
  | { as: 'tmx'; options: AlignmentTmxOptions }
  /** a review as the review page shows it (an object, not bytes): see ReviewPage */
  | { as: 'review-page'; maxIssues: number };

/**
 * What the review page needs of a review: everything but the matches, of which only the
 * first `maxIssues` with issues (and their index among all). A 10 MB document has some 400,000
 * matches; the page lists a few hundred, and copying the rest to the main thread cost seconds.
 */
export interface ReviewPage extends Omit<RenderedReview, 'matches'> {
  issues: (ReviewMatch & { index: number })[];
  moreIssues: boolean;
}

export function reviewPage(review: RenderedReview, maxIssues: number): ReviewPage {
  const { matches, ...rest } = review;
  const issues: ReviewPage['issues'] = [];
  let moreIssues = false;
  for (let i = 0; i < matches.length; i++) {
    if (!matches[i]!.issues.length) continue;
    if (issues.length === maxIssues) {
      moreIssues = true;
      break;
    }
    issues.push({ ...matches[i]!, index: i });
  }
  return { ...rest, issues, moreIssues };
}

export interface ReplyBody {
  body: Uint8Array;
  type: string;
}

/** The answer's bytes and content type, or the page's view (on the worker, or inline for in-memory databases). */
export function replyBody(task: OffloadTask, value: unknown, reply: Reply): ReplyBody | ReviewPage {
  const encode = (s: string) => new TextEncoder().encode(s);
  switch (reply.as) {
    case 'json': {
      const picked = reply.fields
        ? Object.fromEntries(reply.fields.filter((f) => f in (value as object)).map((f) => [f, (value as Record<string, unknown>)[f]]))
        : value;
      return { body: encode(JSON.stringify(picked)), type: 'application/json; charset=utf-8' };
    }
    case 'report': {
      if (task.kind !== 'review') throw new Error('a report is made of a review');
      const { body, type } = renderReport(task.text, value as RenderedReview, reply.format);
      return { body: encode(body), type };
    }
    case 'review-page':
      return reviewPage(value as RenderedReview, reply.maxIssues);
    case 'tmx':
      return { body: encode(alignmentToTmx(value as DocumentAlignment, reply.options)), type: 'application/x-tmx+xml; charset=utf-8' };
  }
}
