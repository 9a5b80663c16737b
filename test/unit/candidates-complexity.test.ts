import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKnownIndex, buildTranslitModel, extractCandidates } from '../../glossary/candidates/index.ts';

// Degenerate documents at a size where a quadratic step would run for many minutes (the
// first shape took 12.6 s at 60,000 repeats and about an hour at the 2M-character cap): the
// test's timeout, not a timing assertion, is what fails when a step stops being linear.
const SHAPES: Record<string, (n: number) => string> = {
  'one definition marker repeated (下称)': (n) => '下称'.repeat(n),
  'one definition repeated': (n) => '（下称“科索”）'.repeat(n / 4),
  'one character repeated': (n) => '科'.repeat(n * 2),
  'unbalanced brackets': (n) => '（'.repeat(n) + '）'.repeat(n),
  'an abbreviation chain': (n) => '欧洲安全组织（简称欧安）'.repeat(n / 6),
  'dotted name parts without end': (n) => '马尔蒂·'.repeat(n / 2),
  'Latin glosses': (n) => '联合国(UN '.repeat(n / 4),
};

const known = buildKnownIndex([]);
const model = buildTranslitModel([]);

for (const [name, make] of Object.entries(SHAPES)) {
  test(`extraction stays linear on ${name} (about a million characters)`, { timeout: 60_000 }, () => {
    const text = make(500_000);
    const result = extractCandidates(text, { known, model, rejected: new Set() });
    assert.ok(Array.isArray(result.candidates), 'an answer, not a hang');
  });
}
