import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RenderedReview, ReviewMatch } from '../../glossary/review/review.ts';
import { reviewPage } from '../../server/services/offload-reply.ts';

// The review page gets the review without its matches, only the first issues and their index
// among all matches (server/services/offload-reply.ts): what it lists, nothing more.
const match = (text: string, issues: number) =>
  ({ text, issues: Array.from({ length: issues }, () => ({ type: 'x' })) }) as unknown as ReviewMatch;
const review = {
  matches: [match('a', 0), match('b', 1), match('c', 0), match('d', 2), match('e', 1)],
  summary: { format: 'text' },
  html: '<p>x</p>',
  tips: [],
} as unknown as RenderedReview;

test('the page view keeps the first issues with their index and says whether there are more', () => {
  const two = reviewPage(review, 2);
  assert.deepEqual(
    two.issues.map((m) => [m.text, m.index]),
    [
      ['b', 1],
      ['d', 3],
    ],
  );
  assert.equal(two.moreIssues, true);
  assert.equal('matches' in two, false);
  assert.equal(two.html, '<p>x</p>');
  const all = reviewPage(review, 3);
  assert.deepEqual(
    all.issues.map((m) => m.index),
    [1, 3, 4],
  );
  assert.equal(all.moreIssues, false);
});
